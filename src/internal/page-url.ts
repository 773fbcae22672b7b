import { limits } from '../protocol/limits.js';
import { isPageUrl } from '../protocol/new-comment.js';

/** `href` without its fragment, as the browser writes it out; null when it is no URL. */
function dropFragment(href: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/**
 * The address a post names as the page it was written from (`pageUrl`): the page's canonical
 * link, resolved against the page, when it is an http(s) address the protocol takes, else
 * `location.href`; without the fragment either way. Null when neither is one (a `file:` page,
 * an address longer than 2,048 characters): the post then goes without it.
 */
export function readPageUrl(): string | null {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  for (const href of [canonical, location.href]) {
    const url = dropFragment(href);
    if (url !== null && url.length <= limits.pageUrlMaxChars && isPageUrl(url)) return url;
  }
  return null;
}
