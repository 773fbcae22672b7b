// Writes docs/export-format.schema.json from the export format's zod schemas
// (src/protocol/export-format.ts). `--check` fails instead when the file is stale.
// Run through tsx: node --import tsx scripts/export-schema.ts [--check]
import { readFile, writeFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { buildExportJsonSchema } from '../server/src/export/export-json-schema.js';

const schemaPath = 'docs/export-format.schema.json';
const options = { ...(await prettier.resolveConfig(schemaPath)), filepath: schemaPath };
const generated = await prettier.format(JSON.stringify(buildExportJsonSchema()), options);

if (process.argv.includes('--check')) {
  const current = await readFile(schemaPath, 'utf8').catch(() => '');
  if (current !== generated) {
    console.error(`${schemaPath} is stale: run node --import tsx scripts/export-schema.ts`);
    process.exit(1);
  }
} else {
  await writeFile(schemaPath, generated);
  console.log(`Wrote ${schemaPath}`);
}
