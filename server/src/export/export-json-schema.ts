import {
  ExportHeaderSchema,
  ExportRecordSchema,
  exportFormatVersion,
} from '../../../src/protocol/export-format.js';
import { z } from '../../../src/protocol/zod.js';

/**
 * The JSON Schema (draft 2020-12) of one line of a Hearth export, made from the zod schemas that
 * read it, so the published schema (docs/export-format.schema.json) cannot drift from the code.
 * Input mode: fields it does not name are allowed, as readers ignore them.
 */
export function buildExportJsonSchema(): Record<string, unknown> {
  const line = z.union([ExportHeaderSchema, ExportRecordSchema]);
  const { $schema, ...schema } = z.toJSONSchema(line, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema,
    title: `Hearth export, format version ${exportFormatVersion}: one line`,
    description:
      'A Hearth export is NDJSON (UTF-8, one JSON object per line). Line 1 is the header; every later line is a record, told apart by its "type". Fields and records marked Private are present only when the header says includesPrivate. See docs/export-format.md. Generated from src/protocol/export-format.ts by scripts/export-schema.ts: do not edit by hand.',
    ...schema,
  };
}
