import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '../../server/src/openapi/openapi-document.js';

const protocolDoc = new URL('../../docs/protocol.md', import.meta.url);

/** Which OpenAPI component each field table of docs/protocol.md describes, by its section's heading. */
const tableSchemas: Record<string, string> = {
  '## The comment object': 'FeedComment',
  '## Reading a thread: `GET …/comments`': 'ChangesResponse',
  '## Posting a comment: `POST …/comments`': 'NewComment',
};

interface FieldTable {
  /** The `##` heading the table sits under. */
  section: string;
  line: number;
  /** Each row's cells by column name (`Field`, `Required`, …), backticks kept. */
  rows: Array<Record<string, string>>;
}

/** Every table of `markdown` whose first column is `Field`. */
function readFieldTables(markdown: string): FieldTable[] {
  const lines = markdown.split('\n');
  const tables: FieldTable[] = [];
  let section = '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.startsWith('## ')) section = line.trim();
    const header = splitRow(line);
    if (header?.[0] !== 'Field' || !/^\|[\s|:-]+\|$/.test(lines[index + 1] ?? '')) continue;
    const rows: Array<Record<string, string>> = [];
    for (index += 2; splitRow(lines[index] ?? ''); index += 1) {
      const cells = splitRow(lines[index]!)!;
      rows.push(Object.fromEntries(header.map((name, column) => [name, cells[column] ?? ''])));
    }
    tables.push({ section, line: index - rows.length - 1, rows });
  }
  return tables;
}

function splitRow(line: string): string[] | null {
  if (!line.startsWith('|')) return null;
  return line
    .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The field a row documents: its `Field` cell without backticks. */
const fieldOf = (row: Record<string, string>) => row.Field!.replace(/`/g, '');

describe('docs/protocol.md field tables', () => {
  const tables = readFieldTables(readFileSync(protocolDoc, 'utf8'));
  const { components } = buildOpenApiDocument() as {
    components: { schemas: Record<string, { properties?: object; required?: string[] }> };
  };

  it('are each mapped to an OpenAPI schema', () => {
    for (const table of tables) {
      assert.ok(
        tableSchemas[table.section],
        `The field table at docs/protocol.md:${table.line} (${table.section}) is not mapped to a schema in this test.`,
      );
    }
    assert.deepEqual(tables.map((table) => table.section).sort(), Object.keys(tableSchemas).sort());
  });

  for (const [section, schemaName] of Object.entries(tableSchemas)) {
    it(`${section} documents exactly the fields of ${schemaName}`, () => {
      const table = tables.find((candidate) => candidate.section === section);
      assert.ok(table, `docs/protocol.md has no field table under "${section}".`);
      const schema = components.schemas[schemaName];
      assert.ok(schema, `The OpenAPI document has no ${schemaName} schema.`);
      const documented = table.rows.map(fieldOf);
      const properties = Object.keys(schema.properties ?? {});
      const where = `the table under "${section}" (docs/protocol.md:${table.line})`;
      for (const field of documented) {
        assert.ok(
          properties.includes(field),
          `${where} documents \`${field}\`, which ${schemaName} does not have.`,
        );
      }
      for (const field of properties) {
        assert.ok(
          documented.includes(field),
          `${schemaName} has \`${field}\`, which ${where} does not document.`,
        );
      }
      for (const row of table.rows.filter((candidate) => candidate.Required !== undefined)) {
        const field = fieldOf(row);
        const isRequired = (schema.required ?? []).includes(field);
        assert.equal(
          row.Required === 'yes',
          isRequired,
          `${where} says \`${field}\` is${row.Required === 'yes' ? '' : ' not'} required; ${schemaName} says it is${isRequired ? '' : ' not'}.`,
        );
      }
    });
  }
});
