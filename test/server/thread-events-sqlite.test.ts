import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangeNotifier, ThreadChangeNotice } from '../../server/src/live/change-notifier.js';
import { createPollingChangeNotifier } from '../../server/src/live/polling-change-notifier.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { CommentSchema } from '../../src/protocol/index.js';
import { readEventStream } from './helpers/event-stream.js';
import { commentsUrl, makeTempDir } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { killServer, spawnServer, waitForListening, type ServerProcess } from './helpers/server-process.js';
import { makeInsert } from './store-contract.js';

/** Every notice `notifier` delivers for one thread, as it comes. */
function listen(notifier: ChangeNotifier, site: string, thread: string) {
  const notices: ThreadChangeNotice[] = [];
  const stop = notifier.subscribe(site, thread, (notice) => notices.push(notice));
  const waitFor = async (count: number, ms = 15_000): Promise<ThreadChangeNotice[]> => {
    const deadline = Date.now() + ms;
    while (notices.length < count) {
      if (Date.now() > deadline) throw new Error(`${notices.length} of ${count} notices within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return notices;
  };
  return { notices, stop, waitFor };
}

describe('SQLite change notifier (polling one file from several processes)', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  // Two stores on one file: two connections, as two processes hold.
  let storeA: CommentStore;
  let storeB: CommentStore;
  let processA: ChangeNotifier;
  let processB: ChangeNotifier;

  before(async () => {
    dir = await makeTempDir();
    const file = path.join(dir.dir, 'shared.db');
    storeA = createSqliteStore(file);
    storeB = createSqliteStore(file);
    // Written before the notifiers start: old news, never told.
    await storeA.insertComment(makeInsert('/across'));
    processA = await createPollingChangeNotifier(storeA, { intervalMs: 50 });
    processB = await createPollingChangeNotifier(storeB, { intervalMs: 50 });
  });
  after(async () => {
    await Promise.all([processA.close(), processB.close()]);
    await Promise.all([storeA.close(), storeB.close()]);
    await dir.remove();
  });

  it('tells a subscriber of one process about a write through the other within 1 s', async () => {
    const heardByB = listen(processB, 'demo', '/across');
    const result = await storeA.insertComment(makeInsert('/across'));
    assert.equal(result.kind, 'created');
    const seq = result.kind === 'created' ? result.comment.seq : -1;
    processA.publish({ site: 'demo', thread: '/across', seq });
    assert.deepEqual(await heardByB.waitFor(1), [{ site: 'demo', thread: '/across', seq }]);
    heardByB.stop();
  });

  it("tells the writing process's own subscribers once, and other threads' subscribers nothing", async () => {
    const own = listen(processA, 'demo', '/own');
    const elsewhere = listen(processA, 'demo', '/elsewhere');
    const heardByB = listen(processB, 'demo', '/own');
    const result = await storeA.insertComment(makeInsert('/own'));
    const seq = result.kind === 'created' ? result.comment.seq : -1;
    processA.publish({ site: 'demo', thread: '/own', seq });
    await heardByB.waitFor(1);
    // A's polls have had as long as B's to find the same write in the file.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(own.notices, [{ site: 'demo', thread: '/own', seq }]);
    assert.deepEqual(elsewhere.notices, []);
    for (const listener of [own, elsewhere, heardByB]) listener.stop();
  });

  it('tells every write that another process made without publishing (a crash before it could)', async () => {
    const heardByB = listen(processB, 'demo', '/unpublished');
    const first = await storeA.insertComment(makeInsert('/unpublished'));
    assert.equal(first.kind, 'created');
    const [notice] = await heardByB.waitFor(1);
    assert.equal(notice?.seq, first.kind === 'created' ? first.comment.seq : -1);
    heardByB.stop();
  });
});

describe('two server processes on one SQLite file', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const servers: ServerProcess[] = [];

  before(async () => {
    dir = await makeTempDir();
  });
  after(async () => {
    await Promise.all(servers.map((server) => killServer(server)));
    await dir.remove();
  });

  it('a comment posted through one reaches an event stream held by the other within 1 s', async () => {
    const config = path.join(dir.dir, 'hearth.json');
    const site = { id: 'demo', origins: ['http://127.0.0.1:*'], proofOfWork: { enabled: false } };
    await writeFile(config, JSON.stringify({ sites: [{ ...site, limits: { minComposeSeconds: 0 } }] }));
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir.dir, 'shared.db')}`,
      HEARTH_CONFIG: config,
    };
    servers.push(spawnServer(env));
    const originA = await waitForListening(servers[0]!);
    servers.push(spawnServer(env));
    const originB = await waitForListening(servers[1]!);

    const abort = new AbortController();
    const events = await fetch(`${originB}/api/v1/threads/${encodeURIComponent('/live')}/events`, {
      signal: abort.signal,
    });
    assert.equal(events.status, 200);
    const reader = readEventStream(events.body!);
    try {
      assert.equal((await reader.next()).event, 'hello');
      const posted = await fetch(
        originA + commentsUrl('/live'),
        jsonPost({ id: randomUUID(), authorName: 'Ada', body: 'Through process A.' }),
      );
      assert.equal(posted.status, 201);
      const { seq } = CommentSchema.parse(await posted.json());
      const change = await reader.next(15_000);
      assert.equal(change.event, 'change');
      assert.deepEqual(JSON.parse(change.data), { cursor: String(seq) });
    } finally {
      await reader.cancel();
      abort.abort();
    }
  });
});
