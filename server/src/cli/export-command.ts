import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportSite } from '../export/export-site.js';
import { openStore } from '../store/open-store.js';
import { repoRoot } from '../env.js';
import {
  parseCommandLine,
  readCommandConfig,
  requireSite,
  resolveUserPath,
  type CommandOutput,
} from './cli-context.js';

const exportHelp = `Usage: hearth export --site <id> [--out <file>] [--include-private]

Writes a site's threads, comments, votes and bans in Hearth's open export format (NDJSON,
docs/export-format.md) to <file>, or to standard output. Safe while the server runs.
\`hearth import <file> --site <id>\` reads it back.

Options:
  --site <id>          the site to export (required)
  --out <file>         where to write (default: standard output); an existing file is replaced
  --include-private    include authors' emails, SSO user ids, token and IP hashes, voter keys
                       and bans: keep such a file as safe as the database
  -h, --help           this help`;

/** `hearth export`. */
export async function runExportCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: CommandOutput,
): Promise<void> {
  const { values } = parseCommandLine(
    {
      args,
      options: {
        site: { type: 'string' },
        out: { type: 'string' },
        'include-private': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    exportHelp,
  );
  if (values.help) {
    io.out(exportHelp);
    return;
  }
  const { serverEnv, loaded } = readCommandConfig(env);
  const site = requireSite(loaded, values.site);
  const store = await openStore(serverEnv.databaseUrl, repoRoot);
  try {
    const lines = exportSite(store, site, {
      includePrivate: values['include-private'] ?? false,
      nowMs: Date.now(),
    });
    if (values.out === undefined) {
      for await (const line of lines) {
        if (!process.stdout.write(line)) await once(process.stdout, 'drain');
      }
      return;
    }
    const file = resolveUserPath(values.out, env);
    const output = createWriteStream(file);
    let count = 0;
    for await (const line of lines) {
      count += 1;
      if (!output.write(line)) await once(output, 'drain');
    }
    output.end();
    await once(output, 'finish');
    io.out(`Exported site "${site}" to ${file} (${count} lines).`);
  } finally {
    await store.close();
  }
}
