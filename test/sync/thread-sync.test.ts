import { expect, waitUntil } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import type { NewComment } from '../../src/protocol/new-comment.js';
import { openHearthDb } from '../../src/storage/db.js';
import { SettingKey } from '../../src/storage/settings.js';
import { postComment, readRemembered, remember } from '../../src/sync/thread-writer.js';
import { makeComment, withBodyTree } from '../helpers/fixtures.js';
import {
  ids,
  newComment,
  settle,
  startSynced,
  useSyncHarness,
  watchWrites,
  withoutIndexedDb,
} from '../helpers/sync-harness.js';

const thread = '/posts/test';

describe('ThreadSync', () => {
  const harness = useSyncHarness(thread);

  /** The POSTs the fake endpoint received for the comment `id`. */
  function postsOf(id: string): unknown[] {
    return harness.fake.requests
      .filter((request) => request.method === 'POST' && (request.body as NewComment).id === id)
      .map((request) => request.body);
  }

  /** Runs a first sync to completion so the database holds the thread, then closes it. */
  async function primeCache(): Promise<void> {
    const { sync } = harness.createSync();
    await startSynced(sync);
    expect(sync.snapshot.status).to.equal('synced');
    sync.close();
  }

  describe('start()', () => {
    it('shows the cache as read before the first request is answered', async () => {
      harness.seed(2);
      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await harness.fake.waitForRequests(1);
      await settle();

      expect(snapshots).to.have.length(1);
      expect(snapshots[0]).to.deep.equal({
        comments: [],
        pending: [],
        authoredIds: new Set(),
        votes: new Map(),
        isLocked: false,
        sortOrder: 'oldest',
        isCacheRead: true,
        status: 'loading',
        lastSyncedAtMs: null,
      });

      release();
      await started;
      await waitUntil(() => sync.snapshot.status !== 'loading');
      const last = snapshots.at(-1)!;
      expect(last.status).to.equal('synced');
      expect(ids(last.comments)).to.deep.equal(ids(harness.fake.comments));
      expect(last.lastSyncedAtMs).to.be.a('number');
      expect(sync.snapshot).to.equal(last);
    });

    it('asks without since first and with since=<cursor> afterwards', async () => {
      const [first] = harness.seed(1);
      const { sync } = harness.createSync();
      await startSynced(sync);
      expect(harness.fake.requests).to.have.length(1);
      expect(harness.fake.requests[0]!.method).to.equal('GET');
      expect(harness.fake.requests[0]!.url.pathname).to.equal(
        `/api/v1/threads/${encodeURIComponent(thread)}/comments`,
      );
      expect(harness.sinceOf(0)).to.equal(null);
      expect(harness.fake.requests[0]!.url.search).to.equal('');

      await sync.pull();
      expect(harness.fake.requests).to.have.length(2);
      expect(harness.sinceOf(1)).to.equal(String(first!.seq));

      const [second] = harness.seed(1);
      await sync.pull();
      expect(harness.sinceOf(2)).to.equal(String(first!.seq));
      await sync.pull();
      expect(harness.sinceOf(3)).to.equal(String(second!.seq));
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids([first!, second!]));
    });

    it('follows pages until more is false and stores every comment and the last cursor', async () => {
      harness.fake.pageSize = 2;
      const comments = harness.seed(5);
      const { sync, snapshots } = harness.createSync();
      await startSynced(sync);

      expect(harness.fake.requests.map((request) => request.url.searchParams.get('since'))).to.deep.equal([
        null,
        String(comments[1]!.seq),
        String(comments[3]!.seq),
      ]);
      const last = snapshots.at(-1)!;
      expect(last.status).to.equal('synced');
      expect(ids(last.comments)).to.deep.equal(ids(comments));
      // Each finished page is shown as it arrives, not only at the end.
      expect(snapshots.map((snapshot) => snapshot.comments.length)).to.deep.equal([0, 2, 4, 5]);
      expect(snapshots.slice(0, -1).every((snapshot) => snapshot.status === 'loading')).to.equal(true);

      const db = await harness.openDb();
      const rows = await db.getAll('comments');
      expect(ids(rows)).to.deep.equal(ids(comments));
      expect(rows.every((row) => row.endpoint === harness.fake.url && row.thread === thread)).to.equal(true);
      const threadRow = await db.get('threads', [harness.fake.url, thread]);
      expect(threadRow?.cursor).to.equal(String(comments[4]!.seq));
    });

    it('on a second visit shows the cached thread, then asks only for changes since the stored cursor', async () => {
      const cachedComments = harness.seed(3);
      await primeCache();
      const newer = harness.seed(1);

      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await harness.fake.waitForRequests(2);
      await settle();

      expect(snapshots).to.have.length(1);
      expect(snapshots[0]!.isCacheRead).to.equal(true);
      expect(snapshots[0]!.status).to.equal('loading');
      expect(ids(snapshots[0]!.comments)).to.deep.equal(ids(cachedComments));
      expect(harness.sinceOf(1)).to.equal(String(cachedComments[2]!.seq));

      release();
      await started;
      await waitUntil(() => sync.snapshot.status !== 'loading');
      expect(snapshots.at(-1)!.status).to.equal('synced');
      expect(ids(snapshots.at(-1)!.comments)).to.deep.equal(ids([...cachedComments, ...newer]));
      expect(harness.fake.requests).to.have.length(2);
    });

    it('replaces a cached comment when a change with a higher seq arrives', async () => {
      const [original, other] = harness.seed(2);
      await primeCache();

      const edited: Comment = { ...original!, body: 'Edited body', seq: other!.seq + 100 };
      harness.fake.comments.splice(harness.fake.comments.indexOf(original!), 1);
      harness.fake.comments.push(edited);

      const { sync } = harness.createSync();
      await startSynced(sync);
      expect(harness.sinceOf(1)).to.equal(String(other!.seq));
      const shown = sync.snapshot.comments.find((comment) => comment.id === original!.id);
      expect(shown).to.deep.equal(withBodyTree(edited));
      expect(sync.snapshot.comments).to.have.length(2);

      const db = await harness.openDb();
      expect(await db.get('comments', [harness.fake.url, thread, original!.id])).to.deep.equal({
        ...withBodyTree(edited),
        endpoint: harness.fake.url,
      });
      expect((await db.get('threads', [harness.fake.url, thread]))?.cursor).to.equal(String(edited.seq));
    });
  });

  describe('when the endpoint fails', () => {
    it('reports unreachable and keeps showing the cached comments when the network is down', async () => {
      const comments = harness.seed(2);
      await primeCache();
      harness.fake.isDown = true;

      const { sync, snapshots } = harness.createSync();
      await startSynced(sync);
      expect(harness.fake.requests).to.have.length(2);
      const last = snapshots.at(-1)!;
      expect(last.status).to.equal('unreachable');
      expect(last.isCacheRead).to.equal(true);
      expect(ids(last.comments)).to.deep.equal(ids(comments));
      expect(last.lastSyncedAtMs).to.equal(null);
    });

    it('reports unreachable with no comments when there is no cache either', async () => {
      harness.fake.isDown = true;
      const { sync } = harness.createSync();
      await startSynced(sync);
      expect(sync.snapshot).to.deep.equal({
        comments: [],
        pending: [],
        authoredIds: new Set(),
        votes: new Map(),
        isLocked: false,
        sortOrder: 'oldest',
        isCacheRead: true,
        status: 'unreachable',
        lastSyncedAtMs: null,
      });
    });

    it('reports unreachable on a 500', async () => {
      harness.seed(1);
      harness.fake.script.push({ status: 500, body: { error: { code: 'internal_error', message: 'Boom' } } });
      const { sync } = harness.createSync();
      await startSynced(sync);
      expect(sync.snapshot.status).to.equal('unreachable');
      expect(sync.snapshot.comments).to.deep.equal([]);

      const db = await harness.openDb();
      expect(await db.count('comments')).to.equal(0);
      expect(await db.get('threads', [harness.fake.url, thread])).to.equal(undefined);
    });

    it('reports unreachable on an unreadable 200 and leaves the cache as it was', async () => {
      const comments = harness.seed(2);
      await primeCache();
      const db = await harness.openDb();
      const rowsBefore = await db.getAll('comments');
      const threadBefore = await db.get('threads', [harness.fake.url, thread]);

      const poisoned = { ...makeComment({ thread }), seq: '999' };
      harness.fake.script.push({ status: 200, body: { comments: [poisoned], cursor: '999', more: false } });
      const { sync } = harness.createSync();
      await startSynced(sync);

      expect(harness.fake.requests).to.have.length(2);
      expect(sync.snapshot.status).to.equal('unreachable');
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
      expect(await db.getAll('comments')).to.deep.equal(rowsBefore);
      const threadAfter = await db.get('threads', [harness.fake.url, thread]);
      expect(threadAfter?.cursor).to.equal(threadBefore?.cursor);
      expect(threadAfter?.syncedAtMs).to.equal(threadBefore?.syncedAtMs);

      // The next pull still asks from the last good cursor.
      await sync.pull();
      expect(harness.sinceOf(2)).to.equal(threadBefore!.cursor);
      expect(sync.snapshot.status).to.equal('synced');
    });

    it('reports unreachable on a 200 that is not JSON', async () => {
      const realFetch = window.fetch;
      window.fetch = async () => new Response('<html>gateway</html>', { status: 200 });
      try {
        const { sync } = harness.createSync();
        await startSynced(sync);
        expect(sync.snapshot.status).to.equal('unreachable');
      } finally {
        window.fetch = realFetch;
      }
    });

    it('recovers on the next pull once the endpoint is back', async () => {
      const comments = harness.seed(2);
      harness.fake.isDown = true;
      const { sync } = harness.createSync();
      await startSynced(sync);
      expect(sync.snapshot.status).to.equal('unreachable');
      harness.fake.isDown = false;
      await sync.pull();
      expect(sync.snapshot.status).to.equal('synced');
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
      expect(harness.sinceOf(1)).to.equal(null);
    });
  });

  describe('pull()', () => {
    it('shares one request between concurrent calls', async () => {
      harness.seed(2);
      const { sync } = harness.createSync();
      await startSynced(sync);
      expect(harness.fake.requests).to.have.length(1);

      const release = harness.fake.hold();
      const first = sync.pull();
      const second = sync.pull();
      expect(second).to.equal(first);
      await harness.fake.waitForRequests(2);
      const third = sync.pull();
      expect(third).to.equal(first);
      release();
      await Promise.all([first, second, third]);
      expect(harness.fake.requests).to.have.length(2);

      await sync.pull();
      expect(harness.fake.requests).to.have.length(3);
    });

    it('pulls again when the browser comes back online', async () => {
      harness.seed(1);
      const { sync } = harness.createSync();
      await startSynced(sync);
      window.dispatchEvent(new Event('online'));
      await harness.fake.waitForRequests(2);
      expect(harness.fake.requests).to.have.length(2);
    });

    it('pulls anew when the browser comes back online during a pull, rather than joining it', async () => {
      harness.seed(1);
      const { sync } = harness.createSync();
      await startSynced(sync);
      // A pull whose request has gone out, its answer not yet in: it cannot have seen what
      // happened since, so coming back online must ask again after it.
      const release = harness.fake.hold();
      void sync.pull();
      await harness.fake.waitForRequests(2);
      window.dispatchEvent(new Event('online'));
      await settle(100);
      release();
      await harness.fake.waitForRequests(3);
      expect(harness.fake.requests.map((request) => request.method)).to.deep.equal(['GET', 'GET', 'GET']);
    });
  });

  describe('posting through thread-writer', () => {
    it('shows a post as pending at once, queues it, then delivers it exactly once', async () => {
      const [existing] = harness.seed(1);
      const delivered: Comment[] = [];
      const { sync, snapshots } = harness.createSync((comment) => delivered.push(comment));
      await startSynced(sync);
      expect(sync.snapshot.status).to.equal('synced');
      const db = await harness.openDb();
      const cursorBefore = (await db.get('threads', [harness.fake.url, thread]))?.cursor;
      expect(cursorBefore).to.equal(String(existing!.seq));

      const release = harness.fake.hold();
      const input = newComment({ parentId: existing!.id });
      const before = Date.now();
      await postComment(sync.writeTarget, input);
      // Pending before the server has answered anything.
      await waitUntil(() => sync.snapshot.pending.length === 1, 'the post should show as pending');
      expect(postsOf(input.id).length).to.be.at.most(1);
      const pending = sync.snapshot.pending[0]!;
      expect(pending).to.deep.include({
        id: input.id,
        parentId: existing!.id,
        authorName: 'Ada',
        body: input.body,
        state: 'pending',
        error: null,
      });
      expect(pending.createdAtMs).to.be.within(before, Date.now());
      expect(ids(sync.snapshot.comments)).to.deep.equal([existing!.id]);

      const row = await db.get('outbox', input.id);
      expect(row).to.deep.include({
        id: input.id,
        endpoint: harness.fake.url,
        thread,
        op: 'post',
        payload: input,
        state: 'pending',
        lastError: null,
      });

      await harness.fake.waitForRequests(2);
      release();
      await waitUntil(
        () => sync.snapshot.pending.length === 0 && sync.snapshot.comments.some((c) => c.id === input.id),
        'the post should be delivered',
      );
      await waitUntil(() => delivered.length === 1, 'onDelivered should fire');
      await settle(100);

      expect(postsOf(input.id)).to.deep.equal([input]);
      const post = harness.fake.requests.find((request) => request.method === 'POST')!;
      expect(post.url.pathname).to.equal(`/api/v1/threads/${encodeURIComponent(thread)}/comments`);
      expect(post.url.search).to.equal('');

      const stored = withBodyTree(harness.fake.comments.find((comment) => comment.id === input.id)!);
      expect(sync.snapshot.comments.find((comment) => comment.id === input.id)).to.deep.equal(stored);
      expect(delivered).to.deep.equal([stored]);
      expect(await db.get('outbox', input.id)).to.equal(undefined);
      expect(await db.get('comments', [harness.fake.url, thread, input.id])).to.deep.equal({
        ...stored,
        endpoint: harness.fake.url,
      });
      // Delivery caches the comment but leaves the change cursor to the next pull.
      expect((await db.get('threads', [harness.fake.url, thread]))?.cursor).to.equal(cursorBefore);
      // Never shown twice: no snapshot has it both pending and published.
      for (const snapshot of snapshots) {
        const isPending = snapshot.pending.some((write) => write.id === input.id);
        const isPublished = snapshot.comments.some((comment) => comment.id === input.id);
        expect(isPending && isPublished).to.equal(false);
      }

      // The next pull brings the posted comment again; it is merged once.
      const requestsBefore = harness.fake.requests.length;
      await sync.pull();
      expect(harness.sinceOf(requestsBefore)).to.equal(cursorBefore);
      expect(sync.snapshot.comments.filter((comment) => comment.id === input.id)).to.have.length(1);
      expect(sync.snapshot.comments).to.have.length(2);
      expect(delivered).to.have.length(1);
    });

    it('shows a queued write again on a new visit, before the network answers', async () => {
      harness.fake.isDown = true;
      const first = harness.createSync();
      await first.sync.start();
      const input = newComment();
      await postComment(first.sync.writeTarget, input);
      await waitUntil(() => postsOf(input.id).length === 1);
      first.sync.close();

      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await waitUntil(() => snapshots.length > 0);
      expect(snapshots[0]!.isCacheRead).to.equal(true);
      expect(snapshots[0]!.pending.map((write) => write.id)).to.deep.equal([input.id]);
      release();
      await started;
    });
  });

  describe('close()', () => {
    it('aborts the request in flight and emits nothing afterwards', async () => {
      harness.seed(2);
      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await harness.fake.waitForRequests(1);
      await settle();
      const emitted = snapshots.length;
      expect(emitted).to.equal(1);

      sync.close();
      release();
      await started;
      await settle();
      expect(snapshots).to.have.length(emitted);
      expect(sync.snapshot.status).to.equal('loading');

      // The database was closed, so deleting it is not blocked, and nothing was cached.
      const db = await harness.openDb();
      expect(await db.count('comments')).to.equal(0);
    });

    it('emits nothing when closed before the cache is read', async () => {
      harness.seed(1);
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      sync.close();
      await started;
      await settle();
      expect(snapshots).to.deep.equal([]);
      expect(sync.snapshot.isCacheRead).to.equal(false);
      expect(harness.fake.requests).to.have.length(0);
    });

    /**
     * Runs `run` with `onWrite` called as the `count`-th read-write IndexedDB transaction
     * starts, which is the moment a ThreadSync is between a reply and its snapshot.
     */
    async function duringWrite(count: number, onWrite: () => void, run: () => Promise<void>): Promise<void> {
      await watchWrites((writes) => {
        if (writes === count) onWrite();
      }, run);
    }

    it('shows a page before caching it, and emits nothing more when closed meanwhile', async () => {
      harness.seed(2);
      harness.fake.pageSize = 1;
      const { sync, snapshots } = harness.createSync();
      let emittedAtClose = -1;
      // Write 1 is the cache read (it marks the thread read); write 2 stores the first page.
      await duringWrite(
        2,
        () => {
          emittedAtClose = snapshots.length;
          sync.close();
        },
        async () => {
          await sync.start();
          await waitUntil(() => emittedAtClose !== -1, 'the first page should be stored');
        },
      );
      await settle();
      // The cache-read snapshot, then the first page, shown before its write began.
      expect(emittedAtClose).to.equal(2);
      expect(snapshots).to.have.length(2);
      expect(snapshots[1]!.comments).to.have.length(1);
      expect(snapshots[1]!.status).to.equal('loading');
    });

    it('stops pulling when the browser comes back online', async () => {
      const { sync } = harness.createSync();
      await startSynced(sync);
      sync.close();
      window.dispatchEvent(new Event('online'));
      await settle();
      expect(harness.fake.requests).to.have.length(1);
    });
  });

  describe('author name', () => {
    it('reads as empty until one is remembered', async () => {
      const { sync } = harness.createSync();
      expect(await readRemembered(sync.writeTarget, SettingKey.authorName)).to.equal('');
    });

    it('round-trips through the settings store and survives a new ThreadSync', async () => {
      const { sync } = harness.createSync();
      await remember(sync.writeTarget, SettingKey.authorName, 'Ada Lovelace');
      expect(await readRemembered(sync.writeTarget, SettingKey.authorName)).to.equal('Ada Lovelace');

      const db = await harness.openDb();
      expect(await db.get('settings', 'authorName')).to.deep.equal({
        key: 'authorName',
        value: 'Ada Lovelace',
      });

      await remember(sync.writeTarget, SettingKey.authorName, 'Grace');
      sync.close();
      const { sync: later } = harness.createSync();
      expect(await readRemembered(later.writeTarget, SettingKey.authorName)).to.equal('Grace');
      expect(await db.getAll('settings')).to.deep.equal([{ key: 'authorName', value: 'Grace' }]);
    });
  });

  describe('without IndexedDB', () => {
    it('openHearthDb resolves null when indexedDB.open throws', async () => {
      const opened = withoutIndexedDb(() => openHearthDb(harness.databaseName));
      expect(await opened).to.equal(null);
    });

    it('still shows the network’s comments, posts, and forgets the author name, without throwing', async () => {
      const comments = harness.seed(3);
      const delivered: Comment[] = [];
      const { sync, snapshots } = withoutIndexedDb(() =>
        harness.createSync((comment) => delivered.push(comment)),
      );
      await startSynced(sync);
      expect(snapshots[0]).to.deep.equal({
        comments: [],
        pending: [],
        authoredIds: new Set(),
        votes: new Map(),
        isLocked: false,
        sortOrder: 'oldest',
        isCacheRead: true,
        status: 'loading',
        lastSyncedAtMs: null,
      });
      expect(sync.snapshot.status).to.equal('synced');
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));

      const input = newComment({ body: 'No cache here' });
      await postComment(sync.writeTarget, input);
      await waitUntil(() => sync.snapshot.comments.length === 4 && sync.snapshot.pending.length === 0);
      await waitUntil(() => delivered.length === 1);
      expect(postsOf(input.id)).to.deep.equal([input]);
      expect(snapshots.some((snapshot) => snapshot.pending.some((write) => write.id === input.id))).to.equal(
        true,
      );

      await remember(sync.writeTarget, SettingKey.authorName, 'Ada');
      expect(await readRemembered(sync.writeTarget, SettingKey.authorName)).to.equal('');
      sync.close();
      // Nothing was written: the database this test named was never created.
      const names = (await indexedDB.databases()).map((info) => info.name);
      expect(names).not.to.include(harness.databaseName);
    });

    it('waits for the network with no cache to read', async () => {
      harness.seed(1);
      const release = harness.fake.hold();
      const { sync, snapshots } = withoutIndexedDb(() => harness.createSync());
      const started = sync.start();
      await harness.fake.waitForRequests(1);
      expect(snapshots.map((snapshot) => snapshot.isCacheRead)).to.deep.equal([true]);
      release();
      await started;
      await waitUntil(() => sync.snapshot.status !== 'loading');
      expect(sync.snapshot.comments).to.have.length(1);
    });
  });
});
