import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { lazyChunks } from '../../scripts/bundle-size.mjs';
import { pruneDist } from '../../scripts/prune-dist.mjs';

const dayMs = 24 * 60 * 60 * 1000;
const nowMs = Date.UTC(2026, 11, 6, 12);

describe('scripts/prune-dist.mjs', () => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-prune-'));
  let dist = '';
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Writes a file into the dist folder, last written `ageMs` before `nowMs`. */
  function write(name: string, content: string, ageMs = 0): void {
    const file = join(dist, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    const seconds = (nowMs - ageMs) / 1000;
    utimesSync(file, seconds, seconds);
  }

  function listDist(dir = dist): string[] {
    return readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory() ? listDist(join(dir, entry.name)) : [relative(dist, join(dir, entry.name))],
      )
      .sort();
  }

  beforeEach(() => {
    dist = mkdtempSync(join(root, 'dist-'));
    // The current build: hearth.js loads a chunk on demand, which imports a shared one.
    write('hearth.js', 'const kit=()=>import(`./chunks/kit-new.js`);export{kit};');
    write('hearth.js.map', '{}');
    write('chunks/kit-new.js', 'import{a}from"./shared-new.js";export{a};');
    write('chunks/shared-new.js', 'export const a=1;');
    write('admin.js', 'import("./admin-chunks/table-new.js");');
    write('admin-chunks/table-new.js', 'export{};');
  });

  it('keeps the current build and the chunks of builds from the last week, with their siblings', () => {
    write('chunks/kit-old.js', 'import"./shared-new.js";', 6 * dayMs);
    write('chunks/kit-old.js.map', '{}', 6 * dayMs);
    write('chunks/kit-old.js.br', 'br', 6 * dayMs);
    write('chunks/kit-old.js.gz', 'gz', 6 * dayMs);
    write('admin-chunks/table-old.js', 'export{};', 2 * dayMs);
    write('hearth.js.gz', 'gz');
    write('hearth.js.map.br', 'br');

    assert.deepEqual(pruneDist(dist, { nowMs }), []);
    assert.equal(listDist().length, 13);
  });

  it('removes older chunks with their siblings, stray files and compressed copies older than their file', () => {
    write('chunks/kit-ancient.js', 'export{};', 8 * dayMs);
    write('chunks/kit-ancient.js.map', '{}', 8 * dayMs);
    write('chunks/kit-ancient.js.gz', 'gz', 8 * dayMs);
    write('admin-chunks/table-ancient.js', 'export{};', 30 * dayMs);
    // From the previous build: served in place of the new hearth.js, it would load the old chunks.
    write('hearth.js.br', 'br', 60_000);
    write('chunks/gone-new.js.gz', 'gz');
    write('notes.txt', 'left behind');
    write('.vite/manifest.json', '{}');

    pruneDist(dist, { nowMs });
    assert.deepEqual(listDist(), [
      'admin-chunks/table-new.js',
      'admin.js',
      'chunks/kit-new.js',
      'chunks/shared-new.js',
      'hearth.js',
      'hearth.js.map',
    ]);
  });

  it('keeps earlier chunks out of the size check, which measures this build only', () => {
    write('chunks/kit-old.js', 'export const old=1;', dayMs);
    assert.deepEqual(
      lazyChunks(join(dist, 'hearth.js')).map((chunk) => relative(dist, chunk.file)),
      ['chunks/kit-new.js', 'chunks/shared-new.js'],
    );
  });
});
