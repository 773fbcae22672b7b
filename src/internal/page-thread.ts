/** The thread key a page gets by default: its canonical URL's path, else its own path. */
export function readPageThread(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  if (canonical) {
    try {
      return new URL(canonical).pathname;
    } catch {
      // A malformed canonical link falls through to the page's path.
    }
  }
  return location.pathname;
}
