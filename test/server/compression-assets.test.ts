import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createApp } from '../../server/src/app.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { createCountingCompressor, decodeBody } from './helpers/compression.js';
import { makeTempDir } from './helpers/fixtures.js';

// About 6 KB of script that compresses well, like a real bundle.
const widgetSource = Array.from(
  { length: 120 },
  (_, i) => `export const part${i} = () => document.querySelector('#hearth-${i}');\n`,
).join('');

describe('compressed static files', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let widgetFile: string;
  let chunkFile: string;
  let demoDir: string;
  let counter = createCountingCompressor();
  const makeApp = (compression = true) =>
    createApp(
      createMemoryStore(),
      { assets: { widgetFile, demoDir }, compression },
      { compress: counter.compress },
    );

  before(async () => {
    temp = await makeTempDir();
    widgetFile = path.join(temp.dir, 'dist', 'hearth.js');
    chunkFile = path.join(temp.dir, 'dist', 'chunks', 'composer-Ab12_c.js');
    demoDir = path.join(temp.dir, 'demo');
    await mkdir(path.dirname(chunkFile), { recursive: true });
    await mkdir(demoDir, { recursive: true });
    await writeFile(widgetFile, widgetSource);
    await writeFile(chunkFile, widgetSource.replaceAll('part', 'chunk'));
    await writeFile(path.join(temp.dir, 'dist', 'admin.js'), widgetSource.replaceAll('part', 'admin'));
    await writeFile(path.join(demoDir, 'index.html'), `<!doctype html><p>${'Hearth. '.repeat(300)}</p>`);
    await writeFile(path.join(demoDir, 'demo.css'), 'body { color: black; }');
    await writeFile(path.join(demoDir, 'logo.png'), Buffer.alloc(4096, 7));
  });
  beforeEach(() => {
    counter = createCountingCompressor();
  });
  after(async () => {
    await temp.remove();
  });

  it('chooses the coding by Accept-Encoding, with Vary, a right Content-Length and the original bytes', async () => {
    const app = makeApp();
    const cases: [acceptEncoding: string | undefined, encoding: string | null][] = [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', null],
      ['identity', null],
      [undefined, null],
    ];
    for (const [acceptEncoding, encoding] of cases) {
      const headers: Record<string, string> =
        acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
      const response = await app.request('/hearth.js', { headers });
      assert.equal(response.status, 200, acceptEncoding);
      assert.equal(response.headers.get('content-encoding'), encoding, acceptEncoding);
      assert.equal(response.headers.get('vary'), 'Accept-Encoding', acceptEncoding);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const length = Number(response.headers.get('content-length'));
      const bytes = await response.clone().arrayBuffer();
      assert.equal(length, bytes.byteLength, acceptEncoding);
      if (encoding !== null) assert.ok(length < widgetSource.length / 3, `${encoding}: ${length} B`);
      assert.equal(await decodeBody(response), widgetSource, acceptEncoding);
    }
  });

  it('gives each coding its own ETag, and answers 304 only to the tag of the coding asked for', async () => {
    const app = makeApp();
    const tags = new Map<string, string>();
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      const response = await app.request('/hearth.js', { headers: { 'Accept-Encoding': acceptEncoding } });
      tags.set(acceptEncoding, response.headers.get('etag') ?? '');
    }
    const identityTag = tags.get('identity')!;
    assert.match(identityTag, /^"[\w-]+"$/);
    assert.equal(tags.get('br'), `${identityTag.slice(0, -1)}-br"`);
    assert.equal(tags.get('gzip'), `${identityTag.slice(0, -1)}-gz"`);

    for (const [acceptEncoding, tag] of tags) {
      const cached = await app.request('/hearth.js', {
        headers: { 'Accept-Encoding': acceptEncoding, 'If-None-Match': tag },
      });
      assert.equal(cached.status, 304, acceptEncoding);
      assert.equal(cached.headers.get('etag'), tag);
      assert.equal(cached.headers.get('vary'), 'Accept-Encoding');
      assert.equal(await cached.text(), '');
    }
    // A brotli copy is no answer to a request that now takes only gzip.
    const switched = await app.request('/hearth.js', {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': tags.get('br')! },
    });
    assert.equal(switched.status, 200);
    assert.equal(switched.headers.get('content-encoding'), 'gzip');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const app = makeApp();
    const headers = { 'Accept-Encoding': 'br' };
    const get = await app.request('/chunks/composer-Ab12_c.js', { headers });
    const head = await app.request('/chunks/composer-Ab12_c.js', { method: 'HEAD', headers });
    assert.equal(head.status, 200);
    for (const name of ['content-encoding', 'content-length', 'etag', 'vary', 'cache-control']) {
      assert.equal(head.headers.get(name), get.headers.get(name), name);
    }
    assert.equal(head.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await head.text(), '');
  });

  it('uses the build’s .br and .gz when they hold the file, and compresses in memory once otherwise', async () => {
    const app = makeApp();
    await writeFile(`${chunkFile}.br`, brotliCompressSync(await readFile(chunkFile, 'utf8')));
    await writeFile(`${chunkFile}.gz`, gzipSync('what an older build wrote'));
    for (let i = 0; i < 3; i++) {
      for (const acceptEncoding of ['br', 'gzip']) {
        const response = await app.request('/chunks/composer-Ab12_c.js', {
          headers: { 'Accept-Encoding': acceptEncoding },
        });
        assert.equal(await decodeBody(response), await readFile(chunkFile, 'utf8'));
      }
    }
    assert.deepEqual(counter.calls, ['gzip:static']);
  });

  it('serves a rebuilt file at once, compressed anew', async () => {
    const app = makeApp();
    const first = await app.request('/admin.js', { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(first.headers.get('content-encoding'), 'br');
    assert.equal(first.headers.get('cross-origin-resource-policy'), 'same-origin');
    const rebuilt = `${widgetSource}// rebuilt\n`.replaceAll('part', 'admin');
    await writeFile(path.join(temp.dir, 'dist', 'admin.js'), rebuilt);
    const second = await app.request('/admin.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.get('etag')! },
    });
    assert.equal(second.status, 200);
    assert.equal(await decodeBody(second), rebuilt);
    assert.deepEqual(counter.calls, ['br:static', 'br:static']);
  });

  it('compresses demo pages, but not files under 1 KB or of types that do not compress', async () => {
    const app = makeApp();
    const headers = { 'Accept-Encoding': 'br, gzip' };
    const page = await app.request('/', { headers });
    assert.equal(page.headers.get('content-encoding'), 'br');
    assert.ok(page.headers.get('content-security-policy'));
    const css = await app.request('/demo.css', { headers });
    assert.equal(css.headers.get('content-encoding'), null);
    assert.equal(css.headers.get('vary'), 'Accept-Encoding');
    assert.equal(await css.text(), 'body { color: black; }');
    const png = await app.request('/logo.png', { headers });
    assert.equal(png.headers.get('content-encoding'), null);
    assert.equal(png.headers.get('vary'), null);
  });

  it('sends every file as built, with no Vary, when compression is off', async () => {
    const app = makeApp(false);
    const response = await app.request('/hearth.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    assert.equal(response.headers.get('content-encoding'), null);
    assert.equal(response.headers.get('vary'), null);
    assert.equal(Number(response.headers.get('content-length')), widgetSource.length);
    assert.match(response.headers.get('etag') ?? '', /^"[\w-]+"$/);
    assert.equal(await response.text(), widgetSource);
    assert.deepEqual(counter.calls, []);
  });
});
