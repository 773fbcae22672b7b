import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';

// Remark42's backups and Commento's exports come gzipped (`backup-site-20240101.gz`,
// `commento-export.json.gz`): the readers take either, so an owner need not unpack a file first.

const gzipMagic = [0x1f, 0x8b] as const;
/** Enough compressed bytes to sniff from, and few enough that a zip bomb stays a few MB. */
const sniffCompressedBytes = 4096;

/** Whether `bytes` start like a gzip stream. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === gzipMagic[0] && bytes[1] === gzipMagic[1];
}

/**
 * Opens `file` as a stream of UTF-8 text chunks, gunzipping it when it is gzipped. The chunks
 * are strings (a multi-byte character split between reads is joined); a leading byte-order
 * mark is left for the caller.
 */
export async function openSourceText(file: string): Promise<Readable> {
  const handle = await open(file, 'r');
  let first: Buffer;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    first = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file);
  if (!isGzip(first)) return raw.setEncoding('utf8');
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip).setEncoding('utf8');
}

/**
 * The text a sniffer judges from a file's first bytes: gunzipped as far as they go when they
 * start a gzip stream, without a byte-order mark. Empty when the bytes are not even that.
 */
export function sniffText(head: Buffer): string {
  let bytes = head;
  if (isGzip(head)) {
    try {
      bytes = gunzipSync(head.subarray(0, sniffCompressedBytes), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return '';
    }
  }
  return stripBom(bytes.toString('utf8'));
}

/** `text` without the byte-order mark it may start with. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
