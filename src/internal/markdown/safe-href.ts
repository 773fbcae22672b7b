import { isSafeHref } from '../rich-text.js';

/**
 * The URL to link to, normalised, or null when it is not an absolute http(s) or mailto URL.
 * The URL parser trims, drops tabs and newlines and lowercases the scheme the way a browser
 * does when following the link, so what is checked is what would run.
 */
export function toSafeHref(candidate: string | null): string | null {
  if (candidate === null) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return isSafeHref(url.href) ? url.href : null;
}
