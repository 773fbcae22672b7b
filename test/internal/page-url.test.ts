import { expect } from '@open-wc/testing';
import { readPageUrl } from '../../src/internal/page-url.js';

describe('readPageUrl', () => {
  const cleanups: Array<() => void> = [];

  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function addCanonical(href: string): void {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.setAttribute('href', href);
    document.head.append(link);
    cleanups.push(() => link.remove());
  }

  /** Moves the page's own address (same document) until the test ends. */
  function moveTo(url: string): void {
    const before = location.href;
    history.replaceState(history.state, '', url);
    cleanups.push(() => history.replaceState(history.state, '', before));
  }

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
