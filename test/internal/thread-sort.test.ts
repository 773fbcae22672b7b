import { expect } from '@open-wc/testing';
import { readSortOrder, SortOrder, sortTopLevel } from '../../src/internal/thread-sort.js';
import { buildThreadTree } from '../../src/internal/thread-tree.js';
import type { Comment } from '../../src/protocol/comment.js';
import { makeComment } from '../helpers/fixtures.js';

/** The top-level bodies in order, each with its replies' bodies. */
function shape(comments: readonly Comment[], order: SortOrder): Array<[string, string[]]> {
  return buildThreadTree(comments, order).map((node) => [
    node.comment.body,
    node.replies.map((reply) => reply.comment.body),
  ]);
}

describe('thread sort', () => {
  const a = makeComment({ body: 'a', votes: 1 });
  const b = makeComment({ body: 'b', votes: 3 });
  const c = makeComment({ body: 'c' });
  const d = makeComment({ body: 'd', votes: 1 });
  const a1 = makeComment({ body: 'a1', parentId: a.id, votes: 7 });
  const a2 = makeComment({ body: 'a2', parentId: a.id });
  const all = [d, a2, c, a, b, a1];

  it('orders oldest first by default, replies oldest first', () => {
    expect(shape(all, SortOrder.oldest)).to.deep.equal([
      ['a', ['a1', 'a2']],
      ['b', []],
      ['c', []],
      ['d', []],
    ]);
    expect(buildThreadTree(all).map((node) => node.comment.body)).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('orders newest first, replies still oldest first', () => {
    expect(shape(all, SortOrder.newest)).to.deep.equal([
      ['d', []],
      ['c', []],
      ['b', []],
      ['a', ['a1', 'a2']],
    ]);
  });

  it('orders by votes, equal counts (and no count) oldest first, replies unmoved', () => {
    expect(shape(all, SortOrder.top)).to.deep.equal([
      ['b', []],
      ['a', ['a1', 'a2']],
      ['d', []],
      ['c', []],
    ]);
  });

  it('keeps pinned comments first in every order, oldest first among themselves', () => {
    const pinnedLate = makeComment({ body: 'pinned late', pinned: true });
    const pinnedEarly = { ...c, body: 'pinned early', pinned: true };
    const comments = [a, b, pinnedEarly, d, pinnedLate];
    for (const order of [SortOrder.oldest, SortOrder.newest, SortOrder.top]) {
      expect(
        shape(comments, order)
          .slice(0, 2)
          .map(([body]) => body),
        order,
      ).to.deep.equal(['pinned early', 'pinned late']);
    }
    expect(
      shape(comments, SortOrder.top)
        .slice(2)
        .map(([body]) => body),
    ).to.deep.equal(['b', 'a', 'd']);
  });

  it('does not change the nodes it is given', () => {
    const nodes = buildThreadTree([a, b, c]);
    const before = nodes.map((node) => node.comment.body);
    sortTopLevel(nodes, SortOrder.newest);
    expect(nodes.map((node) => node.comment.body)).to.deep.equal(before);
  });

  it('reads unknown stored values as oldest', () => {
    expect(readSortOrder('top')).to.equal('top');
    expect(readSortOrder('newest')).to.equal('newest');
    expect(readSortOrder('')).to.equal('oldest');
    expect(readSortOrder('random')).to.equal('oldest');
    expect(readSortOrder(null)).to.equal('oldest');
  });
});
