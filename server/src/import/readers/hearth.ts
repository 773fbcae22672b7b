import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  ExportHeaderSchema,
  exportFormatName,
  exportFormatVersion,
} from '../../../../src/protocol/export-format.js';
import { ImportSyntaxError, type ImportItem, type SourceReader } from '../import-item.js';
import { readHearthRecord } from './hearth-records.js';

// A Hearth export (docs/export-format.md): NDJSON, its header on line 1.

const firstLine = { line: 1, column: 1 };

/**
 * Whether the start of a file is a Hearth export's header: a JSON object on the first line whose
 * `format` is `hearth-export` (for `--format auto`).
 */
export function looksLikeHearthExport(head: string): boolean {
  return /^\uFEFF?[ \t\r\n]*\{[^\n]*"format"[ \t]*:[ \t]*"hearth-export"/.test(head);
}

/**
 * Reads a Hearth export line by line. The header must be line 1, and a version this Hearth
 * knows: anything else is an ImportSyntaxError at line 1. A line after it that is no valid record
 * is an ImportProblem at that line, and the lines after it still read; blank lines are skipped.
 */
export const readHearthExport: SourceReader = (file) => readLines(file);

async function* readLines(file: string): AsyncGenerator<ImportItem> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const seenThreads = new Set<string>();
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (line === 1) {
        checkHeader(text.replace(/^\uFEFF/, ''));
      } else if (text.trim() !== '') {
        yield* readHearthRecord(text, { line, column: 1 }, seenThreads);
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (line === 0)
    throw new ImportSyntaxError('The file is empty: a Hearth export starts with its header.', firstLine);
}

/** Throws an ImportSyntaxError saying why line 1 is not a header this Hearth reads. */
function checkHeader(text: string): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notAnExport();
  }
  if (typeof json !== 'object' || json === null || !('format' in json) || json.format !== exportFormatName) {
    throw notAnExport();
  }
  const version = 'version' in json ? json.version : undefined;
  if (typeof version === 'number' && version > exportFormatVersion) {
    throw new ImportSyntaxError(
      `This export is format version ${version}, made by a newer Hearth; this one reads version ${exportFormatVersion}. Import it with a newer Hearth.`,
      firstLine,
    );
  }
  const parsed = ExportHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new ImportSyntaxError(
      `Invalid Hearth export header: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid.'}`,
      firstLine,
    );
  }
}

function notAnExport(): ImportSyntaxError {
  return new ImportSyntaxError(
    `Not a Hearth export: line 1 must be its header, a JSON object with "format": "${exportFormatName}".`,
    firstLine,
  );
}
