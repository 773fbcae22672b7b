import type { Context } from 'hono';
import { chooseEncoding, ContentEncoding } from './accept-encoding.js';

/**
 * The coding to answer a compressible resource with, and `Vary: Accept-Encoding` on the answer
 * (whatever the coding, 304s included: a cache must not hand this answer to a request asking for
 * another coding). Identity, with no Vary, when compression is off.
 */
export function negotiateEncoding(c: Context, isEnabled: boolean): ContentEncoding {
  if (!isEnabled) return ContentEncoding.identity;
  c.header('Vary', 'Accept-Encoding', { append: true });
  return chooseEncoding(c.req.header('Accept-Encoding'));
}

/** A 200 of `bytes`, already in `encoding`, with its Content-Encoding and Content-Length. */
export function sendEncoded(
  c: Context,
  bytes: Uint8Array,
  encoding: ContentEncoding,
  contentType: string,
): Response {
  if (encoding !== ContentEncoding.identity) c.header('Content-Encoding', encoding);
  c.header('Content-Type', contentType);
  c.header('Content-Length', String(bytes.byteLength));
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
}
