/** Most bytes of response bodies one app keeps by default: 32 MiB. */
const responseCacheMaxBytes = 32 * 1024 * 1024;

/** Response bodies by key, the least recently used dropped past a byte budget. */
export interface ResponseCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, body: Uint8Array): void;
}

/**
 * An in-process cache for bodies whose key pins their content exactly (a page of changes: every
 * change takes a new seq, so the same ETag always means the same bytes; its compressed codings
 * sit beside it under keys of their own). Safe to share between requests and correct with
 * several processes, each keeping its own. Bodies are kept as bytes, ready to send.
 */
export function createResponseCache(maxBytes = responseCacheMaxBytes): ResponseCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const bodies = new Map<string, Uint8Array>();
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
      const size = body.byteLength;
      if (size > maxBytes || bodies.has(key)) return;
      bodies.set(key, body);
      bytes += size;
      for (const [oldest, oldBody] of bodies) {
        if (bytes <= maxBytes) break;
        bodies.delete(oldest);
        bytes -= oldBody.byteLength;
      }
    },
  };
}
