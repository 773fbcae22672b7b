import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CommentSchema, type Comment, type NewComment } from '../../src/protocol/index.js';
import type {
  CommentAuthor,
  CommentInsert,
  CommentStore,
  InsertResult,
} from '../../server/src/store/comment-store.js';
import { makeAuthor, makeNewComment } from './helpers/fixtures.js';
import { runAbuseStateContract } from './store-contract-abuse.js';
import { runChangedThreadsContract, runSiteIdsContract } from './store-contract-changes.js';
import { runModerationContract } from './store-contract-moderation.js';
import { runJobQueueContract } from './store-contract-jobs.js';
import { runLatestCommentsContract } from './store-contract-latest.js';
import { runNotificationContract } from './store-contract-notifications.js';
import { runAdminViewContract } from './store-contract-threads.js';
import { runTransferContract } from './store-contract-transfer.js';
import { runBodyTreeContract } from './store-contract-trees.js';
import { runUpdateContract } from './store-contract-updates.js';
import { runVoteContract } from './store-contract-votes.js';

/** A store under test and how to dispose of it (close it, delete its files or schema). */
export interface StoreFixture {
  store: CommentStore;
  cleanup: () => Promise<void>;
}

/** The site every contract test writes to unless it says otherwise. */
export const site = 'demo';
export const nowMs = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

/** Asserts an insert created its comment and returns it. */
export function createdComment(result: InsertResult): Comment {
  assert.equal(result.kind, 'created', `expected created, got ${result.kind}`);
  assert.ok(result.kind === 'created');
  return result.comment;
}

/** How a test describes one insert; everything but the thread has a default. */
export interface InsertOptions {
  site?: string;
  input?: Partial<NewComment>;
  author?: Partial<CommentAuthor>;
  status?: CommentInsert['status'];
  at?: number;
}

/** The `insertComment` argument for `thread` with the defaults of `InsertOptions`. */
export function makeInsert(thread: string, options: InsertOptions = {}): CommentInsert {
  return {
    site: options.site ?? site,
    thread,
    input: makeNewComment(options.input),
    author: makeAuthor(options.author),
    status: options.status ?? 'published',
    nowMs: options.at ?? nowMs,
  };
}

/** Inserts a comment that must be created, and returns it. */
export async function insertCreated(
  store: CommentStore,
  thread: string,
  options: InsertOptions = {},
): Promise<Comment> {
  return createdComment(await store.insertComment(makeInsert(thread, options)));
}

/** Opens a fresh store before each test and disposes of it after; `get()` is the store. */
export function useStore(makeStore: () => Promise<StoreFixture>): { get: () => CommentStore } {
  let fixture: StoreFixture;
  beforeEach(async () => {
    fixture = await makeStore();
  });
  afterEach(async () => {
    await fixture.cleanup();
  });
  return { get: () => fixture.store };
}

/**
 * The behaviour every CommentStore backend must share. Call it once per backend with a factory
 * that returns a fresh, empty store each time (a new file, a new schema, …).
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`CommentStore contract: ${name}`, () => {
    // Each block opens its own store per test: hooks apply to everything beside them.
    describe('comments', () => runCommentContract(makeStore));
    describe('updates', () => runUpdateContract(makeStore));
    describe('moderation', () => runModerationContract(makeStore));
    describe('counts and votes', () => runVoteContract(makeStore));
    describe('abuse state', () => runAbuseStateContract(makeStore));
    describe('changed threads', () => runChangedThreadsContract(makeStore));
    describe('site ids', () => runSiteIdsContract(makeStore));
    describe('body trees', () => runBodyTreeContract(makeStore));
    describe('job queue', () => runJobQueueContract(makeStore));
    describe('latest comments', () => runLatestCommentsContract(makeStore));
    describe('notifications', () => runNotificationContract(makeStore));
    describe('admin views', () => runAdminViewContract(makeStore));
    describe('import and export', () => runTransferContract(makeStore));
  });
}

/** Inserting, listing, idempotency, sites and closing. */
function runCommentContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  const insert = (thread: string, options: InsertOptions = {}) =>
    insertCreated(current.get(), thread, options);
  const list = async (thread: string, sinceSeq = 0, limit = 100, onSite = site) =>
    current.get().listChanges(onSite, thread, sinceSeq, limit);

  describe('inserting and listing', () => {
    it('lists nothing for an empty thread and echoes the cursor', async () => {
      assert.deepEqual(await list('/empty', 0, 10), { comments: [], lastSeq: 0, more: false });
      assert.deepEqual(await list('/empty', 42, 10), { comments: [], lastSeq: 42, more: false });
    });

    it('stores a comment with server fields and lists it', async () => {
      const store = current.get();
      const input = makeNewComment({ body: 'Line one\nLine two ✨ 🔥', authorName: 'Zoë' });
      const author = makeAuthor({
        authorTokenHash: 'a'.repeat(64),
        email: 'zoe@example.org',
        ipHash: 'ip-1',
      });
      const comment = createdComment(
        await store.insertComment({ site, thread: '/posts/a', input, author, status: 'published', nowMs }),
      );
      CommentSchema.parse(comment);
      assert.deepEqual(comment, {
        id: input.id,
        thread: '/posts/a',
        parentId: null,
        authorName: 'Zoë',
        body: 'Line one\nLine two ✨ 🔥',
        createdAt: '2025-01-02T03:04:05.678Z',
        updatedAt: '2025-01-02T03:04:05.678Z',
        status: 'published',
        editedAt: null,
        verified: false,
        avatarUrl: null,
        pinned: false,
        votes: 0,
        seq: comment.seq,
      });
      assert.ok(Number.isInteger(comment.seq) && comment.seq > 0);
      assert.deepEqual(await list('/posts/a', 0, 10), {
        comments: [comment],
        lastSeq: comment.seq,
        more: false,
      });
      assert.deepEqual(await store.getComment(input.id), { site, comment, author });
    });

    it("shows an SSO author's verified mark and avatar, and keeps the user id private", async () => {
      const author = makeAuthor({ userId: 'user-7', verified: true, avatarUrl: 'https://example.org/a.png' });
      const comment = await insert('/sso', { author });
      assert.equal(comment.verified, true);
      assert.equal(comment.avatarUrl, 'https://example.org/a.png');
      assert.ok(!JSON.stringify(comment).includes('user-7'));
      assert.deepEqual((await current.get().getComment(comment.id))?.author, author);
    });

    it('returns null for an unknown id', async () => {
      assert.equal(await current.get().getComment(randomUUID()), null);
    });

    it('stores a reply to a parent in the same thread', async () => {
      const parent = await insert('/t');
      const reply = await insert('/t', { input: { parentId: parent.id } });
      assert.equal(reply.parentId, parent.id);
      assert.deepEqual((await list('/t')).comments, [parent, reply]);
    });

    it('pages by limit with more and lastSeq', async () => {
      const all: Comment[] = [];
      for (let i = 0; i < 5; i++) all.push(await insert('/paged', { input: { body: `comment ${i}` } }));

      const first = await list('/paged', 0, 2);
      assert.deepEqual(first, { comments: all.slice(0, 2), lastSeq: all[1]!.seq, more: true });
      const second = await list('/paged', first.lastSeq, 2);
      assert.deepEqual(second, { comments: all.slice(2, 4), lastSeq: all[3]!.seq, more: true });
      const third = await list('/paged', second.lastSeq, 2);
      assert.deepEqual(third, { comments: all.slice(4), lastSeq: all[4]!.seq, more: false });
      assert.deepEqual(await list('/paged', third.lastSeq, 2), {
        comments: [],
        lastSeq: all[4]!.seq,
        more: false,
      });
      assert.deepEqual(await list('/paged', 0, 5), { comments: all, lastSeq: all[4]!.seq, more: false });
    });

    it('peeks where every page ends without reading it, skipping held comments like the list', async () => {
      const store = current.get();
      await insert('/peek');
      await insert('/peek', { status: 'held' });
      await insert('/peek');
      await insert('/peek');
      await insert('/elsewhere');
      for (const since of [0, 1, 2, 3, 1000]) {
        for (const limit of [1, 2, 3, 10]) {
          const { lastSeq, more } = await list('/peek', since, limit);
          assert.deepEqual(await store.peekChanges(site, '/peek', since, limit), { lastSeq, more });
        }
      }
      assert.deepEqual(await store.peekChanges('other-site', '/peek', 0, 10), { lastSeq: 0, more: false });
    });

    it('returns only changes after since', async () => {
      const all: Comment[] = [];
      for (let i = 0; i < 4; i++) all.push(await insert('/since'));
      assert.deepEqual((await list('/since', all[1]!.seq)).comments, all.slice(2));
      assert.deepEqual((await list('/since', all[3]!.seq + 100)).comments, []);
    });

    it('keeps threads apart', async () => {
      const a = await insert('/a');
      const b = await insert('/b');
      const a2 = await insert('/a');
      assert.deepEqual((await list('/a')).comments, [a, a2]);
      assert.deepEqual((await list('/b')).comments, [b]);
      assert.deepEqual((await list('/A')).comments, []);
      assert.deepEqual((await list('/a/')).comments, []);
    });

    it('allocates strictly increasing seqs across threads and sites, refused writes included', async () => {
      const seqs: number[] = [];
      for (let i = 0; i < 6; i++) {
        seqs.push((await insert(i % 2 ? '/odd' : '/even', { site: i % 3 ? 'demo' : 'blog' })).seq);
        await current.get().insertComment(makeInsert('/odd', { input: { parentId: randomUUID() } }));
      }
      for (let i = 1; i < seqs.length; i++)
        assert.ok(seqs[i]! > seqs[i - 1]!, `seq ${seqs[i]} after ${seqs[i - 1]}`);
    });

    it('returns copies that callers cannot use to change stored data', async () => {
      const created = await insert('/copies', { author: { email: 'a@example.org' } });
      created.body = 'tampered';
      const record = await current.get().getComment(created.id);
      assert.ok(record);
      record.comment.body = 'tampered';
      record.author.email = 'tampered';
      const [listed] = (await list('/copies')).comments;
      assert.equal(listed?.body, 'Hello, hearth.');
      listed!.body = 'tampered';
      const again = await current.get().getComment(created.id);
      assert.equal(again?.comment.body, 'Hello, hearth.');
      assert.equal(again?.author.email, 'a@example.org');
    });
  });

  describe('idempotency and parents', () => {
    it('treats a repeated post as the existing comment', async () => {
      const store = current.get();
      const request = makeInsert('/idem');
      const created = createdComment(await store.insertComment(request));
      const again = await store.insertComment({ ...request, nowMs: nowMs + 60_000 });
      assert.deepEqual(again, { kind: 'existing', comment: created });
      const explicitNull = await store.insertComment({
        ...request,
        input: { ...request.input, parentId: null },
      });
      assert.deepEqual(explicitNull, { kind: 'existing', comment: created });
      assert.deepEqual((await list('/idem')).comments, [created]);
    });

    it('refuses the same id with different content, thread or site as a conflict', async () => {
      const store = current.get();
      const parent = await insert('/conflict');
      const otherParent = await insert('/conflict');
      const request = makeInsert('/conflict', { input: { parentId: parent.id } });
      const created = createdComment(await store.insertComment(request));
      const { input } = request;
      const variants: Array<[string, CommentInsert]> = [
        ['body', { ...request, input: { ...input, body: 'Edited' } }],
        ['name', { ...request, input: { ...input, authorName: 'Grace' } }],
        ['no parent', { ...request, input: { ...input, parentId: null } }],
        ['other parent', { ...request, input: { ...input, parentId: otherParent.id } }],
        ['thread', { ...request, thread: '/elsewhere', input: { ...input, parentId: undefined } }],
        ['site', { ...request, site: 'blog' }],
      ];
      for (const [what, variant] of variants) {
        assert.deepEqual(await store.insertComment(variant), { kind: 'conflict', comment: created }, what);
      }
      assert.deepEqual((await list('/conflict')).comments, [parent, otherParent, created]);
      assert.deepEqual((await list('/elsewhere')).comments, []);
      assert.deepEqual((await list('/conflict', 0, 100, 'blog')).comments, []);
    });

    it('refuses an unknown parent and stores nothing', async () => {
      const store = current.get();
      const request = makeInsert('/orphans', { input: { parentId: randomUUID() } });
      assert.deepEqual(await store.insertComment(request), { kind: 'unknown-parent' });
      assert.deepEqual((await list('/orphans')).comments, []);
      assert.equal(await store.getComment(request.input.id), null);
      // The id was not taken: the same comment without the bad parent goes through.
      const created = createdComment(
        await store.insertComment({ ...request, input: { ...request.input, parentId: null } }),
      );
      assert.equal(created.id, request.input.id);
    });

    it('refuses a parent that lives in another thread or on another site', async () => {
      const parent = await insert('/one');
      for (const [thread, onSite] of [
        ['/two', site],
        ['/one', 'blog'],
      ] as const) {
        const result = await current
          .get()
          .insertComment(makeInsert(thread, { site: onSite, input: { parentId: parent.id } }));
        assert.deepEqual(result, { kind: 'unknown-parent' }, `${onSite} ${thread}`);
        assert.deepEqual((await list(thread, 0, 100, onSite)).comments, []);
      }
    });
  });

  describe('sites', () => {
    it('keeps the same thread key on two sites as two threads', async () => {
      const onDemo = await insert('/posts/a');
      const onBlog = await insert('/posts/a', { site: 'blog' });
      const reply = await insert('/posts/a', { site: 'blog', input: { parentId: onBlog.id } });
      assert.deepEqual((await list('/posts/a')).comments, [onDemo]);
      assert.deepEqual((await list('/posts/a', 0, 100, 'blog')).comments, [onBlog, reply]);
      assert.deepEqual((await list('/posts/a', 0, 100, 'other')).comments, []);
      assert.equal((await current.get().getComment(onBlog.id))?.site, 'blog');
    });
  });

  describe('closing', () => {
    it('refuses calls after close', async () => {
      const store = current.get();
      await store.close();
      await assert.rejects(store.listChanges(site, '/t', 0, 10));
      await assert.rejects(store.insertComment(makeInsert('/t')));
    });
  });
}
