import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { CommentStatus } from '../../src/protocol/index.js';
import type { ImportedComment } from '../../server/src/store/site-transfer-store.js';
import { makeAuthor } from './helpers/fixtures.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore } from './store-contract.js';

/** An imported comment on `thread` written at `atMs`; override any field of the comment. */
export function imported(
  thread: string,
  atMs: number,
  overrides: Partial<ImportedComment['comment']> = {},
  onSite = site,
): ImportedComment {
  const at = new Date(atMs).toISOString();
  return {
    site: onSite,
    comment: {
      id: randomUUID(),
      thread,
      parentId: null,
      authorName: 'Imported',
      body: 'From *before*.',
      createdAt: at,
      updatedAt: at,
      status: 'published' as CommentStatus,
      editedAt: null,
      verified: false,
      avatarUrl: null,
      pinned: false,
      votes: 0,
      ...overrides,
    },
    author: makeAuthor({ email: 'ada@example.org' }),
  };
}

/** Importing comments as they were, and reading a whole site back (site-transfer-store.ts). */
export function runTransferContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  // Inside: store-contract.ts imports this file, so its constants are not set at load time.
  const yearAgo = nowMs - 365 * 24 * 3600 * 1000;

  it('imports comments with their own times, statuses, pins and counts, each with a new seq in the feed', async () => {
    const store = current.get();
    const before = await insertCreated(store, '/a');
    const parent = imported('/a', yearAgo, {
      pinned: true,
      votes: 7,
      editedAt: new Date(yearAgo + 5).toISOString(),
    });
    const reply = imported('/a', yearAgo + 1000, { parentId: parent.comment.id });
    const held = imported('/a', yearAgo + 2000, { status: 'held' });
    const tombstone = imported('/a', yearAgo + 3000, { status: 'deleted', body: '', authorName: '' });
    const answer = await store.importComments([parent, reply, held, tombstone], []);
    assert.deepEqual(answer, { added: 4, present: 0 });

    const feed = await store.listChanges(site, '/a', before.seq, 10);
    assert.deepEqual(
      feed.comments.map(({ id, createdAt, status, pinned, votes, parentId, editedAt }) => ({
        id,
        createdAt,
        status,
        pinned,
        votes,
        parentId,
        editedAt,
      })),
      [parent, reply, tombstone].map(({ comment }) => ({
        id: comment.id,
        createdAt: comment.createdAt,
        status: comment.status,
        pinned: comment.pinned,
        votes: comment.votes,
        parentId: comment.parentId,
        editedAt: comment.editedAt,
      })),
    );
    const seqs = feed.comments.map((comment) => comment.seq);
    assert.ok(seqs.every((seq, index) => seq > before.seq && (index === 0 || seq > (seqs[index - 1] ?? 0))));
    // The body's tree is kept as for any write: the feed sends it.
    assert.ok(feed.comments[0]?.bodyTree, 'the imported markdown body has its tree');
    const record = await store.getComment(held.comment.id);
    assert.equal(record?.comment.status, 'held');
    assert.equal(record?.author.email, 'ada@example.org');
  });

  it('leaves a comment already stored as it is, takes no seq for it, and skips a vote already stored', async () => {
    const store = current.get();
    const first = imported('/a', yearAgo, { votes: 1 });
    const vote = { commentId: first.comment.id, voterKey: 'import:x', createdAtMs: yearAgo + 1 };
    assert.deepEqual(await store.importComments([first], [vote]), { added: 1, present: 0 });
    const { lastSeq } = await store.listChangedThreads(0);

    const changed = { ...first, comment: { ...first.comment, body: 'Changed in the file since.' } };
    const again = await store.importComments([changed, first], [vote]);
    assert.deepEqual(again, { added: 0, present: 2 });
    assert.equal((await store.listChangedThreads(0)).lastSeq, lastSeq);
    assert.equal((await store.getComment(first.comment.id))?.comment.body, 'From *before*.');
    assert.deepEqual(await store.listSiteVotes(site, null, 10), [vote]);
  });

  it('stores an id given twice in one batch once, as first given, with one seq', async () => {
    const store = current.get();
    const first = imported('/a', yearAgo);
    const repeat = { ...first, comment: { ...first.comment, body: 'The same id again.' } };
    const { lastSeq } = await store.listChangedThreads(0);
    assert.deepEqual(await store.importComments([first, repeat], []), { added: 1, present: 1 });
    assert.equal((await store.getComment(first.comment.id))?.comment.body, 'From *before*.');
    const feed = await store.listChanges(site, '/a', lastSeq, 10);
    assert.deepEqual(
      feed.comments.map(({ id, seq }) => [id, seq]),
      [[first.comment.id, lastSeq + 1]],
    );
  });

  it('keeps the body tree the importer made, as given', async () => {
    const store = current.get();
    // Not what parsing the body gives: only a tree taken as given can show this.
    const tree = [{ t: 'p', c: ['As the importer made it'] }];
    const given = { ...imported('/a', yearAgo), bodyTree: JSON.stringify(tree) };
    await store.importComments([given], []);
    const { comments } = await store.listChanges(site, '/a', 0, 10);
    assert.deepEqual(comments.find(({ id }) => id === given.comment.id)?.bodyTree, tree);
  });

  it('stores votes beside the comments’ own counts, and a later vote moves the count by one', async () => {
    const store = current.get();
    // A source with a score and no voters (Commento): the count stands alone.
    const scored = imported('/a', yearAgo, { votes: 5 });
    const voted = imported('/a', yearAgo + 1, { votes: 2 });
    const votes = [
      { commentId: voted.comment.id, voterKey: 'import:b', createdAtMs: yearAgo + 10 },
      { commentId: voted.comment.id, voterKey: 'import:a', createdAtMs: yearAgo + 20 },
      // A vote on a comment the store does not hold is not stored.
      { commentId: randomUUID(), voterKey: 'import:c', createdAtMs: yearAgo + 30 },
    ];
    await store.importComments([scored, voted], votes);
    assert.deepEqual(
      await store.listSiteVotes(site, null, 10),
      [votes[1], votes[0]],
      'by comment id then voter key',
    );
    const result = await store.setVote({
      site,
      commentId: scored.comment.id,
      voterKey: 'anon:z',
      isUp: true,
      nowMs,
    });
    assert.equal(result.kind, 'changed');
    assert.equal(result.kind === 'changed' && result.comment.votes, 6);
  });

  it('lists a site’s comments of every status in seq order, in pages, with their private details', async () => {
    const store = current.get();
    const live = await insertCreated(store, '/b', { author: { email: 'live@example.org' } });
    await insertCreated(store, '/b', { site: 'other' });
    const tombstone = imported('/a', yearAgo, { status: 'deleted', body: '', authorName: '' });
    const held = imported('/c', yearAgo, { status: 'held' });
    await store.importComments([tombstone, held], []);
    await store.updateComment(live.id, { body: 'Edited later.' }, nowMs + 1);

    const first = await store.listSiteComments(site, 0, 2);
    assert.deepEqual(
      first.map((record) => record.comment.id),
      [tombstone.comment.id, held.comment.id],
    );
    const rest = await store.listSiteComments(site, first.at(-1)?.comment.seq ?? 0, 2);
    assert.deepEqual(
      rest.map((record) => [record.comment.id, record.comment.body, record.author.email]),
      [[live.id, 'Edited later.', 'live@example.org']],
    );
    assert.deepEqual(await store.listSiteComments('nowhere', 0, 10), []);
  });

  it('pages a site’s votes by comment id and voter key in byte order, without gaps or repeats', async () => {
    const store = current.get();
    const comments = [imported('/a', yearAgo), imported('/a', yearAgo + 1)];
    await store.importComments(comments, []);
    const keys = ['user:Z', 'user:a', 'user:é', 'user:😀'];
    const votes = comments.flatMap(({ comment }) =>
      keys.map((voterKey, index) => ({ commentId: comment.id, voterKey, createdAtMs: yearAgo + index })),
    );
    await store.importComments([], votes);
    const other = imported('/a', yearAgo, {}, 'other');
    await store.importComments(
      [other],
      [{ commentId: other.comment.id, voterKey: 'user:a', createdAtMs: 1 }],
    );

    const pages = [];
    let after = null;
    for (;;) {
      const page = await store.listSiteVotes(site, after, 3);
      if (page.length === 0) break;
      pages.push(...page);
      const last = page.at(-1);
      after = last ? { commentId: last.commentId, voterKey: last.voterKey } : null;
    }
    const sortedIds = comments.map(({ comment }) => comment.id).sort();
    assert.deepEqual(
      pages.map((vote) => [vote.commentId, vote.voterKey]),
      sortedIds.flatMap((id) => keys.map((key) => [id, key])),
    );
  });

  it('lists a site’s locked threads by key', async () => {
    const store = current.get();
    await store.setThreadLocked(site, '/b', true);
    await store.setThreadLocked(site, '/a', true);
    await store.setThreadLocked(site, '/open', true);
    await store.setThreadLocked(site, '/open', false);
    await store.setThreadLocked('other', '/c', true);
    assert.deepEqual(await store.listLockedThreads(site), ['/a', '/b']);
  });
}
