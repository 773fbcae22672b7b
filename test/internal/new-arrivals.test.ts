import { expect } from '@open-wc/testing';
import { findNewArrivals } from '../../src/internal/new-arrivals.js';

const published = (id: string) => ({ id, status: 'published' });

describe('findNewArrivals', () => {
  it('finds nothing before the first sync: the whole thread is arriving', () => {
    expect(findNewArrivals(null, [published('a'), published('b')], new Set())).to.deep.equal([]);
  });

  it('finds the published comments shown now and not before, in the order shown', () => {
    const previous = new Set(['a', 'b']);
    const shown = [published('a'), published('c'), published('b'), published('d')];
    expect(findNewArrivals(previous, shown, new Set())).to.deep.equal(['c', 'd']);
  });

  it("leaves out the reader's own comments, tombstones and held comments", () => {
    const shown = [
      published('a'),
      published('mine'),
      { id: 'gone', status: 'deleted' },
      { id: 'waiting', status: 'held' },
      published('theirs'),
    ];
    expect(findNewArrivals(new Set(['a']), shown, new Set(['mine']))).to.deep.equal(['theirs']);
  });

  it('finds nothing new when a known comment changes or leaves', () => {
    expect(findNewArrivals(new Set(['a', 'b']), [published('a')], new Set())).to.deep.equal([]);
  });
});
