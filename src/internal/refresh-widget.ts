import { warnInDev } from './dev-warning.js';

/**
 * Fetches hearth.js anew, past the HTTP cache, and resolves whether its server answered.
 *
 * A lazy chunk that fails to load while that server answers was removed since this page loaded
 * hearth.js (a deploy that replaced the widget's folder, a CDN purge), rather than lost to the
 * network, and reloading the page fixes it. The fetch also refreshes the cached hearth.js:
 * a reload revalidates only the page itself, so for up to its max-age the old hearth.js would
 * come back from the cache and ask for the same missing chunks.
 */
export function refreshWidget(): Promise<boolean> {
  return fetch(import.meta.url, { cache: 'reload' }).then(
    // Read to the end: the cache keeps only a response whose body arrived whole.
    (response) => response.blob().then(() => response.ok),
    (error) => (warnInDev('widget not refetched', error), false),
  );
}
