// Measures what /hearth.js loads before the thread can render: the entry file plus every
// file it imports statically, compressed the way a server would send them.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { listBuildFiles, staticImports } from './build-files.mjs';

/** The critical-path budget, in gzip bytes. */
export const gzipBudgetBytes = 20 * 1024;

/** Returns { files, rawBytes, gzipBytes, brotliBytes } for an entry and its static imports. */
export function measureBundle(entry = 'dist/hearth.js') {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
  const seen = new Set();
  const queue = [entry];
  let rawBytes = 0;
  let gzipBytes = 0;
  let brotliBytes = 0;
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file);
    rawBytes += code.length;
    gzipBytes += gzipSync(code, { level: 9 }).length;
    brotliBytes += brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    for (const specifier of staticImports(code.toString('utf8'))) queue.push(join(dirname(file), specifier));
  }
  return { files: [...seen], rawBytes, gzipBytes, brotliBytes };
}

/**
 * The chunks hearth.js imports only on demand, with their gzip bytes: this build's only, not
 * the earlier builds' chunks that dist/chunks keeps for pages opened before a deploy.
 */
export function lazyChunks(entry = 'dist/hearth.js') {
  const critical = new Set(measureBundle(entry).files);
  return listBuildFiles([entry])
    .filter((file) => !critical.has(file))
    .sort()
    .map((file) => ({ file, gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length }));
}

/**
 * When the lazy chunks load, by what the widget does (see docs/decisions/0009): a first visit
 * fetches the feed reader (read-changes and its static imports) beside its first request, and
 * the markdown parser only for a page holding markdown; the composer, delivery and live chunks
 * load after the first paint; the rest only when a page needs them.
 */
export function groupLazyChunks(entry = 'dist/hearth.js') {
  const lazy = lazyChunks(entry);
  const named = (prefix) => lazy.filter(({ file }) => basename(file).startsWith(`${prefix}-`));
  const reader = named('read-changes')[0];
  const readerFiles = new Set(reader ? measureBundle(reader.file).files : []);
  const firstVisit = lazy.filter(({ file }) => readerFiles.has(file));
  const markdown = named('parse-markdown');
  const afterPaint = ['composer-kit', 'outbox-pusher', 'live-streams'].flatMap(named);
  const grouped = new Set([...firstVisit, ...markdown, ...afterPaint]);
  return { firstVisit, markdown, afterPaint, onDemand: lazy.filter((chunk) => !grouped.has(chunk)) };
}
