import { expect } from '@open-wc/testing';
import { parseCommentHash } from '../../src/internal/permalink.js';

// The hrefs the comment template renders are followed in test/elements/permalink.test.ts.

describe('permalinks', () => {
  const id = '0f8c2a4e-1b2c-4d3e-8f9a-0123456789ab';

  it('reads the comment id from #comment-<id>, percent-encoded or not', () => {
    expect(parseCommentHash(`#comment-${id}`)).to.equal(id);
    expect(parseCommentHash(`#comment-${id.replace('0f', '%30f')}`)).to.equal(id);
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
