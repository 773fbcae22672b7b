import { expect } from '@open-wc/testing';
import { readPageUrl } from '../../src/internal/page-url.js';
import { usePageAddress } from '../helpers/page-address.js';

describe('readPageUrl', () => {
  const { addCanonical, moveTo, restore } = usePageAddress();

  afterEach(restore);

  const ownAddress = (): string => location.href.replace(/#.*$/, '');

  it("is the page's own address without its fragment when it has no canonical link", () => {
    moveTo('#comment-1');
    expect(location.href).to.include('#comment-1');
    expect(readPageUrl()).to.equal(ownAddress());
  });

  it('is the canonical link, resolved against the page, without its fragment', () => {
    addCanonical('https://blog.example/posts/a?x=1#top');
    expect(readPageUrl()).to.equal('https://blog.example/posts/a?x=1');
    document.head.querySelector('link[rel="canonical"]')!.setAttribute('href', '/posts/b#c');
    expect(readPageUrl()).to.equal(`${location.origin}/posts/b`);
  });

  it('falls back to the own address for a canonical link that is not http(s) or too long', () => {
    addCanonical('mailto:ada@example.org');
    expect(readPageUrl()).to.equal(ownAddress());
    document.head
      .querySelector('link[rel="canonical"]')!
      .setAttribute('href', `https://blog.example/${'a'.repeat(2048)}`);
    expect(readPageUrl()).to.equal(ownAddress());
  });

  it('is null when neither address fits the protocol, so the post goes without one', () => {
    moveTo(`?${'q'.repeat(2048)}`);
    expect(readPageUrl()).to.equal(null);
    // 2,048 characters exactly still go.
    const fitting = `?${'q'.repeat(2048 - `${location.origin}${location.pathname}?`.length)}`;
    history.replaceState(history.state, '', fitting);
    expect(readPageUrl()).to.have.length(2048);
  });
});
