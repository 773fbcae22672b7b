import { toSafeHref } from '../../../src/internal/markdown/safe-href.js';

// Where an imported link or image points, and how its address is written in markdown.

/** An address as a markdown link destination: no spaces or angle brackets, parentheses escaped. */
export function toLinkDestination(href: string): string {
  return href
    .replace(
      // eslint-disable-next-line no-control-regex -- control characters cannot sit in a destination
      /[\u0000-\u0020<>\u007f]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .replace(/[\\()]/g, '\\$&');
}

/** Whether a safe address is http(s): an image is linked only then. */
export function isWebUrl(href: string): boolean {
  return /^https?:/i.test(href);
}

/** Marks a link right after a `!` (NUL: no converted text holds one, the HTML parser drops it). */
export const imageMark = '\u0000';
// eslint-disable-next-line no-control-regex -- the mark is a control character on purpose
const markedBang = /!\u0000/g;
// eslint-disable-next-line no-control-regex -- the mark is a control character on purpose
const marks = /\u0000/g;

/** Escapes the `!` before each marked link (see imageMark). */
export function escapeImageMarks(markdown: string): string {
  return markdown.includes(imageMark) ? markdown.replace(markedBang, '\\!').replace(marks, '') : markdown;
}

/**
 * Where a link took its reader. Disqus rewrites outbound links as
 * `https://disq.us/url?url=<target>:<hash>&cuid=…`, a redirect that would keep sending Hearth's
 * readers through Disqus (and break when the site leaves it): the target is kept instead.
 */
export function toLinkTarget(href: string | null): string | null {
  const safe = toSafeHref(href);
  if (!safe || !/^https?:\/\/(?:www\.)?disq\.us\/url\?/i.test(safe)) return safe;
  const target = new URL(safe).searchParams.get('url');
  return toSafeHref(target?.replace(/:[\w-]{16,}$/, '') ?? null) ?? safe;
}
