import { expect } from '@open-wc/testing';
import {
  buildThreadTree,
  countShown,
  maxNestingDepth,
  type ThreadNode,
} from '../../src/internal/thread-tree.js';
import type { Comment } from '../../src/protocol/comment.js';
import { makeComment } from '../helpers/fixtures.js';

/** The tree as [body, depth, replyingTo] rows in the order a reader sees them. */
function flatten(nodes: readonly ThreadNode[]): Array<[string, number, string | null]> {
  return nodes.flatMap((node) => [
    [node.comment.body, node.depth, node.replyingTo] as [string, number, string | null],
    ...flatten(node.replies),
  ]);
}

/** A deterministic Fisher–Yates shuffle, so a failure can be reproduced. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

function at(minute: number, second = 0): string {
  return new Date(Date.UTC(2026, 0, 1, 12, minute, second)).toISOString();
}

describe('buildThreadTree', () => {
  it('returns no nodes for no comments', () => {
    expect(buildThreadTree([])).to.deep.equal([]);
  });

  it('orders top-level comments by createdAt, oldest first', () => {
    const late = makeComment({ body: 'late', createdAt: at(30), seq: 1 });
    const early = makeComment({ body: 'early', createdAt: at(10), seq: 3 });
    const middle = makeComment({ body: 'middle', createdAt: at(20), seq: 2 });
    const tree = buildThreadTree([late, early, middle]);
    expect(tree.map((node) => node.comment.body)).to.deep.equal(['early', 'middle', 'late']);
    expect(tree.map((node) => node.depth)).to.deep.equal([0, 0, 0]);
    expect(tree.every((node) => node.replyingTo === null && node.replies.length === 0)).to.equal(true);
  });

  it('breaks createdAt ties by seq', () => {
    const b = makeComment({ body: 'b', createdAt: at(5), seq: 20 });
    const a = makeComment({ body: 'a', createdAt: at(5), seq: 10 });
    const c = makeComment({ body: 'c', createdAt: at(5), seq: 30 });
    expect(buildThreadTree([c, b, a]).map((node) => node.comment.body)).to.deep.equal(['a', 'b', 'c']);
  });

  it('nests replies under their parents, oldest first', () => {
    const first = makeComment({ body: 'first', createdAt: at(1) });
    const second = makeComment({ body: 'second', createdAt: at(2) });
    const laterReply = makeComment({ body: 'later reply', parentId: first.id, createdAt: at(9) });
    const earlierReply = makeComment({ body: 'earlier reply', parentId: first.id, createdAt: at(3) });
    const replyToSecond = makeComment({ body: 'reply to second', parentId: second.id, createdAt: at(4) });
    const tree = buildThreadTree([laterReply, second, replyToSecond, first, earlierReply]);

    expect(tree.map((node) => node.comment.body)).to.deep.equal(['first', 'second']);
    expect(tree[0]!.replies.map((node) => node.comment.body)).to.deep.equal(['earlier reply', 'later reply']);
    expect(tree[0]!.replies.map((node) => node.depth)).to.deep.equal([1, 1]);
    expect(tree[1]!.replies.map((node) => node.comment.body)).to.deep.equal(['reply to second']);
    expect(tree[1]!.replies[0]!.replyingTo).to.equal(null);
  });

  it('nests a chain at depths 0 to 4', () => {
    expect(maxNestingDepth).to.equal(4);
    const chain: Comment[] = [];
    for (let depth = 0; depth <= 4; depth += 1) {
      chain.push(makeComment({ body: `d${depth}`, parentId: chain[depth - 1]?.id ?? null }));
    }
    let nodes = buildThreadTree(chain);
    for (let depth = 0; depth <= 4; depth += 1) {
      expect(nodes, `level ${depth}`).to.have.length(1);
      expect(nodes[0]!.comment.body).to.equal(`d${depth}`);
      expect(nodes[0]!.depth).to.equal(depth);
      expect(nodes[0]!.replyingTo).to.equal(null);
      nodes = nodes[0]!.replies;
    }
    expect(nodes).to.deep.equal([]);
  });

  it('shows replies below depth 4 flat at depth 4, replying to the parent author, in pre-order', () => {
    const chain: Comment[] = [];
    for (let level = 0; level < 7; level += 1) {
      chain.push(
        makeComment({
          body: `c${level}`,
          authorName: `Author ${level}`,
          parentId: chain[level - 1]?.id ?? null,
        }),
      );
    }
    // A sibling branch under c4 (created after c5's chain) to check pre-order, not level order.
    const branch = makeComment({ body: 'c5b', authorName: 'Author 5b', parentId: chain[4]!.id });
    const branchReply = makeComment({ body: 'c6b', authorName: 'Author 6b', parentId: branch.id });

    const tree = buildThreadTree([...chain, branch, branchReply]);
    expect(flatten(tree)).to.deep.equal([
      ['c0', 0, null],
      ['c1', 1, null],
      ['c2', 2, null],
      ['c3', 3, null],
      ['c4', 4, null],
      ['c5', 4, 'Author 4'],
      ['c6', 4, 'Author 5'],
      ['c5b', 4, 'Author 4'],
      ['c6b', 4, 'Author 5b'],
    ]);
    // The flattened replies are siblings of the depth-4 comment, none nested further.
    const level3 = tree[0]!.replies[0]!.replies[0]!.replies[0]!;
    expect(level3.replies.map((node) => node.comment.body)).to.deep.equal(['c4', 'c5', 'c6', 'c5b', 'c6b']);
    expect(level3.replies.every((node) => node.replies.length === 0)).to.equal(true);
  });

  it('shows a reply whose parent is unknown at the top level', () => {
    const first = makeComment({ body: 'first', createdAt: at(1) });
    const orphan = makeComment({
      body: 'orphan',
      parentId: '00000000-0000-4000-8000-ffffffffffff',
      createdAt: at(2),
    });
    const last = makeComment({ body: 'last', createdAt: at(3) });
    const tree = buildThreadTree([last, orphan, first]);
    expect(flatten(tree)).to.deep.equal([
      ['first', 0, null],
      ['orphan', 0, null],
      ['last', 0, null],
    ]);
  });

  it('gives the same tree whatever the input order', () => {
    const a = makeComment({ body: 'a' });
    const a1 = makeComment({ body: 'a1', parentId: a.id });
    const b = makeComment({ body: 'b' });
    const a1x = makeComment({ body: 'a1x', parentId: a1.id });
    const a2 = makeComment({ body: 'a2', parentId: a.id });
    const b1 = makeComment({ body: 'b1', parentId: b.id });
    const comments = [a, a1, b, a1x, a2, b1];
    const expected = [
      ['a', 0, null],
      ['a1', 1, null],
      ['a1x', 2, null],
      ['a2', 1, null],
      ['b', 0, null],
      ['b1', 1, null],
    ];
    expect(flatten(buildThreadTree(comments))).to.deep.equal(expected);
    expect(flatten(buildThreadTree([...comments].reverse()))).to.deep.equal(expected);
    for (let seed = 1; seed <= 20; seed += 1) {
      expect(flatten(buildThreadTree(shuffle(comments, seed))), `seed ${seed}`).to.deep.equal(expected);
    }
  });

  it('does not reorder the array it is given', () => {
    const late = makeComment({ body: 'late', createdAt: at(30) });
    const early = makeComment({ body: 'early', createdAt: at(10) });
    const input = [late, early];
    buildThreadTree(input);
    expect(input).to.deep.equal([late, early]);
  });
});

describe('buildThreadTree with pinned comments', () => {
  it('puts pinned top-level comments first, each group in time order, whatever the input order', () => {
    const comments = [
      makeComment({ body: 'a', createdAt: at(1) }),
      makeComment({ body: 'pinned late', createdAt: at(5), pinned: true }),
      makeComment({ body: 'b', createdAt: at(2) }),
      makeComment({ body: 'pinned early', createdAt: at(3), pinned: true }),
    ];
    for (const seed of [1, 2, 3]) {
      const top = buildThreadTree(shuffle(comments, seed)).map((node) => node.comment.body);
      expect(top, `seed ${seed}`).to.deep.equal(['pinned early', 'pinned late', 'a', 'b']);
    }
  });

  it('leaves replies in time order even when one is pinned', () => {
    const parent = makeComment({ body: 'parent', createdAt: at(1) });
    const early = makeComment({ body: 'early', parentId: parent.id, createdAt: at(2) });
    const pinned = makeComment({ body: 'pinned', parentId: parent.id, createdAt: at(3), pinned: true });
    expect(flatten(buildThreadTree([pinned, early, parent])).map((row) => row[0])).to.deep.equal([
      'parent',
      'early',
      'pinned',
    ]);
  });
});

describe('buildThreadTree and tombstones', () => {
  const gone = (fields: Partial<Comment>) =>
    makeComment({ status: 'deleted', body: '', authorName: '', ...fields });

  it('keeps a tombstone only while replies sit under it, at any depth', () => {
    const bare = gone({ createdAt: at(1) });
    const kept = gone({ createdAt: at(2), body: '(kept)' });
    const reply = makeComment({ parentId: kept.id, createdAt: at(3), body: 'reply' });
    // A deleted reply under a deleted parent: neither has anything left to hold in place.
    const emptyParent = gone({ createdAt: at(4) });
    const emptyChild = gone({ parentId: emptyParent.id, createdAt: at(5) });
    const alive = makeComment({ createdAt: at(6), body: 'alive' });
    const tree = buildThreadTree([bare, kept, reply, emptyParent, emptyChild, alive]);
    expect(flatten(tree)).to.deep.equal([
      ['(kept)', 0, null],
      ['reply', 1, null],
      ['alive', 0, null],
    ]);
  });

  it('drops bare tombstones among replies flattened below the nesting limit too', () => {
    const chain: Comment[] = [makeComment({ createdAt: at(1), body: 'd0' })];
    for (let depth = 1; depth <= maxNestingDepth; depth += 1) {
      chain.push(makeComment({ parentId: chain.at(-1)!.id, createdAt: at(1, depth), body: `d${depth}` }));
    }
    const deepest = chain.at(-1)!;
    const bare = gone({ parentId: deepest.id, createdAt: at(2) });
    const last = makeComment({ parentId: deepest.id, createdAt: at(3), body: 'after' });
    const rows = flatten(buildThreadTree([...chain, bare, last]));
    expect(rows.map(([body]) => body)).to.deep.equal([...chain.map((c) => c.body), 'after']);
  });
});

describe('countShown', () => {
  it('counts every comment at every depth but tombstones, which keep their replies counted', () => {
    const tombstone = makeComment({ status: 'deleted', body: '', authorName: '', createdAt: at(1) });
    const reply = makeComment({ parentId: tombstone.id, createdAt: at(2) });
    const chain: Comment[] = [makeComment({ createdAt: at(3) })];
    for (let depth = 1; depth <= maxNestingDepth + 2; depth += 1) {
      chain.push(makeComment({ parentId: chain.at(-1)!.id, createdAt: at(3, depth) }));
    }
    expect(countShown(buildThreadTree([tombstone, reply, ...chain]))).to.equal(1 + chain.length);
    expect(countShown([])).to.equal(0);
  });
});
