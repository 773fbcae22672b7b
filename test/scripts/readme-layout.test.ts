import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';

/** A path the README's layout names, with the line that names it. */
interface LayoutEntry {
  path: string;
  line: string;
}

/** The README's "Repository layout" block, one entry per line: two spaces of indent per level. */
function readLayout(): LayoutEntry[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Repository layout'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'README.md should have a code block under "## Repository layout"');
  const parents: string[] = [];
  return block
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const depth = (line.length - line.trimStart().length) / 2;
      assert.ok(Number.isInteger(depth) && depth <= parents.length, `badly indented layout line: ${line}`);
      const name = line.trim().split(/\s+/)[0]!;
      parents.length = depth;
      const path = [...parents, name].join('');
      if (name.endsWith('/')) parents.push(name);
      return { path: path.replace(/\/$/, ''), line: line.trim() };
    });
}

/** Every folder holding a tracked file: all of them under src/ and server/, and the top-level ones. */
function listFolders(): string[] {
  const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = dirname(file); folder !== '.'; folder = dirname(folder)) {
      const isMapped = /^(src|server)(\/|$)/.test(folder) || !folder.includes('/');
      if (isMapped && !folder.startsWith('server/node_modules')) folders.add(folder);
    }
  }
  return [...folders].sort();
}

describe('README.md: the repository layout', () => {
  const entries = readLayout();

  it('names only folders and files that exist, each with a description', () => {
    for (const { path, line } of entries) {
      assert.ok(existsSync(path), `README layout names ${path}, which does not exist: "${line}"`);
      if (line.split(/\s{2,}/).length < 2) assert.fail(`README layout line for ${path} says nothing of it`);
    }
    const folders = entries.filter(({ line }) => line.split(/\s/)[0]!.endsWith('/'));
    for (const { path } of folders) assert.ok(statSync(path).isDirectory(), `${path} is named as a folder`);
  });

  it('names every folder of src/ and server/, and every top-level folder', () => {
    const named = new Set(entries.map(({ path }) => path));
    const missing = listFolders().filter((folder) => !named.has(folder));
    assert.deepEqual(missing, [], `README.md's "Repository layout" should name ${missing.join(', ')}`);
  });
});
