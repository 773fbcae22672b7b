import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { ChangesResponseSchema, limits } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { commentsUrl, lenientDemoSite } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';

const thread = '/posts/my-post';

describe('HTTP behaviour shared by all routes', () => {
  let app: ReturnType<typeof createApp>;
  beforeEach(() => {
    app = createApp(createMemoryStore());
  });

  it('answers a CORS preflight from a site origin', async () => {
    const response = await app.request(commentsUrl(thread), {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, authorization',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.deepEqual(response.headers.get('access-control-allow-methods')?.split(', '), [
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
    ]);
    assert.deepEqual(response.headers.get('access-control-allow-headers')?.split(', '), [
      'Content-Type',
      'Authorization',
      'If-None-Match',
      'Last-Event-ID',
    ]);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  it('sends CORS headers and exposes ETag on responses and errors to a site origin', async () => {
    // The demo site, which the app serves by default, allows local pages on any port.
    const origin = 'http://127.0.0.1:4321';
    const headers = { Origin: origin };
    const ok = await app.request(commentsUrl(thread), { headers });
    assert.equal(ok.headers.get('access-control-allow-origin'), origin);
    assert.equal(ok.headers.get('access-control-expose-headers'), 'ETag, Retry-After');
    const error = await app.request(commentsUrl(thread, 'bad'), { headers });
    assert.equal(error.status, 400);
    assert.equal(error.headers.get('access-control-allow-origin'), origin);
    assert.equal(error.headers.get('etag'), null);
    const posted = await app.request(commentsUrl(thread), { ...jsonPost('[]'), headers: { ...headers } });
    assert.equal(posted.headers.get('access-control-allow-origin'), origin);
    const missing = await app.request('/api/v1/nothing', { headers });
    assert.equal(missing.headers.get('access-control-allow-origin'), origin);
  });

  it('sends X-Content-Type-Options: nosniff on every response', async () => {
    for (const [url, init] of [
      [commentsUrl(thread), {}],
      [commentsUrl(thread), { method: 'DELETE' }],
      [commentsUrl(thread), { method: 'OPTIONS' }],
      ['/nowhere', {}],
      [commentsUrl(thread), jsonPost('nope')],
    ] as const) {
      const response = await app.request(url, init);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', url);
    }
  });

  it('answers unknown routes with 404 not_found', async () => {
    for (const url of [
      '/api/v1/nothing',
      '/api/v2/threads/x/comments',
      '/api/v1/threads/x',
      '/',
      '/hearth.js',
      `${commentsUrl(thread)}/some-id/extra`,
    ]) {
      await assertError(await app.request(url), 404, 'not_found');
    }
    await assertError(await app.request('/api/v1/nothing', jsonPost({})), 404, 'not_found');
  });

  it('answers other methods on the comments route with 405 method_not_allowed and Allow', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await app.request(commentsUrl(thread), { method });
      assert.equal(response.headers.get('allow'), 'GET, HEAD, POST, OPTIONS');
      await assertError(response, 405, 'method_not_allowed');
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await app.request(commentsUrl(thread), { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('etag'));
    assert.equal(await response.text(), '');
  });

  it('turns an unexpected exception into a generic 500 and logs it', async () => {
    const logged: unknown[] = [];
    const broken: CommentStore = {
      ...createMemoryStore(),
      listChanges: async () => {
        throw new Error('disk on fire at /secret/path');
      },
      insertComment: async () => {
        throw new Error('disk on fire');
      },
    };
    const brokenApp = createApp(broken, {
      sites: [lenientDemoSite],
      logError: (error) => logged.push(error),
    });
    for (const init of [{}, jsonPost({ id: randomUUID(), authorName: 'A', body: 'B' })]) {
      const response = await brokenApp.request(commentsUrl(thread), init);
      const text = await response.clone().text();
      await assertError(response, 500, 'internal_error');
      assert.doesNotMatch(text, /fire|secret|at /);
    }
    assert.equal(logged.length, 2);
  });

  it('refuses out-of-range config when the app is built, naming the field', () => {
    for (const pageSize of [0, -1, 1.5, limits.pageMaxComments + 1]) {
      assert.throws(() => createApp(createMemoryStore(), { pageSize }), /pageSize/);
    }
    assert.throws(() => createApp(createMemoryStore(), { requestMaxBytes: 0 }), /requestMaxBytes/);
  });
});

describe('over a real @hono/node-server listener', () => {
  let store: CommentStore;
  let server: ReturnType<typeof serve>;
  let origin: string;

  beforeEach(async () => {
    store = createMemoryStore();
    const app = createApp(store, { sites: [lenientDemoSite] });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        origin = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterEach(async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    // The adapter drains a refused upload for up to 500 ms; do not wait for it.
    if ('closeAllConnections' in server) server.closeAllConnections();
    await closed;
    await store.close();
  });

  it('keeps %2F inside one path segment and decodes the thread key', async () => {
    for (const key of ['/posts/my-post', '100%', 'a%2Fb', 'ü / ?#']) {
      const id = randomUUID();
      // One text per key: the same text again from this address would be a duplicate.
      const posted = await fetch(
        origin + commentsUrl(key),
        jsonPost({ id, authorName: 'N', body: `over the wire: ${key}` }),
      );
      assert.equal(posted.status, 201, key);
      const page = ChangesResponseSchema.parse(await (await fetch(origin + commentsUrl(key))).json());
      assert.deepEqual(
        page.comments.map((comment) => [comment.id, comment.thread]),
        [[id, key]],
        key,
      );
    }
  });

  it('refuses an oversized chunked upload', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let count = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++count > 16) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' };
    const response = await fetch(origin + commentsUrl('/wire'), init as RequestInit);
    await assertError(response, 413, 'payload_too_large');
    assert.deepEqual(
      ChangesResponseSchema.parse(await (await fetch(origin + commentsUrl('/wire'))).json()).comments,
      [],
    );
  });
});
