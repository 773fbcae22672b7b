import { join } from 'node:path';
import { createBuilder, type Plugin } from 'vite';
import { listBuildFiles } from '../../../scripts/build-files.mjs';
import { repoRoot } from './server.js';

/**
 * Makes every widget module differ by `version`, as a release's code change would, so that every
 * chunk of the build gets a new content hash.
 */
function stampVersion(version: string): Plugin {
  return {
    name: 'e2e-stamp-version',
    transform(code, id) {
      if (!id.startsWith(join(repoRoot, 'src')) || !id.endsWith('.ts')) return null;
      return { code: `${code}\n;globalThis.hearthE2eVersion = ${JSON.stringify(version)};\n`, map: null };
    },
  };
}

/**
 * Builds the widget and the admin page with the repository's vite config (pruning included)
 * into `outDir` instead of dist/, as `npm run build` would on a server. Returns the current
 * build's files under `chunks/` (their names relative to `outDir`).
 */
export async function buildWidget(outDir: string, version: string): Promise<string[]> {
  const builder = await createBuilder({
    configFile: join(repoRoot, 'vite.config.ts'),
    root: repoRoot,
    logLevel: 'error',
    plugins: [stampVersion(version)],
    build: { outDir, sourcemap: false },
    environments: { admin: { build: { outDir, sourcemap: false } } },
  });
  await builder.buildApp();
  return listBuildFiles([join(outDir, 'hearth.js')])
    .map((file) => file.slice(outDir.length + 1))
    .filter((name) => name.startsWith('chunks/'));
}
