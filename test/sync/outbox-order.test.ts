import { expect } from '@open-wc/testing';
import { WriteState, type OutboxRecord } from '../../src/storage/db.js';
import { nextDueAtMs, selectDueWrites } from '../../src/sync/outbox-order.js';
import { testUuid } from '../helpers/fixtures.js';
import { makeWrite } from '../helpers/outbox-fixtures.js';

const ids = (records: readonly OutboxRecord[]) => records.map((record) => record.id);

describe('selectDueWrites', () => {
  it('selects nothing from an empty outbox', () => {
    expect(selectDueWrites([], 5_000)).to.deep.equal([]);
  });

  it('selects only pending writes', () => {
    const pending = makeWrite();
    const failed = makeWrite({
      state: WriteState.failed,
      lastError: { status: 422, code: 'invalid', message: 'No.' },
    });
    expect(ids(selectDueWrites([failed, pending], 5_000))).to.deep.equal([pending.id]);
  });

  it('selects only writes that are due (nextAttemptAtMs <= now)', () => {
    const past = makeWrite({ createdAtMs: 1_000, nextAttemptAtMs: 4_000 });
    const exactlyNow = makeWrite({ createdAtMs: 2_000, nextAttemptAtMs: 5_000 });
    const future = makeWrite({ createdAtMs: 500, nextAttemptAtMs: 5_001 });
    expect(ids(selectDueWrites([future, exactlyNow, past], 5_000))).to.deep.equal([past.id, exactlyNow.id]);
  });

  it('orders due writes oldest first', () => {
    const c = makeWrite({ createdAtMs: 3_000 });
    const a = makeWrite({ createdAtMs: 1_000 });
    const b = makeWrite({ createdAtMs: 2_000 });
    expect(ids(selectDueWrites([c, a, b], 5_000))).to.deep.equal([a.id, b.id, c.id]);
  });

  it('does not mutate its input', () => {
    const c = makeWrite({ createdAtMs: 3_000 });
    const a = makeWrite({ createdAtMs: 1_000 });
    const input = [c, a];
    selectDueWrites(input, 5_000);
    expect(ids(input)).to.deep.equal([c.id, a.id]);
  });

  it('holds back a reply while its parent is still queued', () => {
    const parent = makeWrite({ createdAtMs: 1_000 });
    const reply = makeWrite({ createdAtMs: 2_000 }, parent.id);
    expect(ids(selectDueWrites([parent, reply], 5_000))).to.deep.equal([parent.id]);
  });

  it('holds back a reply even when its queued parent has failed', () => {
    const parent = makeWrite({
      createdAtMs: 1_000,
      state: WriteState.failed,
      lastError: { status: 422, code: 'invalid', message: 'No.' },
    });
    const reply = makeWrite({ createdAtMs: 2_000 }, parent.id);
    expect(selectDueWrites([parent, reply], 5_000)).to.deep.equal([]);
  });

  it('holds back a reply while its parent is queued but not yet due', () => {
    const parent = makeWrite({ createdAtMs: 1_000, nextAttemptAtMs: 9_000 });
    const reply = makeWrite({ createdAtMs: 2_000 }, parent.id);
    expect(selectDueWrites([parent, reply], 5_000)).to.deep.equal([]);
  });

  it('lets a reply go once its parent has left the outbox', () => {
    const parent = makeWrite({ createdAtMs: 1_000 });
    const reply = makeWrite({ createdAtMs: 2_000 }, parent.id);
    expect(ids(selectDueWrites([reply], 5_000))).to.deep.equal([reply.id]);
  });

  it('lets a reply to an already published comment go', () => {
    const reply = makeWrite({}, testUuid());
    expect(ids(selectDueWrites([reply], 5_000))).to.deep.equal([reply.id]);
  });
});

describe('nextDueAtMs', () => {
  it('is null for an empty outbox', () => {
    expect(nextDueAtMs([])).to.equal(null);
  });

  it('is the earliest nextAttemptAtMs of the pending writes', () => {
    const records = [
      makeWrite({ nextAttemptAtMs: 8_000 }),
      makeWrite({ nextAttemptAtMs: 3_000 }),
      makeWrite({ nextAttemptAtMs: 6_000 }),
    ];
    expect(nextDueAtMs(records)).to.equal(3_000);
  });

  it('ignores failed writes', () => {
    const records = [
      makeWrite({ nextAttemptAtMs: 1_000, state: WriteState.failed }),
      makeWrite({ nextAttemptAtMs: 7_000 }),
    ];
    expect(nextDueAtMs(records)).to.equal(7_000);
  });

  it('is null when no write is pending', () => {
    const records = [
      makeWrite({ nextAttemptAtMs: 1_000, state: WriteState.failed }),
      makeWrite({ nextAttemptAtMs: 2_000, state: WriteState.failed }),
    ];
    expect(nextDueAtMs(records)).to.equal(null);
  });
});

describe('selectDueWrites with edits, deletes and SSO', () => {
  const expired = { status: 401, code: 'sso_token_expired', message: 'Expired.' };

  it('holds back a write whose SSO token expired, and does not schedule it', () => {
    const waiting = makeWrite({ isSso: true, token: 'eyJ.a.b', lastError: expired, nextAttemptAtMs: 0 });
    const other = makeWrite({ createdAtMs: 2_000 });
    expect(ids(selectDueWrites([waiting, other], 5_000))).to.deep.equal([other.id]);
    expect(nextDueAtMs([waiting])).to.equal(null);
  });

  it('lets a reply wait for a parent whose post waits for a fresh token', () => {
    const parent = makeWrite({ isSso: true, lastError: expired });
    const reply = makeWrite({ createdAtMs: 2_000 }, parent.id);
    expect(selectDueWrites([parent, reply], 5_000)).to.deep.equal([]);
  });

  it('does not hold a reply back for an edit or delete of its parent (the parent is stored)', () => {
    const parent = makeWrite();
    const editOfParent: OutboxRecord = { ...parent, op: 'edit', payload: { body: 'Changed' } };
    const reply = makeWrite({ createdAtMs: 2_000 }, parent.id);
    expect(ids(selectDueWrites([editOfParent, reply], 5_000))).to.deep.equal([parent.id, reply.id]);
  });
});

describe('selectDueWrites with votes', () => {
  function makeVote(commentId: string, createdAtMs = 2_000): OutboxRecord {
    const post = makeWrite({ createdAtMs });
    return {
      ...post,
      id: `vote:${commentId}`,
      op: 'vote',
      payload: { commentId, up: true, voter: testUuid() },
    };
  }

  it('holds a vote back while the post of its comment is queued', () => {
    const post = makeWrite({
      isSso: true,
      lastError: { status: 401, code: 'sso_token_expired', message: 'x' },
    });
    const vote = makeVote(post.id);
    expect(selectDueWrites([post, vote], 5_000)).to.deep.equal([]);
  });

  it('sends a vote on a stored comment alongside an edit of that comment', () => {
    const edit: OutboxRecord = { ...makeWrite(), op: 'edit', payload: { body: 'Changed' } };
    const vote = makeVote(edit.id);
    expect(ids(selectDueWrites([vote, edit], 5_000))).to.deep.equal([edit.id, vote.id]);
  });
});
