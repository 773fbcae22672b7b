import type { SiteConfig } from '../site-config.js';

/**
 * The address of the page a thread lives on, for links from feeds and emails: the site's
 * `threadUrl` with `{thread}` replaced, else its first origin that is not a `:*` pattern
 * followed by the thread key when that is a path. Null when neither says.
 */
export function threadPageUrl(site: SiteConfig, thread: string): string | null {
  if (site.threadUrl)
    return site.threadUrl.replace('{thread}', thread.startsWith('/') ? thread : encodeURIComponent(thread));
  const origin = site.origins.find((pattern) => !pattern.endsWith(':*'));
  if (!origin || !thread.startsWith('/')) return null;
  try {
    return new URL(thread, origin).href;
  } catch {
    return null;
  }
}
