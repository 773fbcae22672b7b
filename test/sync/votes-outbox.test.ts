import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { VoteRecord } from '../../src/storage/db.js';
import { castVote } from '../../src/sync/vote-writer.js';
import { postComment } from '../../src/sync/thread-writer.js';
import { makeTestJwt } from '../helpers/fake-auth.js';
import type { RecordedRequest } from '../helpers/fake-endpoint.js';
import { makeComment } from '../helpers/fixtures.js';
import { newComment, settle, useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/votes';

describe('votes through the outbox', () => {
  const harness = useSyncHarness(thread);
  function votes(): RecordedRequest[] {
    return harness.fake.requests.filter((request) => request.method === 'PUT');
  }

  function seedOne(): string {
    const comment = makeComment({ thread, votes: 2 });
    harness.fake.comments.push(comment);
    return comment.id;
  }

  it('shows the vote at once, queues one outbox row, and settles on the server count', async () => {
    const id = seedOne();
    const { sync, db } = await harness.startSyncWithDb();
    const release = harness.fake.hold();
    await castVote(sync.writeTarget, id, true, null);
    expect(sync.snapshot.votes.get(id)).to.deep.equal({
      isUp: true,
      count: 3,
      isPending: true,
      isAwaitingToken: false,
    });
    // A vote is neither a pending comment nor a write waiting to post.
    expect(sync.snapshot.pending).to.have.length(0);
    const rows = (await db.getAll('outbox')) as VoteRecord[];
    expect(rows.map((row) => [row.id, row.op, row.payload.commentId, row.payload.up])).to.deep.equal([
      [`vote:${id}`, 'vote', id, true],
    ]);
    release();
    await waitUntil(() => sync.snapshot.votes.get(id)?.isPending === false, 'the vote is delivered');
    expect(sync.snapshot.votes.get(id)).to.deep.equal({
      isUp: true,
      count: 3,
      isPending: false,
      isAwaitingToken: false,
    });
    expect(sync.snapshot.comments.find((comment) => comment.id === id)?.votes).to.equal(3);
    expect(await db.getAll('outbox')).to.have.length(0);
    expect(await db.get('votes', [harness.fake.url, thread, id])).to.deep.include({
      commentId: id,
      isUp: true,
    });
    const voter = (votes()[0]!.body as { voter: string }).voter;
    expect(voter).to.match(/^[0-9a-f-]{36}$/);
    expect([...harness.fake.voters.get(id)!]).to.deep.equal([`anon:${voter}`]);
  });

  it('is applied once when the first answer is lost, and retried with the same voter id', async () => {
    const id = seedOne();
    const { sync, db } = await harness.startSyncWithDb();
    harness.fake.lostReplies = 1;
    await castVote(sync.writeTarget, id, true, null);
    await waitUntil(() => votes().length === 1, 'the first attempt');
    await settle();
    expect(await db.getAll('outbox')).to.have.length(1);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => sync.snapshot.votes.get(id)?.isPending === false, 'delivered on retry');
    expect(votes()).to.have.length(2);
    expect(votes()[1]!.body).to.deep.equal(votes()[0]!.body);
    expect(harness.fake.voters.get(id)?.size).to.equal(1);
    expect(sync.snapshot.votes.get(id)).to.deep.equal({
      isUp: true,
      count: 3,
      isPending: false,
      isAwaitingToken: false,
    });
  });

  it('sends only the final state when toggled twice before delivery', async () => {
    const id = seedOne();
    const { sync, db } = await harness.startSyncWithDb();
    harness.fake.isDown = true;
    await castVote(sync.writeTarget, id, true, null);
    expect(sync.snapshot.votes.get(id)?.count).to.equal(3);
    await castVote(sync.writeTarget, id, false, null);
    expect(sync.snapshot.votes.get(id)).to.deep.equal({
      isUp: false,
      count: 2,
      isPending: true,
      isAwaitingToken: false,
    });
    await castVote(sync.writeTarget, id, true, null);
    await settle();
    const rows = (await db.getAll('outbox')) as VoteRecord[];
    expect(rows.map((row) => row.payload.up)).to.deep.equal([true]);
    await castVote(sync.writeTarget, id, false, null);
    const sent = votes().length;
    harness.fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => sync.snapshot.votes.get(id)?.isPending === false, 'delivered');
    expect(
      votes()
        .slice(sent)
        .map((request) => (request.body as { up: boolean }).up),
    ).to.deep.equal([false]);
    expect(harness.fake.voters.get(id)?.size ?? 0).to.equal(0);
    expect(sync.snapshot.votes.get(id)).to.deep.equal({
      isUp: false,
      count: 2,
      isPending: false,
      isAwaitingToken: false,
    });
  });

  it('is sent after a reload, from the outbox', async () => {
    const id = seedOne();
    const { sync: first } = await harness.startSyncWithDb();
    harness.fake.isDown = true;
    await castVote(first.writeTarget, id, true, null);
    first.close();
    harness.fake.isDown = false;
    const { sync: again } = await harness.startSyncWithDb();
    await waitUntil(() => again.snapshot.votes.get(id)?.isPending === false, 'delivered after reload');
    expect(again.snapshot.votes.get(id)).to.deep.equal({
      isUp: true,
      count: 3,
      isPending: false,
      isAwaitingToken: false,
    });
    expect(harness.fake.voters.get(id)?.size).to.equal(1);
  });

  it('keeps one voter id per endpoint across votes', async () => {
    const a = seedOne();
    const b = seedOne();
    const { sync } = await harness.startSyncWithDb();
    await castVote(sync.writeTarget, a, true, null);
    await castVote(sync.writeTarget, b, true, null);
    await waitUntil(() => votes().length === 2 && sync.snapshot.votes.get(b)?.isPending === false);
    const voters = votes().map((request) => (request.body as { voter: string }).voter);
    expect(voters[0]).to.equal(voters[1]);
  });

  it('votes as the SSO reader with their token', async () => {
    const id = seedOne();
    const { sync } = await harness.startSyncWithDb();
    const token = makeTestJwt({ sub: 'reader-9', name: 'Nine' });
    await castVote(sync.writeTarget, id, true, token);
    await waitUntil(() => sync.snapshot.votes.get(id)?.isPending === false, 'delivered');
    expect(votes()[0]!.headers.get('Authorization')).to.equal(`Bearer ${token}`);
    expect([...harness.fake.voters.get(id)!]).to.deep.equal(['user:reader-9']);
  });

  it('waits for the post of its own comment, and drops a vote the server refuses', async () => {
    const { sync, db } = await harness.startSyncWithDb();
    harness.fake.isDown = true;
    const input = newComment({ body: 'Vote for me' });
    await postComment(sync.writeTarget, input);
    await castVote(sync.writeTarget, input.id, true, null);
    harness.fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => harness.fake.voters.get(input.id)?.size === 1, 'the vote follows the post');
    const methods = harness.fake.requests
      .filter((request) => request.method !== 'GET')
      .map((request) => request.method);
    expect(methods.lastIndexOf('POST')).to.be.below(methods.lastIndexOf('PUT'));

    const held = makeComment({ thread, status: 'held' });
    harness.fake.comments.push(held);
    await castVote(sync.writeTarget, held.id, true, null);
    await waitUntil(() => !sync.snapshot.votes.has(held.id), 'the refused vote is dropped');
    expect(await db.getAll('outbox')).to.have.length(0);
  });
});
