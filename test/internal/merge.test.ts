import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import { mergeComments, shouldReplace } from '../../src/internal/merge.js';
import { makeComment } from '../helpers/fixtures.js';

function held(...comments: Comment[]): Map<string, Comment> {
  return new Map(comments.map((comment) => [comment.id, comment]));
}

describe('shouldReplace', () => {
  it('takes a comment not held yet', () => {
    expect(shouldReplace(undefined, { seq: 1 })).to.equal(true);
  });

  it('takes a higher seq, ignores a lower one', () => {
    expect(shouldReplace({ seq: 5 }, { seq: 6 })).to.equal(true);
    expect(shouldReplace({ seq: 5 }, { seq: 4 })).to.equal(false);
  });

  it('treats a repeat of the same seq as harmless', () => {
    expect(shouldReplace({ seq: 5 }, { seq: 5 })).to.equal(true);
  });
});

describe('mergeComments', () => {
  it('adds a comment with a new id and reports a change', () => {
    const first = makeComment();
    const second = makeComment();
    const map = held(first);
    expect(mergeComments(map, [second])).to.equal(true);
    expect([...map.keys()]).to.deep.equal([first.id, second.id]);
    expect(map.get(second.id)).to.equal(second);
  });

  it('replaces a comment when the incoming seq is higher', () => {
    const original = makeComment({ body: 'original', seq: 3 });
    const edited = { ...original, body: 'edited', seq: 9 };
    const map = held(original);
    expect(mergeComments(map, [edited])).to.equal(true);
    expect(map.get(original.id)).to.deep.equal(edited);
    expect(map.size).to.equal(1);
  });

  it('ignores an out-of-order copy with a lower seq', () => {
    const current = makeComment({ body: 'current', seq: 9 });
    const stale = { ...current, body: 'stale', seq: 3 };
    const map = held(current);
    expect(mergeComments(map, [stale])).to.equal(false);
    expect(map.get(current.id)).to.equal(current);
  });

  it('reports no change for the same seq again, even as a different object', () => {
    const comment = makeComment({ seq: 4 });
    const map = held(comment);
    expect(mergeComments(map, [comment])).to.equal(false);
    expect(mergeComments(map, [{ ...comment }])).to.equal(false);
    expect(map.get(comment.id)).to.equal(comment);
  });

  it('reports no change for nothing incoming', () => {
    const map = held(makeComment());
    expect(mergeComments(map, [])).to.equal(false);
    expect(mergeComments(new Map(), [])).to.equal(false);
  });

  it('reports a change when any one of several incoming comments changes something', () => {
    const a = makeComment({ seq: 10 });
    const b = makeComment({ seq: 11 });
    const map = held(a, b);
    const newer = { ...b, body: 'newer', seq: 12 };
    expect(mergeComments(map, [{ ...a, seq: 2 }, a, newer])).to.equal(true);
    expect(map.get(a.id)).to.equal(a);
    expect(map.get(b.id)).to.equal(newer);
  });

  it('keeps the highest seq when one batch carries several copies out of order', () => {
    const base = makeComment({ body: 'v1', seq: 1 });
    const map = new Map<string, Comment>();
    expect(
      mergeComments(map, [{ ...base, body: 'v3', seq: 3 }, { ...base, body: 'v2', seq: 2 }, base]),
    ).to.equal(true);
    expect(map.get(base.id)?.body).to.equal('v3');
  });
});

describe("an author's held edit (pendingEdit)", () => {
  const pendingEdit = { body: 'Held text', heldAt: '2025-06-01T12:05:00.000Z' };

  it('takes the answer to the held edit even at the same seq', () => {
    const stored = makeComment({ seq: 4 });
    const map = held(stored);
    expect(mergeComments(map, [{ ...stored, pendingEdit }])).to.equal(true);
    expect(map.get(stored.id)?.pendingEdit).to.deep.equal(pendingEdit);
    expect(mergeComments(map, [{ ...stored, pendingEdit }]), 'a repeat changes nothing').to.equal(false);
  });

  it('keeps it through a feed copy whose updatedAt is the same (a vote), drops it when updatedAt moves', () => {
    const stored = makeComment({ seq: 4, pendingEdit });
    const map = held(stored);
    const voted = { ...stored, votes: 1, seq: 5 };
    delete voted.pendingEdit;
    expect(mergeComments(map, [voted])).to.equal(true);
    expect(map.get(stored.id)).to.deep.equal({ ...voted, pendingEdit });
    const rejected = { ...voted, seq: 6, updatedAt: '2025-06-01T12:10:00.000Z' };
    expect(mergeComments(map, [rejected])).to.equal(true);
    expect(map.get(stored.id)).to.deep.equal(rejected);
  });
});
