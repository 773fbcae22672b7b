import { createHash } from 'node:crypto';
import { ContentEncoding } from './accept-encoding.js';

/** A short, URL-safe SHA-256 digest of the given parts, for use inside an ETag. */
export function hashParts(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    // Separate parts so ("ab","c") and ("a","bc") hash differently.
    hash.update('\0');
  }
  return hash.digest('base64url').slice(0, 27);
}

/**
 * Whether an `If-None-Match` header matches `etag`, using the weak comparison RFC 9110
 * prescribes for GET: `W/` prefixes are ignored, `*` matches anything.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = stripWeak(etag);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || stripWeak(tag) === opaque;
  });
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

const encodingSuffixes: Record<ContentEncoding, string> = { br: '-br', gzip: '-gz', identity: '' };

/**
 * The tag of one coding of the representation `etag` names: `"abc"` becomes `"abc-br"` for
 * brotli, `W/"abc"` becomes `W/"abc-gz"` for gzip, identity keeps it. Weak tags get the suffix
 * too, so no cache ever answers a request with the bytes of another coding.
 */
export function tagForEncoding(etag: string, encoding: ContentEncoding): string {
  const suffix = encodingSuffixes[encoding];
  return suffix === '' ? etag : `${etag.slice(0, -1)}${suffix}"`;
}

/**
 * The tag `If-None-Match` names among those of `etag` the request could have been answered
 * with: in its negotiated coding, or uncompressed (an answer too small to compress). Undefined
 * when it names neither: the representation changed, or the request holds none.
 */
export function findHeldTag(
  ifNoneMatch: string | undefined,
  etag: string,
  negotiated: ContentEncoding,
): string | undefined {
  return [negotiated, ContentEncoding.identity]
    .map((encoding) => tagForEncoding(etag, encoding))
    .find((tag) => matchesIfNoneMatch(ifNoneMatch, tag));
}
