import { readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { lazyChunks, measureBundle } from '../scripts/bundle-size.mjs';

/** Files of one part of the build and their bytes, each file compressed on its own. */
export interface PartSize {
  /** Relative to the current directory. */
  files: string[];
  rawBytes: number;
  /** gzip at level 9, summed over `files`. */
  gzipBytes: number;
  /** brotli at quality 11, summed over `files`. */
  brotliBytes: number;
}

/** The build split the way the markdown path loads it. */
export interface MarkdownBytes {
  /** hearth.js and its static imports: the renderer of parsed bodies is in here. */
  critical: PartSize;
  /** Lazy chunks holding the markdown parser (src/internal/parse-markdown.ts and markdown/). */
  parser: PartSize;
  /** Lazy chunks holding zod (with the protocol schemas). */
  schema: PartSize;
  /** Every other lazy chunk. */
  other: PartSize;
  /** What a first visit's pull loads beside the request: read-changes.ts and its static imports. */
  pull: PartSize;
}

// Chunk names come from their first module and may move; their contents say what they hold.
// A task item's box, as the parser writes it (a string literal, so minifying keeps it).
const parserPattern = /\[x\] ["'`]/;
const zodPattern = /\$ZodType|ZodError/;
const readChangesPattern = /\breadChangesPage\b/;

function measureFiles(files: readonly string[]): PartSize {
  const size: PartSize = { files: [], rawBytes: 0, gzipBytes: 0, brotliBytes: 0 };
  for (const file of files) {
    const code = readFileSync(file);
    size.files.push(relative(process.cwd(), file));
    size.rawBytes += code.length;
    size.gzipBytes += gzipSync(code, { level: 9 }).length;
    size.brotliBytes += brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return size;
}

/**
 * Splits the built widget at `entry` into its critical path, the markdown parser chunk, the
 * schema chunk and the rest, with the file walk of `npm run size` (scripts/bundle-size.mjs).
 */
export function measureMarkdownBytes(entry: string): MarkdownBytes {
  const critical = measureBundle(entry).files.map((file) => resolve(file));
  const criticalSet = new Set(critical);
  const lazy = lazyChunks(entry).map(({ file }) => resolve(file));
  const codeOf = new Map(lazy.map((file) => [file, readFileSync(file, 'utf8')]));
  const parser = lazy.filter((file) => parserPattern.test(codeOf.get(file)!));
  const schema = lazy.filter((file) => !parser.includes(file) && zodPattern.test(codeOf.get(file)!));
  const other = lazy.filter((file) => !parser.includes(file) && !schema.includes(file));
  const reader =
    lazy.find((file) => readChangesPattern.test(codeOf.get(file)!)) ??
    lazy.find((file) => basename(file).startsWith('read-changes-'));
  const pull = reader
    ? measureBundle(reader)
        .files.map((file) => resolve(file))
        .filter((file) => !criticalSet.has(file))
    : [];
  return {
    critical: measureFiles(critical),
    parser: measureFiles(parser),
    schema: measureFiles(schema),
    other: measureFiles(other),
    pull: measureFiles(pull),
  };
}
