// Keeps dist/ to the current build plus the recent builds' chunks.
//
// A page opened before a deploy still runs the hearth.js it loaded, and that file imports the
// chunks of its own build by their hashed names. The build therefore no longer empties dist/
// (vite's emptyOutDir is off) and this step removes only what no page can still ask for:
// - files of the current build (the entries and all they import) stay, with their .map, .br and
//   .gz siblings;
// - an earlier build's chunk in chunks/ or admin-chunks/ stays while it is younger than the
//   retention window, measured from its mtime (the last build that wrote it), siblings with it;
// - everything else goes, including a .br or .gz older than the file it compresses, which would
//   otherwise be served in place of the newer file.
//
// Usage: node scripts/prune-dist.mjs [dist dir, default dist] [--keep-days N, default 7]
import { readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listBuildFiles } from './build-files.mjs';

/** How long an earlier build's chunks stay: a week covers a tab left open over a weekend, and more. */
export const defaultKeepMs = 7 * 24 * 60 * 60 * 1000;

/** The entries whose imports make up a build. */
const entryNames = ['hearth.js', 'admin.js'];
const chunkDirs = ['chunks', 'admin-chunks'];
const compressedSuffix = /\.(br|gz)$/;

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

function mtimeMsOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Removes the folders that pruning left empty. */
function removeEmptyDirs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    removeEmptyDirs(path);
    if (readdirSync(path).length === 0) rmdirSync(path);
  }
}

/**
 * Deletes from `distDir` what neither the current build nor a page opened in the last `keepMs`
 * can load; returns the deleted files' paths.
 */
export function pruneDist(distDir = 'dist', { keepMs = defaultKeepMs, nowMs = Date.now() } = {}) {
  const current = new Set(listBuildFiles(entryNames.map((name) => join(distDir, name))));
  const deleted = [];
  for (const file of listFiles(distDir)) {
    const source = file.replace(compressedSuffix, '');
    // A chunk's source map, and its compressed copies, share its fate.
    const owner = source.replace(/\.map$/, '');
    const isStaleCopy = source !== file && (mtimeMsOf(source) ?? Infinity) > (mtimeMsOf(file) ?? 0);
    const ownerMtimeMs = mtimeMsOf(owner);
    const isRecentChunk =
      chunkDirs.some((name) => relative(distDir, owner).startsWith(`${name}${sep}`)) &&
      ownerMtimeMs !== null &&
      nowMs - ownerMtimeMs < keepMs;
    if (!isStaleCopy && (current.has(owner) || isRecentChunk)) continue;
    rmSync(file, { force: true });
    deleted.push(file);
  }
  removeEmptyDirs(distDir);
  return deleted;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const daysAt = args.indexOf('--keep-days');
  const keepDays = daysAt === -1 ? 7 : Number(args[daysAt + 1]);
  if (!(keepDays >= 0)) {
    console.error('--keep-days must be a number of days, 0 or more.');
    process.exit(1);
  }
  const dir = args.find((arg, index) => !arg.startsWith('--') && index !== daysAt + 1) ?? 'dist';
  const deleted = pruneDist(dir, { keepMs: keepDays * 24 * 60 * 60 * 1000 });
  console.log(`prune-dist: removed ${deleted.length} file${deleted.length === 1 ? '' : 's'} from ${dir}`);
}
