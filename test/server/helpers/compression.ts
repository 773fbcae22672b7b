import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressBody, type CompressBody } from '../../../server/src/http/compress-body.js';

/** The body of a response decoded by its Content-Encoding, after checking its Content-Length. */
export async function decodeBody(response: Response): Promise<string> {
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(Number(response.headers.get('content-length') ?? bytes.byteLength), bytes.byteLength);
  const encoding = response.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(bytes).toString();
  if (encoding === 'gzip') return gunzipSync(bytes).toString();
  assert.equal(encoding, null);
  return bytes.toString();
}

/** The default compressor, noting each call as `<coding>:<effort>` in `calls` (pass to createApp). */
export function createCountingCompressor(): { compress: CompressBody; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    compress: (body, encoding, effort) => {
      calls.push(`${encoding}:${effort}`);
      return compressBody(body, encoding, effort);
    },
  };
}
