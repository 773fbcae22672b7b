import { expect } from '@open-wc/testing';
import { describeReaderVotes } from '../../src/internal/reader-votes.js';

describe('describeReaderVotes', () => {
  const server = new Map([
    ['a', 4],
    ['b', 4],
    ['c', 0],
  ]);

  it('shows the server count and the delivered vote when nothing is queued', () => {
    const votes = describeReaderVotes(server, new Map([['a', true]]), new Map());
    expect(votes.get('a')).to.deep.equal({ isUp: true, count: 4, isPending: false, isAwaitingToken: false });
    expect(votes.has('b')).to.equal(false);
  });

  it('adds a queued upvote the server does not have, and takes away one taken back', () => {
    const votes = describeReaderVotes(
      server,
      new Map([['b', true]]),
      new Map([
        ['a', { isUp: true }],
        ['b', { isUp: false }],
      ]),
    );
    expect(votes.get('a')).to.deep.equal({ isUp: true, count: 5, isPending: true, isAwaitingToken: false });
    expect(votes.get('b')).to.deep.equal({ isUp: false, count: 3, isPending: true, isAwaitingToken: false });
  });

  it('does not count a queued vote twice when it repeats the delivered one', () => {
    const votes = describeReaderVotes(server, new Map([['a', true]]), new Map([['a', { isUp: true }]]));
    expect(votes.get('a')).to.deep.equal({ isUp: true, count: 4, isPending: true, isAwaitingToken: false });
  });

  it('never shows a negative count, and reads an unknown comment as 0', () => {
    const votes = describeReaderVotes(
      server,
      new Map([
        ['c', true],
        ['x', true],
      ]),
      new Map([['c', { isUp: false }]]),
    );
    expect(votes.get('c')).to.deep.equal({ isUp: false, count: 0, isPending: true, isAwaitingToken: false });
    expect(votes.get('x')).to.deep.equal({ isUp: true, count: 0, isPending: false, isAwaitingToken: false });
  });

  it('does not count a vote twice when the server applied it before its delivery was heard', () => {
    // The reader saw 4 and clicked; a pull then brought 5, which already holds their vote.
    const applied = new Map([
      ['a', 5],
      ['b', 3],
    ]);
    const votes = describeReaderVotes(
      applied,
      new Map([['b', true]]),
      new Map([
        ['a', { isUp: true, votesAtClick: 4 }],
        ['b', { isUp: false, votesAtClick: 4 }],
      ]),
    );
    expect(votes.get('a')).to.deep.equal({ isUp: true, count: 5, isPending: true, isAwaitingToken: false });
    expect(votes.get('b')).to.deep.equal({ isUp: false, count: 3, isPending: true, isAwaitingToken: false });
  });

  it("still shows a queued vote on top of other readers' votes that arrived meanwhile", () => {
    // Seen at 4; two others voted (6) before this reader's upvote reached the server.
    const votes = describeReaderVotes(
      new Map([['a', 6]]),
      new Map(),
      new Map([['a', { isUp: true, votesAtClick: 4 }]]),
    );
    expect(votes.get('a')).to.deep.equal({ isUp: true, count: 6, isPending: true, isAwaitingToken: false });
  });
});
