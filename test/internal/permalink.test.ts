import { expect } from '@open-wc/testing';
import { commentHash, parseCommentHash } from '../../src/internal/permalink.js';

describe('permalinks', () => {
  const id = '0f8c2a4e-1b2c-4d3e-8f9a-0123456789ab';

  it('reads the comment id from #comment-<id>', () => {
    expect(parseCommentHash(`#comment-${id}`)).to.equal(id);
    expect(parseCommentHash(commentHash(id))).to.equal(id);
  });

  it('ignores other fragments and malformed ids', () => {
    for (const hash of [
      '',
      '#',
      '#comments',
      '#top',
      '#comment-',
      '#comment-%E0%A4%A',
      '#comment-a"b',
      '#comment-<x>',
    ])
      expect(parseCommentHash(hash), hash).to.equal(null);
  });
});
