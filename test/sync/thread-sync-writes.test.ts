import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { Comment } from '../../src/protocol/comment.js';
import type { NewComment } from '../../src/protocol/new-comment.js';
import { openHearthDb } from '../../src/storage/db.js';
import { SettingKey } from '../../src/storage/writer-settings.js';
import { postComment, readRemembered, remember } from '../../src/sync/thread-writer.js';
import { withBodyTree } from '../helpers/fixtures.js';
import { ids, newComment, settle, useSyncHarness, withoutIndexedDb } from '../helpers/sync-harness.js';

const thread = '/posts/test';

describe('ThreadSync', () => {
  const harness = useSyncHarness(thread);

  /** The POSTs the fake endpoint received for the comment `id`. */
  function postsOf(id: string): unknown[] {
    return harness.fake.requests
      .filter((request) => request.method === 'POST' && (request.body as NewComment).id === id)
      .map((request) => request.body);
  }

  describe('posting through thread-writer', () => {
    it('shows a post as pending at once, queues it, then delivers it exactly once', async () => {
      const [existing] = harness.seed(1);
      const delivered: Comment[] = [];
      const { sync, snapshots } = harness.createSync((comment) => delivered.push(comment));
      await harness.startSynced(sync);
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
      await harness.startSynced(sync);
      expect(snapshots[0]).to.deep.equal({
        comments: [],
        pending: [],
        authoredIds: new Set(),
        votes: new Map(),
        isLocked: false,
        canNotify: false,
        sortOrder: 'oldest',
        isCacheRead: true,
        cachedCount: 0,
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
      // Nothing cached to paint first: the request leaves before the (empty) cache is shown.
      await harness.fake.waitForRequests(1);
      await waitUntil(() => snapshots.some((snapshot) => snapshot.isCacheRead));
      expect(snapshots.map((snapshot) => [snapshot.status, snapshot.comments.length])).to.deep.equal([
        ['loading', 0],
      ]);
      release();
      await started;
      await waitUntil(() => sync.snapshot.status !== 'loading');
      expect(sync.snapshot.comments).to.have.length(1);
    });
  });
});
