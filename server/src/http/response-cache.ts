/** Most bytes of response bodies one app keeps by default: 32 MiB. */
export const responseCacheMaxBytes = 32 * 1024 * 1024;

/** A body as kept: serialized JSON, or the bytes of one of its compressed codings. */
export type CachedBody = string | Uint8Array;

/** Response bodies by key, the least recently used dropped past a byte budget. */
export interface ResponseCache {
  get(key: string): CachedBody | undefined;
  set(key: string, body: CachedBody): void;
}

/**
 * An in-process cache for bodies whose key pins their content exactly (a page of changes: every
 * change takes a new seq, so the same ETag always means the same bytes; its compressed codings
 * sit beside it under keys of their own). Safe to share between requests and correct with
 * several processes, each keeping its own. Strings count UTF-16 code units twice, a fair upper
 * bound on V8's string storage; byte arrays count their bytes.
 */
export function createResponseCache(maxBytes = responseCacheMaxBytes): ResponseCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const bodies = new Map<string, CachedBody>();
  let bytes = 0;

  return {
    get(key) {
      const body = bodies.get(key);
      if (body !== undefined) {
        bodies.delete(key);
        bodies.set(key, body);
      }
      return body;
    },
    set(key, body) {
      const size = sizeOf(body);
      if (size > maxBytes || bodies.has(key)) return;
      bodies.set(key, body);
      bytes += size;
      for (const [oldest, oldBody] of bodies) {
        if (bytes <= maxBytes) break;
        bodies.delete(oldest);
        bytes -= sizeOf(oldBody);
      }
    },
  };
}

function sizeOf(body: CachedBody): number {
  return typeof body === 'string' ? body.length * 2 : body.byteLength;
}
