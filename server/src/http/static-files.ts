import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import type { Context } from 'hono';
import { ContentEncoding, type CompressedEncoding } from './accept-encoding.js';
import { createBodyEncoder } from './body-encoder.js';
import { CompressionEffort, encodingForSize, type CompressBody } from './compress-body.js';
import { hashParts, matchesIfNoneMatch, tagForEncoding } from './etag.js';
import { readFileIfPresent } from './read-file.js';
import { createResponseCache } from './response-cache.js';
import { negotiateEncoding, sendEncoded } from './send-encoded.js';

/** Most bytes of compressed static files kept in memory: 16 MiB, far above one build's. */
const staticCacheMaxBytes = 16 * 1024 * 1024;

const compressibleType = /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/;

/** What one static answer is made of. */
export interface StaticFile {
  /** Where the bytes came from; its `.br` and `.gz` siblings are used when they match. */
  file: string;
  content: Buffer;
  contentType: string;
  cacheControl: string;
}

/** Sends a file read for this request: ETag, 304, and a coding chosen by `Accept-Encoding`. */
export type SendStaticFile = (c: Context, file: StaticFile) => Promise<Response>;

/**
 * Sends static files, compressed when the type is text and the file 1 KB or more. The coded
 * bytes come from the build's sibling (`hearth.js.br`, `hearth.js.gz`, see
 * scripts/compress-dist.mjs) when it decodes to exactly the bytes read, else from compressing
 * in memory; either way once per content hash and coding, kept while the cache has room. So a
 * rebuild shows up at once, even before (or without) its siblings being written.
 */
export function createStaticFileSender(options: {
  isEnabled: boolean;
  compress: CompressBody;
}): SendStaticFile {
  const encode = createBodyEncoder(
    createResponseCache(staticCacheMaxBytes),
    options.compress,
    CompressionEffort.static,
  );

  return async (c, { file, content, contentType, cacheControl }) => {
    const isCompressible = options.isEnabled && compressibleType.test(contentType);
    const negotiated = negotiateEncoding(c, isCompressible);
    const encoding = encodingForSize(content.byteLength, negotiated);
    const hash = hashParts(content);
    const etag = tagForEncoding(`"${hash}"`, encoding);
    c.header('ETag', etag);
    c.header('Cache-Control', cacheControl);
    if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    const bytes = await encode(hash, content, encoding, () => readSibling(file, encoding, content));
    return sendEncoded(c, bytes, encoding, contentType);
  };
}

const siblingSuffixes: Record<CompressedEncoding, string> = { br: '.br', gzip: '.gz' };
const brotliDecompressAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

/** The build's compressed copy of `file`, if there is one and it decodes to `content`. */
async function readSibling(file: string, encoding: ContentEncoding, content: Buffer): Promise<Buffer | null> {
  if (encoding === ContentEncoding.identity) return null;
  const sibling = await readFileIfPresent(file + siblingSuffixes[encoding]);
  if (sibling === null) return null;
  try {
    const decoded =
      encoding === ContentEncoding.brotli ? await brotliDecompressAsync(sibling) : await gunzipAsync(sibling);
    return decoded.equals(content) ? sibling : null;
  } catch {
    // A sibling cut short by a build still writing it: compress in memory instead.
    return null;
  }
}
