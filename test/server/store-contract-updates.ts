import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { makeAuthor } from './helpers/fixtures.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore, type InsertOptions } from './store-contract.js';

/** Edits, pins and deletes: each takes a new seq, and a tombstone stays one. */
export function runUpdateContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  const insert = (thread: string, options: InsertOptions = {}) =>
    insertCreated(current.get(), thread, options);
  const list = async (thread: string, sinceSeq = 0, limit = 100, onSite = site) =>
    current.get().listChanges(onSite, thread, sinceSeq, limit);

  it('edits the body: sets editedAt, moves updatedAt and takes a new seq', async () => {
    const store = current.get();
    const original = await insert('/edit');
    const later = await insert('/edit');
    const editedAtMs = nowMs + 90_000;
    const edited = await store.updateComment(original.id, { body: 'Fixed the typo.' }, editedAtMs);
    assert.ok(edited);
    const at = new Date(editedAtMs).toISOString();
    assert.deepEqual(edited, {
      ...original,
      body: 'Fixed the typo.',
      editedAt: at,
      updatedAt: at,
      seq: edited.seq,
    });
    assert.ok(edited.seq > later.seq);
    // A reader who has seen everything up to `later` gets the edit, and only once.
    assert.deepEqual((await list('/edit', later.seq)).comments, [edited]);
    assert.deepEqual((await list('/edit')).comments, [later, edited]);
    assert.deepEqual((await store.getComment(original.id))?.comment, edited);
  });

  it('holds an edit beside the published text without a seq; approving publishes it, rejecting drops it', async () => {
    const store = current.get();
    const comment = await insert('/held-edit');
    const heldAtMs = nowMs + 60_000;
    const held = await store.holdEdit(comment.id, 'Ten spam links.', heldAtMs);
    const pendingEdit = { body: 'Ten spam links.', heldAt: new Date(heldAtMs).toISOString() };
    assert.deepEqual(held?.comment, comment, 'the public comment and its seq stay');
    assert.deepEqual(held?.pendingEdit, pendingEdit);
    assert.deepEqual((await store.getComment(comment.id))?.pendingEdit, pendingEdit);
    assert.deepEqual((await list('/held-edit')).comments, [comment]);
    const other = await insert('/held-edit', { status: 'held' });
    const listed = await store.queryComments({ site, hasPendingEdit: true, limit: 10 });
    assert.deepEqual(
      listed.map((record) => [record.comment.id, record.pendingEdit?.body]),
      [[comment.id, 'Ten spam links.']],
    );
    assert.equal(other.status, 'held');

    // A second edit replaces the held one; a pin keeps it.
    await store.holdEdit(comment.id, 'Nine spam links.', heldAtMs + 1);
    const pinned = await store.updateComment(comment.id, { pinned: true }, heldAtMs + 2);
    assert.equal(pinned?.body, comment.body);
    assert.equal((await store.getComment(comment.id))?.pendingEdit?.body, 'Nine spam links.');

    // Rejected: the text stays, the comment takes a seq (updatedAt moves) and the edit is gone.
    const rejected = await store.updateComment(comment.id, { pendingEdit: null }, heldAtMs + 3);
    assert.ok(rejected && rejected.seq > (pinned?.seq ?? 0));
    assert.equal(rejected.body, comment.body);
    assert.equal(rejected.editedAt, null);
    assert.equal((await store.getComment(comment.id))?.pendingEdit, undefined);
    assert.deepEqual(await store.queryComments({ site, hasPendingEdit: true, limit: 10 }), []);

    // Approved: the held text becomes the body, as an edit, and the feed carries it.
    await store.holdEdit(comment.id, 'Clean text.', heldAtMs + 4);
    const approved = await store.updateComment(comment.id, { body: 'Clean text.' }, heldAtMs + 5);
    assert.equal(approved?.body, 'Clean text.');
    assert.equal(approved?.editedAt, new Date(heldAtMs + 5).toISOString());
    assert.equal((await store.getComment(comment.id))?.pendingEdit, undefined);
    assert.deepEqual((await list('/held-edit', rejected.seq)).comments, [approved]);
  });

  it('holds no edit on a held comment, a tombstone or an unknown id; a delete drops a held edit', async () => {
    const store = current.get();
    const held = await insert('/held-edit', { status: 'held' });
    assert.equal(await store.holdEdit(held.id, 'New text.', nowMs + 1), null);
    assert.equal(await store.holdEdit(randomUUID(), 'New text.', nowMs + 1), null);
    const comment = await insert('/held-edit');
    await store.holdEdit(comment.id, 'New text.', nowMs + 1);
    await store.updateComment(comment.id, { status: 'deleted' }, nowMs + 2);
    assert.equal((await store.getComment(comment.id))?.pendingEdit, undefined);
    assert.equal(await store.holdEdit(comment.id, 'Again.', nowMs + 3), null);
    assert.equal((await store.getComment(held.id))?.pendingEdit, undefined);
  });

  it('pins and unpins, each with a new seq and without marking an edit', async () => {
    const store = current.get();
    const comment = await insert('/pin');
    const pinned = await store.updateComment(comment.id, { pinned: true }, nowMs + 1);
    assert.equal(pinned?.pinned, true);
    assert.equal(pinned?.editedAt, null);
    assert.equal(pinned?.body, comment.body);
    assert.ok(pinned && pinned.seq > comment.seq);
    const unpinned = await store.updateComment(comment.id, { pinned: false }, nowMs + 2);
    assert.equal(unpinned?.pinned, false);
    assert.ok(unpinned && unpinned.seq > pinned.seq);
    assert.deepEqual((await list('/pin')).comments, [unpinned]);
  });

  it('deletes to a tombstone that keeps its place and drops what identified the author publicly', async () => {
    const store = current.get();
    const author = makeAuthor({
      authorTokenHash: 'b'.repeat(64),
      userId: 'user-1',
      email: 'ada@example.org',
      ipHash: 'ip-1',
      verified: true,
      avatarUrl: 'https://example.org/ada.png',
    });
    const parent = await insert('/tomb', { author });
    const reply = await insert('/tomb', { input: { parentId: parent.id } });
    await store.updateComment(parent.id, { pinned: true }, nowMs + 1);
    const tombstone = await store.updateComment(parent.id, { status: 'deleted' }, nowMs + 2);
    assert.ok(tombstone);
    assert.deepEqual(tombstone, {
      ...parent,
      status: 'deleted',
      body: '',
      authorName: '',
      avatarUrl: null,
      pinned: false,
      updatedAt: new Date(nowMs + 2).toISOString(),
      seq: tombstone.seq,
    });
    // The feed sends a tombstone's empty body with its empty tree (see store-contract-trees.ts).
    assert.deepEqual((await list('/tomb')).comments, [reply, { ...tombstone, bodyTree: [] }]);
    const record = await store.getComment(parent.id);
    // The email goes; the token hash, user id and IP hash stay so the author can repeat the
    // delete and a moderator can still ban the author of a rejected comment.
    assert.deepEqual(record?.author, { ...author, email: null, avatarUrl: null });
  });

  it('keeps a tombstone deleted and empty whatever later updates ask', async () => {
    const store = current.get();
    const comment = await insert('/tomb2', { author: { email: 'a@example.org' } });
    const tombstone = await store.updateComment(comment.id, { status: 'deleted' }, nowMs + 1);
    assert.ok(tombstone);
    const updates = [{ status: 'published' as const }, { body: 'back from the dead' }, { pinned: true }];
    let previousSeq = tombstone.seq;
    for (const update of updates) {
      const after = await store.updateComment(comment.id, update, nowMs + 2);
      assert.ok(after, JSON.stringify(update));
      assert.deepEqual({ ...after, seq: 0, updatedAt: '' }, { ...tombstone, seq: 0, updatedAt: '' });
      assert.ok(after.seq > previousSeq);
      previousSeq = after.seq;
    }
    assert.equal((await store.getComment(comment.id))?.author.email, null);
  });

  it('returns null for an unknown id and changes nothing', async () => {
    const store = current.get();
    const before = await insert('/none');
    assert.equal(await store.updateComment(randomUUID(), { body: 'x' }, nowMs), null);
    const after = await insert('/none');
    assert.ok(after.seq > before.seq);
    assert.deepEqual((await list('/none')).comments, [before, after]);
  });
}
