import { ContentEncoding } from './accept-encoding.js';
import type { CompressBody, CompressionEffort } from './compress-body.js';
import type { ResponseCache } from './response-cache.js';

/**
 * `body` in `encoding`: the body itself for identity, else its compressed bytes, made once per
 * `key` (an ETag or a content hash, which pins the body) and coding. `findCoded` may offer bytes
 * already compressed (a build's `.br`), used instead of compressing when not null.
 */
export type EncodeBody = (
  key: string,
  body: Uint8Array,
  encoding: ContentEncoding,
  findCoded?: () => Promise<Uint8Array | null>,
) => Promise<Uint8Array>;

/**
 * Encodes bodies into `cache`, beside whatever else it holds, under `<key>:<coding>`. Later
 * calls get the kept bytes, and calls while one is in flight share it, so a burst of readers
 * asking for the same new page compresses it once, not once each. A failure is not kept.
 */
export function createBodyEncoder(
  cache: ResponseCache,
  compress: CompressBody,
  effort: CompressionEffort,
): EncodeBody {
  const pending = new Map<string, Promise<Uint8Array>>();
  return async (key, body, encoding, findCoded) => {
    if (encoding === ContentEncoding.identity) return body;
    const codedKey = `${key}:${encoding}`;
    const kept = cache.get(codedKey);
    if (kept !== undefined) return kept;
    const inFlight = pending.get(codedKey);
    if (inFlight) return inFlight;
    const made = (async () => (await findCoded?.()) ?? compress(body, encoding, effort))()
      .then((coded) => {
        const bytes = ownBytes(coded);
        cache.set(codedKey, bytes);
        return bytes;
      })
      .finally(() => pending.delete(codedKey));
    pending.set(codedKey, made);
    return made;
  };
}

/**
 * `bytes` in an ArrayBuffer of its own: Node hands out small Buffers as slices of a shared 8 KB
 * pool, and keeping such a slice would keep (and not count) the whole pool.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
