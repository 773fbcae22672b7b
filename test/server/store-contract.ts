import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CommentSchema, type Comment } from '../../src/protocol/index.js';
import type { CommentStore, InsertResult } from '../../server/src/store/comment-store.js';
import { makeNewComment } from './helpers/fixtures.js';

/** A store under test and how to dispose of it (close it, delete its files or schema). */
export interface StoreFixture {
  store: CommentStore;
  cleanup: () => Promise<void>;
}

const nowMs = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

function createdComment(result: InsertResult): Comment {
  assert.equal(result.kind, 'created', `expected created, got ${result.kind}`);
  assert.ok(result.kind === 'created');
  return result.comment;
}

/**
 * The behaviour every CommentStore backend must share. Call it once per backend with a factory
 * that returns a fresh, empty store each time (a new file, a new schema, …).
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`CommentStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: CommentStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function insert(thread: string, overrides: Parameters<typeof makeNewComment>[0] = {}, at = nowMs) {
      return createdComment(await store.insertComment(thread, makeNewComment(overrides), at));
    }

    it('lists nothing for an empty thread and echoes the cursor', async () => {
      assert.deepEqual(await store.listChanges('/empty', 0, 10), { comments: [], lastSeq: 0, more: false });
      assert.deepEqual(await store.listChanges('/empty', 42, 10), { comments: [], lastSeq: 42, more: false });
    });

    it('stores a comment with server fields and lists it', async () => {
      const input = makeNewComment({ body: 'Line one\nLine two ✨ 🔥', authorName: 'Zoë' });
      const comment = createdComment(await store.insertComment('/posts/a', input, nowMs));
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
        seq: comment.seq,
      });
      assert.ok(Number.isInteger(comment.seq) && comment.seq > 0);
      const page = await store.listChanges('/posts/a', 0, 10);
      assert.deepEqual(page, { comments: [comment], lastSeq: comment.seq, more: false });
    });

    it('stores a reply to a parent in the same thread', async () => {
      const parent = await insert('/t');
      const reply = await insert('/t', { parentId: parent.id });
      assert.equal(reply.parentId, parent.id);
      assert.deepEqual((await store.listChanges('/t', 0, 10)).comments, [parent, reply]);
    });

    it('pages by limit with more and lastSeq', async () => {
      const all: Comment[] = [];
      for (let i = 0; i < 5; i++) all.push(await insert('/paged', { body: `comment ${i}` }));

      const first = await store.listChanges('/paged', 0, 2);
      assert.deepEqual(first, { comments: all.slice(0, 2), lastSeq: all[1]!.seq, more: true });
      const second = await store.listChanges('/paged', first.lastSeq, 2);
      assert.deepEqual(second, { comments: all.slice(2, 4), lastSeq: all[3]!.seq, more: true });
      const third = await store.listChanges('/paged', second.lastSeq, 2);
      assert.deepEqual(third, { comments: all.slice(4), lastSeq: all[4]!.seq, more: false });
      const done = await store.listChanges('/paged', third.lastSeq, 2);
      assert.deepEqual(done, { comments: [], lastSeq: all[4]!.seq, more: false });

      const exact = await store.listChanges('/paged', 0, 5);
      assert.deepEqual(exact, { comments: all, lastSeq: all[4]!.seq, more: false });
    });

    it('returns only changes after since', async () => {
      const all: Comment[] = [];
      for (let i = 0; i < 4; i++) all.push(await insert('/since'));
      const page = await store.listChanges('/since', all[1]!.seq, 10);
      assert.deepEqual(page.comments, all.slice(2));
      assert.deepEqual((await store.listChanges('/since', all[3]!.seq + 100, 10)).comments, []);
    });

    it('keeps threads apart', async () => {
      const a = await insert('/a');
      const b = await insert('/b');
      const a2 = await insert('/a');
      assert.deepEqual((await store.listChanges('/a', 0, 10)).comments, [a, a2]);
      assert.deepEqual((await store.listChanges('/b', 0, 10)).comments, [b]);
      assert.deepEqual((await store.listChanges('/A', 0, 10)).comments, []);
      assert.deepEqual((await store.listChanges('/a/', 0, 10)).comments, []);
    });

    it('allocates strictly increasing seqs across threads, refused writes included', async () => {
      const seqs: number[] = [];
      for (let i = 0; i < 6; i++) {
        seqs.push((await insert(i % 2 ? '/odd' : '/even')).seq);
        await store.insertComment('/odd', makeNewComment({ parentId: randomUUID() }), nowMs);
      }
      for (let i = 1; i < seqs.length; i++)
        assert.ok(seqs[i]! > seqs[i - 1]!, `seq ${seqs[i]} after ${seqs[i - 1]}`);
    });

    it('treats a repeated post as the existing comment', async () => {
      const input = makeNewComment();
      const created = createdComment(await store.insertComment('/idem', input, nowMs));
      const again = await store.insertComment('/idem', { ...input }, nowMs + 60_000);
      assert.deepEqual(again, { kind: 'existing', comment: created });
      const explicitNull = await store.insertComment('/idem', { ...input, parentId: null }, nowMs);
      assert.deepEqual(explicitNull, { kind: 'existing', comment: created });
      assert.deepEqual((await store.listChanges('/idem', 0, 10)).comments, [created]);
    });

    it('refuses the same id with different content or thread as a conflict', async () => {
      const parent = await insert('/conflict');
      const otherParent = await insert('/conflict');
      const input = makeNewComment({ parentId: parent.id });
      const created = createdComment(await store.insertComment('/conflict', input, nowMs));
      const variants: Array<[string, string, typeof input]> = [
        ['body', '/conflict', { ...input, body: 'Edited' }],
        ['name', '/conflict', { ...input, authorName: 'Grace' }],
        ['no parent', '/conflict', { ...input, parentId: null }],
        ['other parent', '/conflict', { ...input, parentId: otherParent.id }],
        ['thread', '/elsewhere', { ...input, parentId: undefined }],
      ];
      for (const [what, thread, variant] of variants) {
        const result = await store.insertComment(thread, variant, nowMs);
        assert.deepEqual(result, { kind: 'conflict', comment: created }, what);
      }
      assert.deepEqual((await store.listChanges('/conflict', 0, 10)).comments, [
        parent,
        otherParent,
        created,
      ]);
      assert.deepEqual((await store.listChanges('/elsewhere', 0, 10)).comments, []);
    });

    it('refuses an unknown parent and stores nothing', async () => {
      const input = makeNewComment({ parentId: randomUUID() });
      assert.deepEqual(await store.insertComment('/orphans', input, nowMs), { kind: 'unknown-parent' });
      assert.deepEqual((await store.listChanges('/orphans', 0, 10)).comments, []);
      // The id was not taken: the same comment without the bad parent goes through.
      const created = createdComment(
        await store.insertComment('/orphans', { ...input, parentId: null }, nowMs),
      );
      assert.equal(created.id, input.id);
    });

    it('refuses a parent that lives in another thread', async () => {
      const parent = await insert('/one');
      const result = await store.insertComment('/two', makeNewComment({ parentId: parent.id }), nowMs);
      assert.deepEqual(result, { kind: 'unknown-parent' });
      assert.deepEqual((await store.listChanges('/two', 0, 10)).comments, []);
    });

    it('returns copies that callers cannot use to change stored data', async () => {
      const created = await insert('/copies');
      created.body = 'tampered';
      const [listed] = (await store.listChanges('/copies', 0, 10)).comments;
      assert.equal(listed?.body, 'Hello, hearth.');
    });
  });
}
