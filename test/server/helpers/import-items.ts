import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportItem, SourcePosition } from '../../../server/src/import/import-item.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

/** The path of a file under test/server/fixtures/import/. */
export function importFixturePath(name: string): string {
  return path.join(fixturesDir, name);
}

/** The text of a file under test/server/fixtures/import/. */
export function readImportFixture(name: string): string {
  return readFileSync(importFixturePath(name), 'utf8');
}

/** Every item a reader yields, in order. */
export async function collectItems(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const collected: ImportItem[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

/**
 * The 1-based line and column of `index` in `text`. Columns count UTF-16 units, which is the
 * reader's count for the ASCII indentation that precedes a record's tag.
 */
export function positionAtIndex(text: string, index: number): SourcePosition {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return { line: text.slice(0, index).split('\n').length, column: index - lineStart + 1 };
}

/** Where the `n`-th (0-based) `needle` in `text` starts, as an index. */
export function nthIndex(text: string, needle: string, n = 0): number {
  let index = -1;
  for (let i = 0; i <= n; i += 1) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`not ${n + 1} times in the fixture: ${needle}`);
  }
  return index;
}

/** Where the `n`-th (0-based) `needle` in `text` starts: line and column. */
export function positionOf(text: string, needle: string, n = 0): SourcePosition {
  return positionAtIndex(text, nthIndex(text, needle, n));
}
