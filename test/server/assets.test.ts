import assert from 'node:assert/strict';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../server/src/app.js';
import { readFileIfPresent } from '../../server/src/http/read-file.js';
import { demoContentSecurityPolicy } from '../../server/src/routes/assets.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { makeTempDir } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';

const widgetSource = 'export const hearth = "widget";\n';
const indexHtml = '<!doctype html><title>Demo</title><script type="module" src="/hearth.js"></script>\n';

describe('static assets', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let widgetFile: string;
  let demoDir: string;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    temp = await makeTempDir();
    widgetFile = path.join(temp.dir, 'dist', 'hearth.js');
    demoDir = path.join(temp.dir, 'demo');
    await mkdir(path.dirname(widgetFile), { recursive: true });
    await mkdir(path.join(demoDir, 'admin'), { recursive: true });
    await writeFile(widgetFile, widgetSource);
    await writeFile(`${widgetFile}.map`, '{"version":3}');
    await mkdir(path.join(path.dirname(widgetFile), 'chunks'), { recursive: true });
    await writeFile(
      path.join(path.dirname(widgetFile), 'chunks', 'composer-Ab12_c.js'),
      'export const kit = 1;',
    );
    await writeFile(path.join(demoDir, 'index.html'), indexHtml);
    await writeFile(path.join(demoDir, 'demo.css'), 'body { color: black; }');
    await writeFile(path.join(demoDir, 'demo.js'), 'console.log("demo");');
    await writeFile(path.join(demoDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(demoDir, 'admin', 'index.html'), '<!doctype html><title>Admin</title>');
    await writeFile(path.join(demoDir, '.env'), 'SECRET=1');
    // A file outside demoDir that traversal attempts aim for.
    await writeFile(path.join(temp.dir, 'secret.txt'), 'TOP SECRET');
    app = createApp(createMemoryStore(), { assets: { widgetFile, demoDir }, sourceMaps: true });
  });
  after(async () => {
    await temp.remove();
  });

  it('serves /hearth.js as a cacheable, cross-origin module script', async () => {
    const response = await app.request('/hearth.js', { headers: { Origin: 'https://blog.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('etag') ?? '', /^"[\w-]+"$/);
    assert.equal(await response.text(), widgetSource);
  });

  it('answers 304 to a matching If-None-Match and changes the ETag with the content', async () => {
    const etag = (await app.request('/hearth.js')).headers.get('etag');
    assert.ok(etag);
    const cached = await app.request('/hearth.js', { headers: { 'If-None-Match': etag } });
    assert.equal(cached.status, 304);
    assert.equal(cached.headers.get('etag'), etag);
    assert.equal(cached.headers.get('access-control-allow-origin'), '*');
    assert.equal(await cached.text(), '');

    await writeFile(widgetFile, `${widgetSource}// rebuilt\n`);
    try {
      const rebuilt = await app.request('/hearth.js', { headers: { 'If-None-Match': etag } });
      assert.equal(rebuilt.status, 200);
      assert.notEqual(rebuilt.headers.get('etag'), etag);
    } finally {
      await writeFile(widgetFile, widgetSource);
    }
  });

  it('serves hashed chunks for good, cross-origin, and nothing else from the build folder', async () => {
    const response = await app.request('/chunks/composer-Ab12_c.js');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(await response.text(), 'export const kit = 1;');
    for (const name of ['missing-x1.js', '..%2Fhearth.js', '%2E%2E%2Fsecret.txt', 'composer-Ab12_c.txt']) {
      await assertError(await app.request(`/chunks/${name}`), 404, 'not_found');
    }
  });

  it('serves the source map', async () => {
    const response = await app.request('/hearth.js.map');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await response.json(), { version: 3 });
  });

  it('serves no source map by default, so the source stays private unless the owner opts in', async () => {
    const distDir = path.dirname(widgetFile);
    await mkdir(path.join(distDir, 'admin-chunks'), { recursive: true });
    await writeFile(path.join(distDir, 'chunks', 'composer-Ab12_c.js.map'), '{"version":3}');
    await writeFile(path.join(distDir, 'admin.js.map'), '{"version":3}');
    await writeFile(path.join(distDir, 'admin-chunks', 'lit-Ab12_c.js.map'), '{"version":3}');
    const urls = [
      '/hearth.js.map',
      '/chunks/composer-Ab12_c.js.map',
      '/admin.js.map',
      '/admin-chunks/lit-Ab12_c.js.map',
    ];
    const byDefault = createApp(createMemoryStore(), { assets: { widgetFile, demoDir } });
    for (const url of urls) {
      await assertError(await byDefault.request(url), 404, 'not_found');
      assert.equal((await app.request(url)).status, 200, url);
    }
    assert.equal((await byDefault.request('/chunks/composer-Ab12_c.js')).status, 200);
  });

  it('serves the demo article at its canonical address too, where links in emails and feeds point', async () => {
    const response = await app.request('/posts/small-communities');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), demoContentSecurityPolicy);
    assert.equal(await response.text(), indexHtml);
    assert.equal((await app.request('/posts/other')).status, 404);
  });

  it('serves / as the demo page under a strict Content-Security-Policy', async () => {
    const response = await app.request('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(
      response.headers.get('content-security-policy'),
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    assert.equal(response.headers.get('content-security-policy'), demoContentSecurityPolicy);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.match(
      response.headers.get('permissions-policy') ?? '',
      /camera=\(\), .*geolocation=\(\), .*microphone=\(\)/,
    );
    assert.equal(await response.text(), indexHtml);

    const admin = await app.request('/admin/');
    assert.equal(admin.status, 200);
    assert.equal(admin.headers.get('content-security-policy'), demoContentSecurityPolicy);
    assert.equal(admin.headers.get('cross-origin-opener-policy'), 'same-origin');
    // Scripts and styles are no pages: they carry none of the page headers.
    assert.equal((await app.request('/demo.js')).headers.get('cross-origin-opener-policy'), null);
  });

  it('serves other demo files with their content types', async () => {
    for (const [url, type] of [
      ['/demo.css', 'text/css; charset=utf-8'],
      ['/demo.js', 'text/javascript; charset=utf-8'],
      ['/logo.svg', 'image/svg+xml'],
      ['/admin/index.html', 'text/html; charset=utf-8'],
    ]) {
      const response = await app.request(url!);
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('content-type'), type, url);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', url);
    }
  });

  it('refuses path traversal, encoded or not, and dotfiles', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/admin/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/.env',
      '/%2eenv',
      '//secret.txt',
      '/admin//index.html',
      '/demo.css%00.html',
      `/${encodeURIComponent(path.join(temp.dir, 'secret.txt'))}`,
    ]) {
      const response = await app.request(url);
      const text = await response.text();
      assert.equal(response.status, 404, `${url}: ${text}`);
      assert.doesNotMatch(text, /TOP SECRET|SECRET=1/, url);
    }
  });

  it('answers 404, never 500, for names no file system holds and files it cannot read', async () => {
    const logged: unknown[] = [];
    const strict = createApp(createMemoryStore(), {
      assets: { widgetFile, demoDir },
      logError: (error) => logged.push(error),
    });
    await symlink('loop', path.join(demoDir, 'loop'));
    const long = 'a'.repeat(300);
    for (const url of [
      `/${long}`,
      `/${long}%0AHearth%20admin:%20%7B%7D`,
      `/admin/${'é'.repeat(130)}.html`,
      `/chunks/${long}.js`,
      `/admin-chunks/${long}.js`,
      '/loop',
      '/demo.css%0A',
    ]) {
      const response = await strict.request(url);
      const text = await response.text();
      assert.equal(response.status, 404, `${url}: ${text}`);
      assert.doesNotMatch(text, /ENAMETOOLONG|ELOOP|at async/, url);
    }
    assert.deepEqual(logged, []);
    assert.equal(await readFileIfPresent(path.join(temp.dir, long)), null);
  });

  it('answers missing demo files and other methods with JSON errors', async () => {
    await assertError(await app.request('/missing.html'), 404, 'not_found');
    await assertError(await app.request('/admin'), 404, 'not_found');
    await assertError(await app.request('/hearth.js', { method: 'POST' }), 405, 'method_not_allowed');
    await assertError(await app.request('/', { method: 'POST' }), 405, 'method_not_allowed');
  });

  it('leaves the API routes to the API', async () => {
    assert.equal((await app.request('/api/v1/threads/x/comments')).status, 200);
    await assertError(await app.request('/api/v1/unknown'), 404, 'not_found');
  });

  it('answers 503 with a hint to build when the widget file is missing', async () => {
    await rm(widgetFile);
    await rm(`${widgetFile}.map`);
    try {
      const response = await app.request('/hearth.js');
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const text = await response.clone().text();
      await assertError(response, 503, 'widget_not_built');
      assert.match(text, /npm run build/);
      await assertError(await app.request('/hearth.js.map'), 404, 'not_found');
    } finally {
      await writeFile(widgetFile, widgetSource);
    }
  });

  it('serves nothing but the API when assets are not configured', async () => {
    const apiOnly = createApp(createMemoryStore());
    await assertError(await apiOnly.request('/'), 404, 'not_found');
    await assertError(await apiOnly.request('/hearth.js'), 404, 'not_found');
  });
});
