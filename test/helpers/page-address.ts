/**
 * Changes the page's address and canonical link for one test, and puts both back: create one in
 * the suite, and call `restore()` in `afterEach`.
 */
export function usePageAddress(): {
  /** Adds a `<link rel="canonical">` with this (unresolved) href; returns it. */
  addCanonical: (href: string) => HTMLLinkElement;
  /** Moves the page's own address (same document). */
  moveTo: (url: string) => void;
  restore: () => void;
} {
  const cleanups: Array<() => void> = [];
  return {
    addCanonical(href) {
      const link = document.createElement('link');
      link.rel = 'canonical';
      link.setAttribute('href', href);
      document.head.append(link);
      cleanups.push(() => link.remove());
      return link;
    },
    moveTo(url) {
      const before = location.href;
      history.replaceState(history.state, '', url);
      cleanups.push(() => history.replaceState(history.state, '', before));
    },
    restore() {
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    },
  };
}
