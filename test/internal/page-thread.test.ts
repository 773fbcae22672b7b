import { expect } from '@open-wc/testing';
import { readPageThread } from '../../src/internal/page-thread.js';
import { usePageAddress } from '../helpers/page-address.js';

// The default thread key of <hearth-comments> and <hearth-count> alike (both read it here).
describe('readPageThread', () => {
  const { addCanonical, moveTo, restore } = usePageAddress();

  afterEach(restore);

  it("is the page's own path, without query or fragment, when it has no canonical link", () => {
    moveTo('/posts/own-path?utm=1#comment-1');
    expect(readPageThread()).to.equal('/posts/own-path');
  });

  it("is the canonical link's path, resolved against the page, without query or fragment", () => {
    moveTo('/posts/own-path');
    const link = addCanonical('https://blog.example/posts/canonical?utm=1#top');
    expect(readPageThread()).to.equal('/posts/canonical');
    link.setAttribute('href', 'relative/key?x=1');
    expect(readPageThread()).to.equal('/posts/relative/key');
  });

  it("falls back to the page's own path when the canonical link is no URL", () => {
    moveTo('/posts/own-path');
    addCanonical('https://[not-a-host/posts/broken');
    expect(readPageThread()).to.equal('/posts/own-path');
  });
});
