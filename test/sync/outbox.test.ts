import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { Comment } from '../../src/protocol/comment.js';
import type { NewComment } from '../../src/protocol/new-comment.js';
import type { HearthDb, OutboxRecord } from '../../src/storage/db.js';
import type { ThreadSnapshot, ThreadSync } from '../../src/sync/thread-sync.js';
import { discardWrite, postComment } from '../../src/sync/thread-writer.js';
import { makeComment } from '../helpers/fixtures.js';
import { newComment, settle, useSyncHarness, withoutIndexedDb } from '../helpers/sync-harness.js';

const thread = '/posts/outbox';

describe('outbox delivery', () => {
  const harness = useSyncHarness(thread);
  let testDb: Promise<HearthDb> | undefined;

  beforeEach(() => {
    testDb = undefined;
  });

  /** A started ThreadSync whose first pull has finished, so scripted replies go to posts. */
  async function startedSync(
    onDelivered?: (comment: Comment) => void,
  ): Promise<{ sync: ThreadSync; snapshots: ThreadSnapshot[] }> {
    const created = harness.createSync(onDelivered);
    await created.sync.start();
    await waitUntil(() => created.sync.snapshot.status === 'synced', 'the first pull should finish');
    return created;
  }

  /** The test's own connection to its database, to read back what the engine stored. */
  function openDb(): Promise<HearthDb> {
    return (testDb ??= harness.openDb());
  }

  /** The outbox row of `id`, read back from IndexedDB. */
  async function outboxRow(id: string): Promise<OutboxRecord | undefined> {
    return (await openDb()).get('outbox', id);
  }

  /** The ids of every POST the fake endpoint received, in order. */
  function postedIds(): string[] {
    return harness.fake.requests
      .filter((request) => request.method === 'POST')
      .map((request) => (request.body as NewComment).id);
  }

  function countPosts(id: string): number {
    return postedIds().filter((posted) => posted === id).length;
  }

  function isPublished(sync: ThreadSync, id: string): boolean {
    return sync.snapshot.comments.some((comment) => comment.id === id) && sync.snapshot.pending.length === 0;
  }

  /** Waits for the first attempt to be recorded in the outbox row, and returns the row. */
  async function waitForAttempt(id: string, attempts = 1): Promise<OutboxRecord> {
    let row: OutboxRecord | undefined;
    await waitUntil(async () => {
      row = await outboxRow(id);
      return (row?.attempts ?? 0) >= attempts;
    }, `attempt ${attempts} should be recorded`);
    return row!;
  }

  describe('when the network fails', () => {
    it('keeps the write pending with a backoff, then delivers it once when back online', async () => {
      const delivered: Comment[] = [];
      const { sync } = await startedSync((comment) => delivered.push(comment));
      harness.fake.isDown = true;
      const input = newComment();
      const before = Date.now();
      await postComment(sync.writeTarget, input);

      const row = await waitForAttempt(input.id);
      expect(row).to.deep.include({ state: 'pending', attempts: 1, lastError: null, payload: input });
      // The first retry waits 1–2 s (half the 2 s schedule, plus jitter).
      expect(row.nextAttemptAtMs).to.be.within(before + 1_000, Date.now() + 2_000);
      expect(sync.snapshot.pending.map((write) => [write.id, write.state, write.error])).to.deep.equal([
        [input.id, 'pending', null],
      ]);
      expect(countPosts(input.id)).to.equal(1);

      harness.fake.isDown = false;
      const postsWhileDown = countPosts(input.id);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => isPublished(sync, input.id), 'delivered once back online');
      await waitUntil(() => delivered.length === 1);
      await settle(100);

      expect(countPosts(input.id) - postsWhileDown).to.equal(1);
      expect(harness.fake.comments.filter((comment) => comment.id === input.id)).to.have.length(1);
      expect(await outboxRow(input.id)).to.equal(undefined);
      expect(delivered.map((comment) => comment.id)).to.deep.equal([input.id]);
    });

    it('backs off on a 5xx too, and retry() sends it at once', async () => {
      const { sync } = await startedSync();
      harness.fake.script.push({ status: 500, body: { error: { code: 'internal_error', message: 'Boom' } } });
      const input = newComment();
      const sentAtMs = Date.now();
      await postComment(sync.writeTarget, input);

      const row = await waitForAttempt(input.id);
      expect(row).to.deep.include({ state: 'pending', attempts: 1, lastError: null });
      expect(row.nextAttemptAtMs).to.be.at.least(sentAtMs + 1_000);
      expect(sync.snapshot.pending.map((write) => write.state)).to.deep.equal(['pending']);

      await sync.retry();
      await waitUntil(() => isPublished(sync, input.id), 'delivered after retry()');
      await settle(100);
      expect(countPosts(input.id)).to.equal(2);
      expect(await outboxRow(input.id)).to.equal(undefined);
    });

    it('treats a 503 without Retry-After as an outage', async () => {
      const { sync } = await startedSync();
      harness.fake.script.push({ status: 503, body: {} });
      const input = newComment();
      const sentAtMs = Date.now();
      await postComment(sync.writeTarget, input);
      const row = await waitForAttempt(input.id);
      expect(row).to.deep.include({ state: 'pending', lastError: null });
      expect(row.nextAttemptAtMs).to.be.at.least(sentAtMs + 1_000);
    });
  });

  describe('when rate limited', () => {
    it('waits for Retry-After before sending again, then delivers', async () => {
      const { sync } = await startedSync();
      harness.fake.script.push({
        status: 429,
        body: { error: { code: 'rate_limited', message: 'Slow down.' } },
        headers: { 'Retry-After': '1' },
      });
      const input = newComment();
      await postComment(sync.writeTarget, input);
      await waitUntil(() => countPosts(input.id) === 1);
      const firstPostAtMs = Date.now();

      const row = await waitForAttempt(input.id);
      expect(row).to.deep.include({
        state: 'pending',
        attempts: 1,
        lastError: { status: 429, code: 'rate_limited', message: 'Slow down.' },
      });
      expect(row.nextAttemptAtMs - firstPostAtMs).to.be.within(800, 1_200);
      // Still waiting: shown as pending, not as failed.
      expect(sync.snapshot.pending.map((write) => [write.state, write.error])).to.deep.equal([
        ['pending', null],
      ]);

      await settle(700);
      expect(countPosts(input.id)).to.equal(1);

      await waitUntil(() => isPublished(sync, input.id), 'delivered after Retry-After');
      expect(Date.now() - firstPostAtMs).to.be.at.least(900);
      await settle(100);
      expect(countPosts(input.id)).to.equal(2);
      expect(await outboxRow(input.id)).to.equal(undefined);
    });
  });

  describe('when rate limited without Retry-After', () => {
    it('backs off like an outage instead of failing the write', async () => {
      const { sync } = await startedSync();
      harness.fake.script.push({
        status: 429,
        body: { error: { code: 'rate_limited', message: 'Slow down.' } },
      });
      const input = newComment();
      const sentAtMs = Date.now();
      await postComment(sync.writeTarget, input);
      const row = await waitForAttempt(input.id);
      expect(row).to.deep.include({ state: 'pending', lastError: null });
      expect(row.nextAttemptAtMs).to.be.at.least(sentAtMs + 1_000);
      expect(sync.snapshot.pending.map((write) => write.state)).to.deep.equal(['pending']);
    });
  });

  describe('when refused', () => {
    const refusal = {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'Please write a comment.', field: 'body' } },
    };

    it('marks the write failed with the server’s error and does not retry it', async () => {
      const delivered: Comment[] = [];
      const { sync } = await startedSync((comment) => delivered.push(comment));
      harness.fake.script.push(refusal);
      const input = newComment();
      await postComment(sync.writeTarget, input);

      await waitUntil(() => sync.snapshot.pending[0]?.state === 'failed', 'the write should fail');
      const expectedError = {
        status: 400,
        code: 'validation_failed',
        message: 'Please write a comment.',
        field: 'body',
      };
      expect(sync.snapshot.pending).to.have.length(1);
      expect(sync.snapshot.pending[0]).to.deep.include({
        id: input.id,
        state: 'failed',
        error: expectedError,
      });
      expect(await outboxRow(input.id)).to.deep.include({
        state: 'failed',
        attempts: 1,
        lastError: expectedError,
      });

      await sync.retry();
      window.dispatchEvent(new Event('online'));
      await settle(300);
      expect(countPosts(input.id)).to.equal(1);
      expect(sync.snapshot.pending[0]!.state).to.equal('failed');
      expect(sync.snapshot.comments).to.deep.equal([]);
      expect(delivered).to.deep.equal([]);
    });

    it('keeps a 4xx without an error body, with a made-up code', async () => {
      const { sync } = await startedSync();
      harness.fake.script.push({ status: 409, body: 'conflict' });
      const input = newComment();
      await postComment(sync.writeTarget, input);
      await waitUntil(() => sync.snapshot.pending[0]?.state === 'failed');
      expect(sync.snapshot.pending[0]!.error).to.include({ status: 409, code: 'http_409' });
    });

    it('forgets a failed write once discarded', async () => {
      const { sync } = await startedSync();
      harness.fake.script.push(refusal);
      const input = newComment();
      await postComment(sync.writeTarget, input);
      await waitUntil(() => sync.snapshot.pending[0]?.state === 'failed');

      await discardWrite(sync.writeTarget, input.id);
      await waitUntil(() => sync.snapshot.pending.length === 0, 'the discarded write should go');
      expect(await outboxRow(input.id)).to.equal(undefined);
      await sync.retry();
      await settle(100);
      expect(countPosts(input.id)).to.equal(1);
    });

    it('discards a write still waiting for the network, which is then never sent', async () => {
      const { sync } = await startedSync();
      harness.fake.isDown = true;
      const input = newComment();
      await postComment(sync.writeTarget, input);
      await waitForAttempt(input.id);
      await waitUntil(() => sync.snapshot.pending.length === 1);

      await discardWrite(sync.writeTarget, input.id);
      await waitUntil(() => sync.snapshot.pending.length === 0);
      expect(await outboxRow(input.id)).to.equal(undefined);
      harness.fake.isDown = false;
      await sync.retry();
      await settle(100);
      expect(countPosts(input.id)).to.equal(1);
      expect(harness.fake.comments).to.deep.equal([]);
    });
  });

  describe('ordering', () => {
    it('sends a reply only after the parent queued before it', async () => {
      const { sync } = await startedSync();
      harness.fake.isDown = true;
      const parent = newComment({ body: 'Parent' });
      await postComment(sync.writeTarget, parent);
      await waitForAttempt(parent.id);
      const reply = newComment({ parentId: parent.id, body: 'Reply' });
      await postComment(sync.writeTarget, reply);
      await waitUntil(() => sync.snapshot.pending.length === 2);
      await settle(100);
      // The reply waits for its parent rather than being tried (and refused) on its own.
      expect(postedIds()).to.deep.equal([parent.id]);
      expect(await outboxRow(reply.id)).to.deep.include({ attempts: 0, state: 'pending' });

      harness.fake.isDown = false;
      await sync.retry();
      await waitUntil(
        () => sync.snapshot.pending.length === 0 && sync.snapshot.comments.length === 2,
        'both should be delivered',
      );
      expect(postedIds()).to.deep.equal([parent.id, parent.id, reply.id]);
      const stored = harness.fake.comments.find((comment) => comment.id === reply.id)!;
      expect(stored.parentId).to.equal(parent.id);
    });

    it('sends writes oldest first, one at a time', async () => {
      const { sync } = await startedSync();
      const release = harness.fake.hold();
      const first = newComment({ body: 'First' });
      const second = newComment({ body: 'Second' });
      await postComment(sync.writeTarget, first);
      await postComment(sync.writeTarget, second);
      await waitUntil(() => postedIds().length === 1);
      await settle(100);
      // The second waits while the first is in flight.
      expect(postedIds()).to.deep.equal([first.id]);
      release();
      await waitUntil(() => sync.snapshot.comments.length === 2 && sync.snapshot.pending.length === 0);
      expect(postedIds()).to.deep.equal([first.id, second.id]);
    });
  });

  describe('across visits', () => {
    it('delivers a write made while down exactly once from a new ThreadSync after the first closed', async () => {
      const existing = makeComment({ thread });
      harness.fake.comments.push(existing);
      const first = await startedSync();
      harness.fake.isDown = true;
      const input = newComment();
      await postComment(first.sync.writeTarget, input);
      await waitForAttempt(input.id);
      first.sync.close();
      expect(await outboxRow(input.id)).to.deep.include({ state: 'pending', payload: input });

      const postsWhileDown = countPosts(input.id);
      harness.fake.isDown = false;
      const delivered: Comment[] = [];
      const { sync, snapshots } = harness.createSync((comment) => delivered.push(comment));
      await sync.start();
      // The new visit shows the write as pending from the outbox, before delivering it.
      expect(snapshots[0]!.pending.map((write) => write.id)).to.deep.equal([input.id]);
      // Nobody nudges it: the new visit sends it when its backoff runs out.
      await waitUntil(() => isPublished(sync, input.id), 'delivered by the new visit');
      await waitUntil(() => delivered.length === 1);
      await settle(200);

      expect(countPosts(input.id) - postsWhileDown).to.equal(1);
      expect(harness.fake.comments.filter((comment) => comment.id === input.id)).to.have.length(1);
      expect(await outboxRow(input.id)).to.equal(undefined);
      const db = await openDb();
      expect(await db.get('comments', [harness.fake.url, thread, input.id])).to.include({ id: input.id });
    });
  });

  describe('without IndexedDB', () => {
    it('delivers a post from memory', async () => {
      const delivered: Comment[] = [];
      const { sync, snapshots } = withoutIndexedDb(() =>
        harness.createSync((comment) => delivered.push(comment)),
      );
      await sync.start();
      await waitUntil(() => sync.snapshot.status === 'synced');

      harness.fake.isDown = true;
      const input = newComment();
      await postComment(sync.writeTarget, input);
      await waitUntil(() => countPosts(input.id) === 1);
      await settle(50);
      expect(sync.snapshot.pending.map((write) => [write.id, write.state])).to.deep.equal([
        [input.id, 'pending'],
      ]);

      harness.fake.isDown = false;
      await sync.retry();
      await waitUntil(() => isPublished(sync, input.id), 'delivered from memory');
      await waitUntil(() => delivered.length === 1);
      expect(countPosts(input.id)).to.equal(2);
      expect(snapshots.some((snapshot) => snapshot.pending.length === 1)).to.equal(true);
      const names = (await indexedDB.databases()).map((info) => info.name);
      expect(names).not.to.include(harness.databaseName);
    });
  });
});
