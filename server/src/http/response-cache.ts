/** Most bytes of response bodies one app keeps by default: 32 MiB. */
export const responseCacheMaxBytes = 32 * 1024 * 1024;

/** Serialized response bodies by ETag, the least recently used dropped past a byte budget. */
export interface ResponseCache {
  get(etag: string): string | undefined;
  set(etag: string, body: string): void;
}

/**
 * An in-process cache for bodies whose ETag pins their content exactly (a page of changes: every
 * change takes a new seq, so the same tag always means the same bytes). Safe to share between
 * requests and correct with several processes, each keeping its own. Sizes count UTF-16 code
 * units twice, a fair upper bound on V8's string storage.
 */
export function createResponseCache(maxBytes = responseCacheMaxBytes): ResponseCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const bodies = new Map<string, string>();
  let bytes = 0;

  return {
    get(etag) {
      const body = bodies.get(etag);
      if (body !== undefined) {
        bodies.delete(etag);
        bodies.set(etag, body);
      }
      return body;
    },
    set(etag, body) {
      const size = body.length * 2;
      if (size > maxBytes || bodies.has(etag)) return;
      bodies.set(etag, body);
      bytes += size;
      for (const [oldest, oldBody] of bodies) {
        if (bytes <= maxBytes) break;
        bodies.delete(oldest);
        bytes -= oldBody.length * 2;
      }
    },
  };
}
