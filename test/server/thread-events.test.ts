import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/src/app.js';
import type { ChangeNotifier } from '../../server/src/live/change-notifier.js';
import { createLocalChangeNotifier } from '../../server/src/live/local-change-notifier.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { readEventStream, type EventStreamReader } from './helpers/event-stream.js';
import {
  commentUrl,
  commentsUrl,
  lenientDemoSite,
  makeAuthor,
  makeNewComment,
  testAdmin,
} from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';
import { bearer, makeGuestToken } from './helpers/identity.js';

const docsSite = SiteConfigSchema.parse({
  id: 'docs',
  origins: ['https://docs.example'],
  proofOfWork: { enabled: false },
  limits: lenientDemoSite.limits,
});

function eventsUrl(thread: string, since?: string): string {
  const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`;
  return `/api/v1/threads/${encodeURIComponent(thread)}/events${query}`;
}

/** A local notifier that also counts its live subscriptions, as the streams hold them. */
function countingNotifier(): ChangeNotifier & { subscriptions: () => number } {
  const inner = createLocalChangeNotifier();
  let count = 0;
  return {
    publish: (notice) => inner.publish(notice),
    subscribe(site, thread, listener, onClose) {
      count += 1;
      const unsubscribe = inner.subscribe(site, thread, listener, onClose);
      let isDone = false;
      return () => {
        if (!isDone) count -= 1;
        isDone = true;
        unsubscribe();
      };
    },
    close: () => inner.close(),
    subscriptions: () => count,
  };
}

describe('GET /api/v1/threads/{thread}/events', () => {
  let store: CommentStore;
  let changes: ReturnType<typeof countingNotifier>;
  let app: ReturnType<typeof createApp>;
  const readers: EventStreamReader[] = [];

  beforeEach(() => {
    store = createMemoryStore();
    changes = countingNotifier();
    app = createApp(
      store,
      { sites: [lenientDemoSite, docsSite], admins: [testAdmin], heartbeatMs: 60_000 },
      { changes },
    );
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
    await store.close();
  });

  /** Opens a stream and reads its `hello`. */
  async function connect(
    thread: string,
    options: { since?: string; headers?: Record<string, string>; app?: typeof app } = {},
  ): Promise<{ response: Response; reader: EventStreamReader }> {
    const response = await (options.app ?? app).request(eventsUrl(thread, options.since), {
      headers: options.headers ?? {},
    });
    assert.equal(response.status, 200);
    const reader = readEventStream(response.body!);
    readers.push(reader);
    const hello = await reader.next();
    assert.equal(hello.event, 'hello');
    return { response, reader };
  }

  async function post(thread: string, headers: Record<string, string> = {}): Promise<number> {
    const response = await app.request(commentsUrl(thread), jsonPost(makeNewComment(), headers));
    assert.equal(response.status, 201);
    return ((await response.json()) as { seq: number }).seq;
  }

  it('says hello with the heartbeat and retry, and streams without caching or buffering', async () => {
    const response = await app.request(eventsUrl('/hello'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-accel-buffering'), 'no');
    const reader = readEventStream(response.body!);
    readers.push(reader);
    const hello = await reader.next();
    assert.equal(hello.event, 'hello');
    assert.deepEqual(JSON.parse(hello.data), { heartbeatMs: 60_000 });
    assert.equal(hello.retry, 3_000);
    assert.equal(hello.id, undefined, 'hello must not move Last-Event-ID');
  });

  it('sends a change with the new cursor after a comment is posted', async () => {
    const { reader } = await connect('/posted');
    const seq = await post('/posted');
    const change = await reader.next();
    assert.equal(change.event, 'change');
    assert.equal(change.id, String(seq));
    assert.deepEqual(JSON.parse(change.data), { cursor: String(seq) });
  });

  it('sends a change for an edit, a delete and a moderator lock', async () => {
    const { reader } = await connect('/edited');
    const input = makeNewComment();
    const auth = bearer(makeGuestToken());
    const created = await app.request(commentsUrl('/edited'), jsonPost(input, auth));
    assert.equal(created.status, 201);
    assert.equal((await reader.next()).event, 'change');

    const edited = await app.request(commentUrl('/edited', input.id), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ body: 'Changed my mind.' }),
    });
    assert.equal(edited.status, 200);
    const editSeq = ((await edited.json()) as { seq: number }).seq;
    assert.equal((await reader.next()).id, String(editSeq));

    const deleted = await app.request(commentUrl('/edited', input.id), { method: 'DELETE', headers: auth });
    assert.equal(deleted.status, 200);
    const deleteSeq = ((await deleted.json()) as { seq: number }).seq;
    assert.equal((await reader.next()).id, String(deleteSeq));

    const locked = await app.request(
      '/api/v1/admin/threads/lock',
      jsonPost(
        { site: 'demo', thread: '/edited', locked: true },
        { Authorization: `Bearer ${testAdmin.token}` },
      ),
    );
    assert.equal(locked.status, 200);
    const lockChange = await reader.next();
    assert.equal(lockChange.event, 'change');
    assert.equal(lockChange.id, undefined, 'a lock takes no seq, so it names no cursor');
    assert.deepEqual(JSON.parse(lockChange.data), { cursor: null });
  });

  it('sends a change for a moderator approving a held comment', async () => {
    const held = makeNewComment();
    await store.insertComment({
      site: 'demo',
      thread: '/held',
      input: held,
      author: makeAuthor(),
      status: 'held',
      nowMs: Date.now(),
    });
    const { reader } = await connect('/held');
    const approved = await app.request(`/api/v1/admin/comments/${held.id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${testAdmin.token}` },
    });
    assert.equal(approved.status, 200);
    const seq = ((await approved.json()) as { seq: number }).seq;
    assert.equal((await reader.next()).id, String(seq));
  });

  it("does not deliver other threads' or other sites' changes", async () => {
    const { reader } = await connect('/mine');
    await post('/other');
    await post('/mine', { Origin: 'https://docs.example' });
    assert.equal(await reader.isQuietFor(150), true, 'nothing for another thread or site');
    const seq = await post('/mine');
    assert.equal((await reader.next()).id, String(seq));
  });

  it('serves a listed Origin its own site, with CORS, and refuses an unlisted one', async () => {
    const { response, reader } = await connect('/docs', { headers: { Origin: 'https://docs.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://docs.example');
    await post('/docs');
    assert.equal(await reader.isQuietFor(150), true, "the demo site's thread is another thread");
    const seq = await post('/docs', { Origin: 'https://docs.example' });
    assert.equal((await reader.next()).id, String(seq));

    const refused = await app.request(eventsUrl('/docs'), { headers: { Origin: 'https://evil.example' } });
    await assertError(refused, 403, 'origin_not_allowed');
  });

  it('replays a change at once when the thread moved past Last-Event-ID or ?since=', async () => {
    const first = await post('/replay');
    const second = await post('/replay');

    const header = await connect('/replay', { headers: { 'Last-Event-ID': String(first) } });
    assert.equal((await header.reader.next()).id, String(second));

    const query = await connect('/replay', { since: String(first) });
    assert.equal((await query.reader.next()).id, String(second));

    // The header is EventSource's newer word: it wins over the URL's first `since`.
    const both = await connect('/replay', { since: '0', headers: { 'Last-Event-ID': String(second) } });
    assert.equal(await both.reader.isQuietFor(150), true);

    const current = await connect('/replay', { since: String(second) });
    assert.equal(await current.reader.isQuietFor(150), true, 'nothing new after the latest cursor');
  });

  it('sends a heartbeat while the thread is quiet', async () => {
    const quick = createApp(store, { sites: [lenientDemoSite], heartbeatMs: 40 });
    const { response, reader } = await connect('/quiet', { app: quick });
    assert.equal(response.status, 200);
    assert.equal((await reader.next()).event, 'heartbeat');
    assert.equal((await reader.next()).event, 'heartbeat');
  });

  it('answers 400 for a bad thread key or cursor, and 405 for other methods', async () => {
    await assertError(await app.request(eventsUrl('x'.repeat(513))), 400, 'invalid_thread', 'thread');
    await assertError(await app.request(eventsUrl('/t', 'nope')), 400, 'invalid_cursor', 'since');
    await assertError(
      await app.request(eventsUrl('/t'), { headers: { 'Last-Event-ID': '-1' } }),
      400,
      'invalid_cursor',
      'since',
    );
    const posted = await app.request(eventsUrl('/t'), { method: 'POST' });
    assert.equal(posted.status, 405);
  });

  it('ends its streams when the notifier closes, as the process shuts down', async () => {
    const closing = createLocalChangeNotifier();
    const shuttingDown = createApp(store, { sites: [lenientDemoSite] }, { changes: closing });
    const { reader } = await connect('/shutdown', { app: shuttingDown });
    await closing.close();
    await assert.rejects(reader.next(), /the event stream ended/);
  });

  it('caps the live streams of one client network with 429 too_many_streams, and frees a place when one closes', async () => {
    const capped = createApp(
      store,
      { sites: [lenientDemoSite], heartbeatMs: 60_000, streamsPerClient: 3, trustProxy: true },
      { changes },
    );
    const from = (ip: string) => ({ app: capped, headers: { 'X-Forwarded-For': ip } });
    const open = await Promise.all([1, 2, 3].map((n) => connect(`/capped-${n}`, from('192.0.2.7'))));
    const refused = await capped.request(eventsUrl('/capped-4'), {
      headers: { 'X-Forwarded-For': '192.0.2.7' },
    });
    assert.equal(refused.headers.get('retry-after'), '60');
    await assertError(refused, 429, 'too_many_streams');
    // Another network has its own places.
    await connect('/capped-4', from('198.51.100.1'));

    const before = changes.subscriptions();
    await open[0]!.reader.cancel();
    const deadline = Date.now() + 15_000;
    while (changes.subscriptions() !== before - 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await connect('/capped-5', from('192.0.2.7'));
  });

  it('answers HEAD with the stream headers but no stream, holding no place and no subscription', async () => {
    const server = serve({
      fetch: createApp(store, { sites: [lenientDemoSite], streamsPerClient: 2 }, { changes }).fetch,
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const before = changes.subscriptions();
      for (let n = 0; n < 4; n++) {
        const response = await fetch(`http://127.0.0.1:${port}${eventsUrl('/head')}`, { method: 'HEAD' });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
        assert.equal(response.headers.get('cache-control'), 'no-store');
      }
      assert.equal(changes.subscriptions(), before);
      const abort = new AbortController();
      const streaming = await fetch(`http://127.0.0.1:${port}${eventsUrl('/head')}`, {
        signal: abort.signal,
      });
      assert.equal(streaming.status, 200);
      abort.abort();
    } finally {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses out-of-range stream caps when the app is built', () => {
    for (const streamsPerClient of [0, -1, 1.5, 100_001]) {
      assert.throws(() => createApp(store, { streamsPerClient }), /streamsPerClient/);
    }
  });

  it('drops the subscription when a client of a listening server goes away', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const before = changes.subscriptions();
      const abort = new AbortController();
      const response = await fetch(`http://127.0.0.1:${port}${eventsUrl('/gone')}`, { signal: abort.signal });
      const reader = readEventStream(response.body!);
      assert.equal((await reader.next()).event, 'hello');
      assert.equal(changes.subscriptions(), before + 1);
      abort.abort();
      const deadline = Date.now() + 15_000;
      while (changes.subscriptions() !== before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(changes.subscriptions(), before, 'the stream unsubscribed');
    } finally {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
