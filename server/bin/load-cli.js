// Loads the `hearth` command from JavaScript bundled from the TypeScript sources by esbuild
// (packages stay in node_modules): server/dist/hearth.mjs, body-worker.mjs for the import's
// worker thread, and the chunk-*.mjs files they load as needed. Loading it takes half the time
// and 40 MB less memory than compiling every source through tsx on each run. The bundle is
// rebuilt, in about 0.1 s, whenever a file is missing or any file it was built from has changed
// since (server/dist/hearth.inputs.json records their sizes and times). It sits at the same depth
// as server/src/env.ts, whose `import.meta.url` names the repository's root. Where the bundle
// cannot be built (no esbuild, a read-only folder), the command runs from the sources through tsx.
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const distDir = new URL('../dist/', import.meta.url);
const bundle = new URL('hearth.mjs', distDir);
const inputsFile = new URL('hearth.inputs.json', distDir);
/** Each output's name and its source. */
const entries = {
  hearth: fileURLToPath(new URL('../src/cli/hearth.ts', import.meta.url)),
  'body-worker': fileURLToPath(new URL('../src/import/body-worker.ts', import.meta.url)),
};

/** The CLI's module: `main` runs the process's command line. */
export async function loadCli() {
  try {
    if (!(await isBundleFresh())) await buildBundle();
    return await import(bundle.href);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return import('../src/cli/hearth.ts');
  }
}

/** Size and modification time of a file, to tell whether it changed. */
async function fingerprint(file) {
  const { size, mtimeMs } = await stat(path.join(repoRoot, file));
  return `${size}:${mtimeMs}`;
}

async function isBundleFresh() {
  let inputs;
  try {
    inputs = JSON.parse(await readFile(inputsFile, 'utf8'));
    await Promise.all(Object.keys(entries).map((name) => stat(new URL(`${name}.mjs`, distDir))));
  } catch {
    return false;
  }
  const files = Object.entries(inputs);
  const now = await Promise.all(files.map(([file]) => fingerprint(file).catch(() => null)));
  return files.every(([, was], index) => now[index] === was);
}

async function buildBundle() {
  const { build } = await import('esbuild');
  // Built aside and renamed into place: two commands building at once never read half a file.
  const scratch = new URL(`.build-${process.pid}/`, distDir);
  try {
    const { metafile } = await build({
      entryPoints: entries,
      absWorkingDir: repoRoot,
      bundle: true,
      // Modules imported with import() go in chunks of their own, loaded only when asked for:
      // an import into SQLite never loads the PostgreSQL driver, nor one with a worker the
      // HTML converter in this thread.
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outdir: fileURLToPath(scratch),
      outExtension: { '.js': '.mjs' },
      // Beside the entries, at the depth server/src/env.ts counts on (above).
      chunkNames: 'chunk-[hash]',
      metafile: true,
      logLevel: 'silent',
    });
    const files = Object.keys(metafile.inputs);
    const prints = await Promise.all(files.map(fingerprint));
    await writeFile(
      new URL('hearth.inputs.json', scratch),
      JSON.stringify(Object.fromEntries(files.map((file, index) => [file, prints[index]]))),
    );
    // Chunks first, named by their content; then the entries; the inputs last, which mark the
    // bundle fresh.
    const chunks = Object.keys(metafile.outputs)
      .map((output) => path.basename(output))
      .filter((name) => name.startsWith('chunk-'));
    for (const name of [
      ...chunks,
      ...Object.keys(entries).map((entry) => `${entry}.mjs`),
      'hearth.inputs.json',
    ]) {
      await rename(new URL(name, scratch), new URL(name, distDir));
    }
    // Earlier builds' chunks go. (A command started before this build, from sources since
    // changed, fails if it loads one of them after this.)
    const stale = (await readdir(distDir)).filter(
      (name) => name.startsWith('chunk-') && !chunks.includes(name),
    );
    await Promise.all(stale.map((name) => rm(new URL(name, distDir), { force: true })));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
