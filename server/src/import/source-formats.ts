import { open } from 'node:fs/promises';
import type { SourceReader } from './import-item.js';
import { looksLikeCommento, readCommento } from './readers/commento.js';
import { looksLikeDisqus, readDisqus } from './readers/disqus.js';
import { looksLikeHearthExport, readHearthExport } from './readers/hearth.js';
import { looksLikeIssoDb, readIssoDb } from './readers/isso-db.js';
import { looksLikeIssoJson, readIssoJson } from './readers/isso-json.js';
import { looksLikeRemark42, readRemark42 } from './readers/remark42.js';
import { sniffText } from './readers/source-text.js';
import { looksLikeWordPress, readWordPress } from './readers/wordpress.js';

/** The formats `hearth import --format` names. */
export const sourceFormatNames = ['disqus', 'wordpress', 'isso', 'remark42', 'commento', 'hearth'] as const;
export type SourceFormatName = (typeof sourceFormatNames)[number];

/** How much of a file the sniffers see. */
const headBytes = 64 * 1024;

interface Variant {
  looksLike: (head: Buffer) => boolean;
  read: SourceReader;
}

// Most specific first: an Isso database is recognised by its bytes, the others by their text.
const variants: Record<SourceFormatName, Variant[]> = {
  disqus: [{ looksLike: (head) => looksLikeDisqus(sniffText(head)), read: readDisqus }],
  wordpress: [{ looksLike: (head) => looksLikeWordPress(sniffText(head)), read: readWordPress }],
  isso: [
    { looksLike: looksLikeIssoDb, read: readIssoDb },
    { looksLike: looksLikeIssoJson, read: readIssoJson },
  ],
  remark42: [{ looksLike: looksLikeRemark42, read: readRemark42 }],
  commento: [{ looksLike: looksLikeCommento, read: readCommento }],
  hearth: [{ looksLike: (head) => looksLikeHearthExport(head.toString('utf8')), read: readHearthExport }],
};

/** A file's format and the reader for it. */
export interface DetectedSource {
  format: SourceFormatName;
  read: SourceReader;
}

/**
 * The reader for `file`: by its content for `auto`, else the named format's (Isso's database or
 * JSON, by content). Throws an Error saying which formats were tried when nothing matches.
 */
export async function detectSource(file: string, format: SourceFormatName | 'auto'): Promise<DetectedSource> {
  const head = await readHead(file);
  const names = format === 'auto' ? sourceFormatNames : [format];
  for (const name of names) {
    const variant = variants[name].find((candidate) => candidate.looksLike(head));
    if (variant) return { format: name, read: variant.read };
  }
  throw new Error(
    format === 'auto'
      ? `${file} is in no format Hearth imports (tried ${sourceFormatNames.join(', ')}); name one with --format.`
      : `${file} does not look like a ${format} export; check the file, or use --format auto.`,
  );
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
