import { expect } from '@open-wc/testing';
import { WriteOp, WriteState, type OutboxRecord } from '../../src/storage/db.js';
import {
  isSameRevision,
  mergeChange,
  mergeVote,
  settleDelivered,
  voteWriteId,
} from '../../src/storage/outbox-merge.js';
import { makeWrite } from '../helpers/outbox-fixtures.js';

const guestToken = `hga_${'a'.repeat(43)}`;
const base = { id: 'c-1', endpoint: 'https://comments.example/', thread: '/posts/test', token: guestToken };
const refused = { status: 422, code: 'validation_failed', message: 'No.' };

describe('mergeChange', () => {
  it('queues a new edit, due now, with the token it was given', () => {
    expect(mergeChange(undefined, { op: WriteOp.edit, body: 'Fixed' }, base, 7_000)).to.deep.equal({
      ...base,
      op: 'edit',
      payload: { body: 'Fixed' },
      state: 'pending',
      createdAtMs: 7_000,
      attempts: 0,
      nextAttemptAtMs: 7_000,
      lastError: null,
      revision: 1,
    });
  });

  it('queues a new delete with an SSO token, marked as SSO', () => {
    const sso = { ...base, token: 'eyJ.x.y', isSso: true };
    expect(mergeChange(undefined, { op: WriteOp.delete }, sso, 7_000)).to.deep.include({
      op: 'delete',
      payload: null,
      token: 'eyJ.x.y',
      isSso: true,
    });
  });

  it('leaves out an absent token rather than storing undefined', () => {
    const record = mergeChange(undefined, { op: WriteOp.delete }, { ...base, token: undefined }, 1);
    expect(Object.keys(record)).not.to.include('token');
    expect(Object.keys(record)).not.to.include('isSso');
  });

  it('changes the text of a queued post and keeps it a post, with its id, parent and token', () => {
    const post = makeWrite({ token: guestToken, attempts: 3, nextAttemptAtMs: 99_000 }, 'parent-1');
    const merged = mergeChange(
      post,
      { op: WriteOp.edit, body: 'Second thoughts' },
      { ...base, token: 'other' },
      7_000,
    );
    expect(merged).to.deep.equal({
      ...post,
      payload: { ...post.payload, body: 'Second thoughts' },
      attempts: 0,
      nextAttemptAtMs: 7_000,
      revision: 1,
    });
  });

  it('turns a queued post into a delete, keeping the post’s token (it may have reached the server)', () => {
    const post = makeWrite({ token: guestToken, revision: 2 });
    expect(mergeChange(post, { op: WriteOp.delete }, base, 7_000)).to.deep.include({
      id: post.id,
      op: 'delete',
      payload: null,
      token: guestToken,
      revision: 3,
      createdAtMs: post.createdAtMs,
    });
  });

  it('replaces a queued edit, even a refused one, with a new edit', () => {
    const edit = mergeChange(undefined, { op: WriteOp.edit, body: 'First' }, base, 1_000);
    const failed: OutboxRecord = { ...edit, state: WriteState.failed, lastError: refused, attempts: 1 };
    const again = mergeChange(failed, { op: WriteOp.edit, body: 'Second' }, base, 2_000);
    expect(again).to.deep.include({
      op: 'edit',
      payload: { body: 'Second' },
      state: 'pending',
      lastError: null,
      attempts: 0,
      revision: 2,
      createdAtMs: 1_000,
    });
  });

  it('lets a delete supersede a queued edit', () => {
    const edit = mergeChange(undefined, { op: WriteOp.edit, body: 'First' }, base, 1_000);
    expect(mergeChange(edit, { op: WriteOp.delete }, base, 2_000)).to.deep.include({
      op: 'delete',
      payload: null,
      revision: 2,
    });
  });

  it('keeps a queued delete as it is: there is nothing left to edit', () => {
    const deletion = mergeChange(undefined, { op: WriteOp.delete }, base, 1_000);
    expect(mergeChange(deletion, { op: WriteOp.edit, body: 'Too late' }, base, 2_000)).to.equal(deletion);
  });
});

describe('settleDelivered', () => {
  it('leaves nothing queued when the write was not changed while in flight', () => {
    const post = makeWrite({ revision: 4 });
    expect(settleDelivered(post, post)).to.equal(undefined);
    expect(settleDelivered({ ...post, attempts: 9 }, post), 'only the revision matters').to.equal(undefined);
  });

  it('leaves nothing when the write is gone (discarded, or completed by another tab)', () => {
    expect(settleDelivered(undefined, makeWrite())).to.equal(undefined);
  });

  it('turns a post edited in flight into an edit of the now stored comment', () => {
    const sent = makeWrite({ token: guestToken });
    const edited = mergeChange(sent, { op: WriteOp.edit, body: 'Edited in flight' }, base, 5_000);
    expect(settleDelivered(edited, sent)).to.deep.equal({
      ...edited,
      op: 'edit',
      payload: { body: 'Edited in flight' },
      attempts: 0,
      nextAttemptAtMs: 0,
    });
  });

  it('keeps a delete made while the post was in flight, to be sent next', () => {
    const sent = makeWrite({ token: guestToken });
    const deleted = mergeChange(sent, { op: WriteOp.delete }, base, 5_000);
    expect(settleDelivered(deleted, sent)).to.equal(deleted);
  });

  it('keeps a newer edit made while an edit was in flight', () => {
    const sent = mergeChange(undefined, { op: WriteOp.edit, body: 'One' }, base, 1_000);
    const newer = mergeChange(sent, { op: WriteOp.edit, body: 'Two' }, base, 2_000);
    expect(settleDelivered(newer, sent)).to.equal(newer);
  });
});

describe('isSameRevision', () => {
  it('treats records without a revision (queued before schema 4) as revision 0', () => {
    const old = makeWrite();
    expect(isSameRevision(old, old)).to.equal(true);
    expect(isSameRevision({ ...old, revision: 0 }, old)).to.equal(true);
    expect(isSameRevision({ ...old, revision: 1 }, old)).to.equal(false);
    expect(isSameRevision(undefined, old)).to.equal(false);
  });
});

describe('mergeVote', () => {
  const commentId = '00000000-0000-4000-8000-0000000000aa';
  const base = { id: 'ignored', endpoint: 'https://comments.example/', thread: '/posts/test' };
  const payload = { commentId, up: true, voter: '00000000-0000-4000-8000-0000000000bb' };

  it("queues a pending vote under vote:<comment id>, apart from the comment's own write", () => {
    const vote = mergeVote(undefined, payload, base, 5_000);
    expect(vote).to.deep.equal({
      ...base,
      id: `vote:${commentId}`,
      op: 'vote',
      payload,
      state: 'pending',
      createdAtMs: 5_000,
      attempts: 0,
      nextAttemptAtMs: 5_000,
      lastError: null,
      revision: 1,
    });
    expect(voteWriteId(commentId)).to.equal(vote.id);
  });

  it('lets the last intent win: a new click replaces the queued vote and bumps its revision', () => {
    const first = mergeVote(undefined, payload, base, 5_000);
    const tried = { ...first, attempts: 3, nextAttemptAtMs: 60_000 };
    const second = mergeVote(tried, { ...payload, up: false }, { ...base, token: 'sso', isSso: true }, 7_000);
    expect(second.payload.up).to.equal(false);
    expect(second.revision).to.equal(2);
    expect(second.attempts).to.equal(0);
    expect(second.nextAttemptAtMs).to.equal(7_000);
    expect(second.createdAtMs).to.equal(5_000);
    expect(second.token).to.equal('sso');
    expect(isSameRevision(second, first)).to.equal(false);
    expect(settleDelivered(second, first)).to.equal(second);
  });
});
