import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from './api-error.js';

/**
 * Reads a request body into memory, refusing with 413 `payload_too_large` once it passes
 * `maxBytes`. The stream itself is counted, so a missing or lying Content-Length cannot
 * smuggle a larger body in; a declared length over the cap is refused before reading.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = new ApiError(
    413,
    ErrorCode.payloadTooLarge,
    `Request body must be at most ${maxBytes} bytes.`,
  );
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw tooLarge;
  if (request.body === null) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop the sender instead of buffering the rest of a body we will refuse anyway.
      await reader.cancel().catch(() => undefined);
      throw tooLarge;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
