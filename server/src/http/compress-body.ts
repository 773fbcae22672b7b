import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ContentEncoding, type CompressedEncoding } from './accept-encoding.js';

/** Smallest body worth compressing, in bytes: below it the coding's framing eats the gain. */
export const compressMinBytes = 1024;

/** The coding to send a body of `byteLength` in: the negotiated one, or identity below 1 KB. */
export function encodingForSize(byteLength: number, negotiated: ContentEncoding): ContentEncoding {
  return byteLength >= compressMinBytes ? negotiated : ContentEncoding.identity;
}

/** How hard to compress: once for good (built files), or once per ETag while a reader waits. */
export const CompressionEffort = {
  static: 'static',
  dynamic: 'dynamic',
} as const;
export type CompressionEffort = (typeof CompressionEffort)[keyof typeof CompressionEffort];

/** Compresses a body into one coding; `createApp` takes another (e.g. to count calls) as `services.compress`. */
export type CompressBody = (
  body: Uint8Array,
  encoding: CompressedEncoding,
  effort: CompressionEffort,
) => Promise<Uint8Array>;

// Brotli 5 for answers compressed while a reader waits: a 1,000-comment thread's five feed pages
// (560 KB of JSON) came to 60.2 KB at about 1.5 ms a page; quality 4 gave 63.1 KB, 6 gave 59.6 KB
// at twice the time, and 7 and up cost 20 ms or more a page for under 2% (decision 0006).
const brotliQuality: Record<CompressionEffort, number> = { static: 11, dynamic: 5 };
const gzipLevel: Record<CompressionEffort, number> = { static: 9, dynamic: 6 };

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The default compressor: node:zlib on its thread pool, so the event loop is never blocked. */
export const compressBody: CompressBody = async (body, encoding, effort) => {
  if (encoding === ContentEncoding.gzip) return gzipAsync(body, { level: gzipLevel[effort] });
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality[effort],
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
};
