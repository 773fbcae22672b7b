import { ThreadKeySchema } from '../../../src/protocol/thread-key.js';

/** One `--map FROM=TO`: a thread key starting with `from` starts with `to` instead. */
export interface KeyMapping {
  from: string;
  to: string;
}

/** Parses `--map`'s `FROM=TO` (split at the first `=`); throws a RangeError naming what is wrong. */
export function parseKeyMapping(text: string): KeyMapping {
  const at = text.indexOf('=');
  if (at <= 0) throw new RangeError(`--map must be FROM=TO, such as /blog/=/posts/, got "${text}".`);
  return { from: text.slice(0, at), to: text.slice(at + 1) };
}

/** What a source's page address becomes: a thread key, or why there is none. */
export type ThreadKeyResult = { kind: 'key'; key: string } | { kind: 'refused'; reason: string };

/**
 * The thread key of a page from its address: the path and query of an absolute URL or of a
 * path, never the fragment (`https://blog.example.org/posts/x/#c1` → `/posts/x/`,
 * `http://example.tld/?p=4` → `/?p=4`), as the widget's default key is the page's path. Then the
 * first mapping whose `from` begins the key rewrites that prefix. `exact` keys (a Hearth export's)
 * skip the URL step.
 */
export function toThreadKey(
  address: { url: string | null; key?: string },
  mappings: readonly KeyMapping[],
): ThreadKeyResult {
  let key: string;
  if (address.key !== undefined) {
    key = address.key;
  } else if (address.url === null || address.url.trim() === '') {
    return { kind: 'refused', reason: 'thread without an address' };
  } else {
    let url: URL;
    try {
      // A path resolves against a placeholder origin; an absolute URL ignores it.
      url = new URL(address.url.trim(), 'http://placeholder.invalid');
    } catch {
      return { kind: 'refused', reason: 'thread address is not a URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { kind: 'refused', reason: 'thread address is not a URL' };
    }
    key = url.pathname + url.search;
  }
  const mapping = mappings.find((candidate) => key.startsWith(candidate.from));
  if (mapping) key = mapping.to + key.slice(mapping.from.length);
  return ThreadKeySchema.safeParse(key).success
    ? { kind: 'key', key }
    : { kind: 'refused', reason: 'thread key not allowed' };
}
