import type { MiddlewareHandler } from 'hono';
import { chooseEncoding, ContentEncoding } from '../http/accept-encoding.js';
import { compressMinBytes, CompressionEffort, type CompressBody } from '../http/compress-body.js';
import { tagForEncoding } from '../http/etag.js';

/**
 * Compresses JSON answers of 1 KB or more that their route left uncoded (lists of the admin
 * API, `…/comments/mine`, errors), brotli where accepted, else gzip, once per request. Routes
 * whose bodies repeat (the feed, counts) negotiate and cache their codings themselves, and say so
 * with `Vary: Accept-Encoding`; those answers pass untouched. Event streams are never JSON, so
 * they pass too, unbuffered. An ETag gets its coding's suffix; CORS and every other header stay.
 */
export function createJsonCompression(compress: CompressBody): MiddlewareHandler {
  return async function compressJson(c, next) {
    await next();
    const { res } = c;
    if (!res.body || !/^application\/json\b/.test(res.headers.get('Content-Type') ?? '')) return;
    if (res.headers.has('Content-Encoding') || /accept-encoding/i.test(res.headers.get('Vary') ?? '')) return;
    res.headers.append('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (encoding === ContentEncoding.identity) return;
    const body = new Uint8Array(await res.arrayBuffer());
    let bytes: Uint8Array = body;
    if (body.byteLength >= compressMinBytes)
      bytes = await compress(body, encoding, CompressionEffort.dynamic);
    // Assigning c.res copies the old answer's headers over the new one's, so reset first.
    c.res = undefined;
    c.res = new Response(bytes as Uint8Array<ArrayBuffer>, res);
    if (bytes === body) return;
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(bytes.byteLength));
    const etag = res.headers.get('ETag');
    if (etag !== null) c.res.headers.set('ETag', tagForEncoding(etag, encoding));
  };
}
