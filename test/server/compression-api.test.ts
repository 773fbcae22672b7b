import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../../server/src/app.js';
import type { ServerConfig } from '../../server/src/config.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import {
  commentsUrl,
  lenientDemoSite,
  makeAuthor,
  makeNewComment,
  makeTempDir,
  testAdmin,
} from './helpers/fixtures.js';
import { createCountingCompressor, decodeBody } from './helpers/compression.js';
import { readEventStream } from './helpers/event-stream.js';

const thread = '/posts/compressed';
const origin = 'http://localhost:4173';

describe('compressed API answers (SQLite file)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: CommentStore;
  let counter = createCountingCompressor();
  const makeApp = (config: Partial<ServerConfig> = {}) =>
    createApp(
      store,
      { sites: [lenientDemoSite], admins: [testAdmin], ...config },
      { compress: counter.compress },
    );
  const get = (app: ReturnType<typeof makeApp>, url: string, headers: Record<string, string> = {}) =>
    app.request(url, { headers: { Origin: origin, ...headers } });

  before(async () => {
    temp = await makeTempDir();
    store = createSqliteStore(path.join(temp.dir, 'compression.db'));
    for (let i = 0; i < 40; i++) {
      await store.insertComment({
        site: lenientDemoSite.id,
        thread,
        input: makeNewComment({
          body: `Comment ${i}: the hearth keeps the room warm while the snow falls outside.`,
        }),
        author: makeAuthor(),
        status: 'published',
        nowMs: Date.UTC(2025, 5, 1) + i,
      });
    }
  });
  beforeEach(() => {
    counter = createCountingCompressor();
  });
  after(async () => {
    await store.close();
    await temp.remove();
  });

  it('sends a feed page in the coding Accept-Encoding asks for, with CORS, Vary and the same JSON', async () => {
    const app = makeApp();
    const plain = await get(app, commentsUrl(thread));
    const json = await plain.text();
    assert.equal(JSON.parse(json).comments.length, 40);
    assert.ok(json.length > 4096);
    for (const [acceptEncoding, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', null],
    ] as const) {
      const response = await get(app, commentsUrl(thread), { 'Accept-Encoding': acceptEncoding });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-encoding'), encoding, acceptEncoding);
      assert.equal(response.headers.get('vary'), 'Origin, Accept-Encoding');
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.equal(response.headers.get('access-control-expose-headers'), 'ETag, Retry-After');
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(await decodeBody(response), json, acceptEncoding);
    }
  });

  it('compresses a feed page once per ETag and coding, however many readers ask', async () => {
    const app = makeApp();
    const url = commentsUrl(thread, '3');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => get(app, url, { 'Accept-Encoding': 'br' })),
    );
    for (let i = 0; i < 5; i++) answers.push(await get(app, url, { 'Accept-Encoding': 'br, gzip' }));
    answers.push(await get(app, url, { 'Accept-Encoding': 'gzip' }));
    answers.push(await get(app, url, { 'Accept-Encoding': 'gzip' }));
    const bodies = await Promise.all(answers.map(decodeBody));
    assert.equal(new Set(bodies).size, 1);
    assert.deepEqual(counter.calls, ['br:dynamic', 'gzip:dynamic']);
  });

  it('gives each coding of a feed page its own ETag, and 304s any the request could take', async () => {
    const app = makeApp();
    const url = commentsUrl(thread, '1');
    const tagOf = async (acceptEncoding: string) =>
      (await get(app, url, { 'Accept-Encoding': acceptEncoding })).headers.get('etag')!;
    const identityTag = await tagOf('identity');
    assert.match(identityTag, /^W\/"[\w-]+"$/);
    assert.equal(await tagOf('br'), `${identityTag.slice(0, -1)}-br"`);
    assert.equal(await tagOf('gzip'), `${identityTag.slice(0, -1)}-gz"`);

    for (const [acceptEncoding, held] of [
      ['br', `${identityTag.slice(0, -1)}-br"`],
      ['gzip', `${identityTag.slice(0, -1)}-gz"`],
      ['br', identityTag],
    ]) {
      const cached = await get(app, url, { 'Accept-Encoding': acceptEncoding!, 'If-None-Match': held! });
      assert.equal(cached.status, 304, `${acceptEncoding} ${held}`);
      assert.equal(cached.headers.get('etag'), held);
      assert.equal(cached.headers.get('vary'), 'Origin, Accept-Encoding');
      assert.equal(cached.headers.get('access-control-allow-origin'), origin);
    }
    const other = await get(app, url, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': `${identityTag.slice(0, -1)}-br"`,
    });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('content-encoding'), 'gzip');
  });

  it('leaves a page under 1 KB uncompressed, and HEAD answers the headers of GET', async () => {
    const app = makeApp();
    const lastCursor = JSON.parse(await (await get(app, commentsUrl(thread))).text()).cursor as string;
    const empty = await get(app, commentsUrl(thread, lastCursor), { 'Accept-Encoding': 'br' });
    assert.equal(empty.headers.get('content-encoding'), null);
    assert.equal(empty.headers.get('vary'), 'Origin, Accept-Encoding');
    assert.equal(JSON.parse(await empty.text()).comments.length, 0);

    const headers = { 'Accept-Encoding': 'br' };
    const full = await get(app, commentsUrl(thread), headers);
    const head = await app.request(commentsUrl(thread), {
      method: 'HEAD',
      headers: { Origin: origin, ...headers },
    });
    assert.equal(head.status, 200);
    for (const name of [
      'content-encoding',
      'content-length',
      'etag',
      'vary',
      'access-control-allow-origin',
    ]) {
      assert.equal(head.headers.get(name), full.headers.get(name), name);
    }
    assert.equal(await head.text(), '');
  });

  it('compresses counts and other JSON over 1 KB, once per ETag for counts', async () => {
    const app = makeApp();
    const threads = Array.from({ length: 60 }, (_, i) => encodeURIComponent(`/posts/${i}-${'x'.repeat(20)}`));
    const url = `/api/v1/counts?threads=${[encodeURIComponent(thread), ...threads].join(',')}`;
    const first = await get(app, url, { 'Accept-Encoding': 'br' });
    const counts = JSON.parse(await decodeBody(first)).counts as Record<string, number>;
    assert.equal(first.headers.get('content-encoding'), 'br');
    assert.equal(counts[thread], 40);
    assert.match(first.headers.get('etag') ?? '', /-br"$/);
    const again = await get(app, url, { 'Accept-Encoding': 'br' });
    assert.equal(again.headers.get('content-encoding'), 'br');
    const cached = await get(app, url, {
      'Accept-Encoding': 'br',
      'If-None-Match': first.headers.get('etag')!,
    });
    assert.equal(cached.status, 304);
    assert.deepEqual(counter.calls, ['br:dynamic']);

    // The admin API's lists go through the generic JSON compression: same-origin, no CORS headers.
    const list = await app.request(`/api/v1/admin/comments?thread=${encodeURIComponent(thread)}`, {
      headers: { Authorization: `Bearer ${testAdmin.token}`, 'Accept-Encoding': 'gzip' },
    });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('content-encoding'), 'gzip');
    assert.equal(list.headers.get('vary'), 'Accept-Encoding');
    assert.equal(JSON.parse(await decodeBody(list)).comments.length, 40);
    // A small error stays as it was.
    const missing = await get(app, '/api/v1/nothing', { 'Accept-Encoding': 'br' });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-encoding'), null);
  });

  it('never compresses an event stream', async () => {
    const app = makeApp();
    const response = await get(app, `/api/v1/threads/${encodeURIComponent(thread)}/events`, {
      'Accept-Encoding': 'br, gzip',
    });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    assert.equal(response.headers.get('content-encoding'), null);
    const reader = readEventStream(response.body!);
    assert.equal((await reader.next()).event, 'hello');
    await reader.cancel();
    assert.deepEqual(counter.calls, []);
  });

  it('sends every answer uncompressed, with the plain ETag, when compression is off', async () => {
    const app = makeApp({ compression: false });
    const headers = { 'Accept-Encoding': 'br, gzip' };
    const feed = await get(app, commentsUrl(thread), headers);
    assert.equal(feed.headers.get('content-encoding'), null);
    assert.equal(feed.headers.get('vary'), 'Origin');
    assert.equal(feed.headers.get('etag'), (await get(makeApp(), commentsUrl(thread))).headers.get('etag'));
    assert.equal(JSON.parse(await feed.text()).comments.length, 40);
    const list = await app.request(`/api/v1/admin/comments?thread=${encodeURIComponent(thread)}`, {
      headers: { Authorization: `Bearer ${testAdmin.token}`, ...headers },
    });
    assert.equal(list.headers.get('content-encoding'), null);
    assert.deepEqual(counter.calls, []);
  });
});
