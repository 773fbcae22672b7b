import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { VoteRequest } from '../../server/src/store/comment-store.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore, type InsertOptions } from './store-contract.js';

/** Published-comment counts per thread, and upvotes with their seqs. */
export function runVoteContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  const insert = (thread: string, options: InsertOptions = {}) =>
    insertCreated(current.get(), thread, options);
  const vote = (commentId: string, voterKey: string, isUp: boolean, extra: Partial<VoteRequest> = {}) =>
    current.get().setVote({ site, commentId, voterKey, isUp, nowMs: nowMs + 1_000, ...extra });

  describe('counts', () => {
    it('counts published comments per asked thread, 0 for unknown ones', async () => {
      const store = current.get();
      const parent = await insert('/a');
      await insert('/a', { input: { parentId: parent.id } });
      await insert('/b');
      await insert('/a', { status: 'held' });
      const deleted = await insert('/b');
      await store.updateComment(deleted.id, { status: 'deleted' }, nowMs + 1);
      await insert('/a', { site: 'blog' });
      await insert('/c', { site: 'blog' });

      const counts = await store.countComments(site, ['/a', '/b', '/c', '/none']);
      assert.deepEqual([...counts].sort(), [
        ['/a', 2],
        ['/b', 1],
        ['/c', 0],
        ['/none', 0],
      ]);
      assert.deepEqual([...(await store.countComments('blog', ['/a']))], [['/a', 1]]);
      assert.equal((await store.countComments(site, [])).size, 0);
    });

    it('counts an approved comment and stops counting a deleted one', async () => {
      const store = current.get();
      const held = await insert('/moving', { status: 'held' });
      assert.equal((await store.countComments(site, ['/moving'])).get('/moving'), 0);
      await store.updateComment(held.id, { status: 'published' }, nowMs + 1);
      assert.equal((await store.countComments(site, ['/moving'])).get('/moving'), 1);
      await store.updateComment(held.id, { status: 'deleted' }, nowMs + 2);
      assert.equal((await store.countComments(site, ['/moving'])).get('/moving'), 0);
    });
  });

  describe('votes', () => {
    it("lists a voter's upvoted published comments in one thread, newest vote first, up to the limit", async () => {
      const store = current.get();
      const [a, b, c, held, gone] = [
        await insert('/listed'),
        await insert('/listed'),
        await insert('/listed'),
        await insert('/listed', { status: 'held' }),
        await insert('/listed'),
      ];
      const elsewhere = await insert('/other');
      const otherSite = await insert('/listed', { site: 'blog' });
      let atMs = nowMs;
      const voteAt = (commentId: string, voterKey: string, isUp: boolean, voteSite = site) =>
        store.setVote({ site: voteSite, commentId, voterKey, isUp, nowMs: (atMs += 1_000) });
      await voteAt(b.id, 'user:me', true);
      await voteAt(a.id, 'user:me', true);
      await voteAt(c.id, 'user:me', true);
      await voteAt(c.id, 'user:me', false);
      await voteAt(gone.id, 'user:me', true);
      await store.updateComment(gone.id, { status: 'deleted' }, atMs);
      await voteAt(elsewhere.id, 'user:me', true);
      await voteAt(otherSite.id, 'user:me', true, 'blog');
      await voteAt(c.id, 'user:you', true);
      assert.equal((await voteAt(held.id, 'user:me', true)).kind, 'not-votable');

      assert.deepEqual(await store.listVotedIds(site, '/listed', 'user:me', 10), [a.id, b.id]);
      assert.deepEqual(await store.listVotedIds(site, '/listed', 'user:me', 1), [a.id]);
      assert.deepEqual(await store.listVotedIds(site, '/listed', 'user:you', 10), [c.id]);
      assert.deepEqual(await store.listVotedIds('blog', '/listed', 'user:me', 10), [otherSite.id]);
      assert.deepEqual(await store.listVotedIds(site, '/listed', 'user:nobody', 10), []);
    });

    it('lists votes of the same millisecond by comment id, highest first, in every store', async () => {
      const store = current.get();
      const id = (last: string) => `00000000-0000-4000-8000-00000000000${last}`;
      for (const last of ['1', '2', '3', '4']) await insert('/ties', { input: { id: id(last) } });
      // Cast out of id order: an order of insertion (rowid) and id order disagree.
      for (const last of ['2', '4', '1']) {
        await store.setVote({
          site,
          commentId: id(last),
          voterKey: 'user:tied',
          isUp: true,
          nowMs: nowMs + 1_000,
        });
      }
      await store.setVote({
        site,
        commentId: id('3'),
        voterKey: 'user:tied',
        isUp: true,
        nowMs: nowMs + 500,
      });

      assert.deepEqual(await store.listVotedIds(site, '/ties', 'user:tied', 10), [
        id('4'),
        id('2'),
        id('1'),
        id('3'),
      ]);
      assert.deepEqual(await store.listVotedIds(site, '/ties', 'user:tied', 2), [id('4'), id('2')]);
    });

    it('starts every comment at 0 votes', async () => {
      const comment = await insert('/v');
      assert.equal(comment.votes, 0);
      assert.equal((await current.get().getComment(comment.id))?.comment.votes, 0);
      assert.equal((await current.get().listChanges(site, '/v', 0, 10)).comments[0]?.votes, 0);
    });

    it('records an upvote with a new seq that the feed carries, without moving updatedAt', async () => {
      const store = current.get();
      const comment = await insert('/v');
      const later = await insert('/v');
      const result = await vote(comment.id, 'anon:a', true);
      assert.equal(result.kind, 'changed');
      assert.ok(result.kind === 'changed');
      assert.deepEqual(result.comment, { ...comment, votes: 1, seq: result.comment.seq });
      assert.ok(result.comment.seq > later.seq);
      assert.equal(result.comment.updatedAt, comment.updatedAt);
      assert.deepEqual((await store.listChanges(site, '/v', later.seq, 10)).comments, [result.comment]);
      assert.deepEqual((await store.getComment(comment.id))?.comment, result.comment);
    });

    it('treats a repeated upvote as unchanged, without a new seq', async () => {
      const store = current.get();
      const comment = await insert('/v');
      const first = await vote(comment.id, 'anon:a', true);
      assert.ok(first.kind === 'changed');
      const again = await vote(comment.id, 'anon:a', true);
      assert.deepEqual(again, { kind: 'unchanged', comment: first.comment });
      const next = await insert('/v');
      assert.equal(next.seq, first.comment.seq + 1, 'the repeat took no seq');
      assert.deepEqual((await store.listChanges(site, '/v', first.comment.seq, 10)).comments, [next]);
    });

    it('takes a vote back once; taking it back again changes nothing', async () => {
      const comment = await insert('/v');
      const up = await vote(comment.id, 'user:u1', true);
      assert.ok(up.kind === 'changed');
      const back = await vote(comment.id, 'user:u1', false);
      assert.ok(back.kind === 'changed');
      assert.equal(back.comment.votes, 0);
      assert.ok(back.comment.seq > up.comment.seq);
      assert.deepEqual(await vote(comment.id, 'user:u1', false), {
        kind: 'unchanged',
        comment: back.comment,
      });
      assert.deepEqual((await current.get().listChanges(site, '/v', up.comment.seq, 10)).comments, [
        back.comment,
      ]);
      // Taken back, the same voter may vote again.
      const upAgain = await vote(comment.id, 'user:u1', true);
      assert.ok(upAgain.kind === 'changed' && upAgain.comment.votes === 1);
    });

    it('counts two voters apart, and a never-cast vote taken back as unchanged', async () => {
      const comment = await insert('/v');
      const other = await insert('/v');
      await vote(comment.id, 'anon:a', true);
      const second = await vote(comment.id, 'user:b', true);
      assert.ok(second.kind === 'changed' && second.comment.votes === 2);
      const onOther = await vote(other.id, 'anon:a', true);
      assert.ok(onOther.kind === 'changed' && onOther.comment.votes === 1);
      const never = await vote(comment.id, 'anon:c', false);
      assert.deepEqual(never, { kind: 'unchanged', comment: second.comment });
      const back = await vote(comment.id, 'anon:a', false);
      assert.ok(back.kind === 'changed' && back.comment.votes === 1);
    });

    it('refuses held and deleted comments as not votable, taking no seq', async () => {
      const store = current.get();
      const held = await insert('/v', { status: 'held' });
      const gone = await insert('/v');
      await vote(gone.id, 'anon:a', true);
      const tombstone = await store.updateComment(gone.id, { status: 'deleted' }, nowMs + 1);
      assert.ok(tombstone);
      assert.deepEqual(await vote(held.id, 'anon:a', true), { kind: 'not-votable', comment: held });
      assert.deepEqual(await vote(gone.id, 'anon:b', true), { kind: 'not-votable', comment: tombstone });
      assert.deepEqual(await vote(gone.id, 'anon:a', false), { kind: 'not-votable', comment: tombstone });
      assert.equal((await insert('/v')).seq, tombstone.seq + 1);
    });

    it('answers not-found for an unknown id and for a comment on another site', async () => {
      const comment = await insert('/v');
      assert.deepEqual(await vote(randomUUID(), 'anon:a', true), { kind: 'not-found' });
      assert.deepEqual(await vote(comment.id, 'anon:a', true, { site: 'blog' }), { kind: 'not-found' });
      assert.equal((await current.get().getComment(comment.id))?.comment.votes, 0);
    });

    it('counts one anonymous upvote per network per comment; signed-in votes and retries are unaffected', async () => {
      const comment = await insert('/v');
      const other = await insert('/v');
      const first = await vote(comment.id, 'anon:a', true, { networkKey: 'net-1' });
      assert.ok(first.kind === 'changed' && first.comment.votes === 1);
      // A second voter id from the same network does not count, and takes no seq.
      assert.deepEqual(await vote(comment.id, 'anon:b', true, { networkKey: 'net-1' }), {
        kind: 'network-limited',
        comment: first.comment,
      });
      // The first voter's retry answers unchanged; another network, another comment and a
      // signed-in reader (no network key) all count.
      assert.deepEqual(await vote(comment.id, 'anon:a', true, { networkKey: 'net-1' }), {
        kind: 'unchanged',
        comment: first.comment,
      });
      const elsewhere = await vote(comment.id, 'anon:c', true, { networkKey: 'net-2' });
      assert.ok(elsewhere.kind === 'changed' && elsewhere.comment.votes === 2);
      const onOther = await vote(other.id, 'anon:b', true, { networkKey: 'net-1' });
      assert.ok(onOther.kind === 'changed' && onOther.comment.votes === 1);
      const signedIn = await vote(comment.id, 'user:u1', true, { networkKey: null });
      assert.ok(signedIn.kind === 'changed' && signedIn.comment.votes === 3);
      // Taking the network's vote back frees the network for another voter.
      const back = await vote(comment.id, 'anon:a', false, { networkKey: 'net-1' });
      assert.ok(back.kind === 'changed' && back.comment.votes === 2);
      const next = await vote(comment.id, 'anon:b', true, { networkKey: 'net-1' });
      assert.ok(next.kind === 'changed' && next.comment.votes === 3);
      assert.equal((await current.get().getComment(comment.id))?.comment.votes, 3);
    });

    it('keeps the count through later edits and pins', async () => {
      const store = current.get();
      const comment = await insert('/v');
      await vote(comment.id, 'anon:a', true);
      const edited = await store.updateComment(comment.id, { body: 'Edited.' }, nowMs + 2);
      assert.equal(edited?.votes, 1);
      const pinned = await store.updateComment(comment.id, { pinned: true }, nowMs + 3);
      assert.equal(pinned?.votes, 1);
    });
  });
}
