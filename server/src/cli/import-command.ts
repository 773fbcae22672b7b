import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { openChangeNotifier } from '../live/open-change-notifier.js';
import { ImportFailedError, runImport } from '../import/import-run.js';
import { ImportSyntaxError } from '../import/import-item.js';
import { formatProblems, formatSummary } from '../import/import-summary.js';
import { detectSource, sourceFormatNames, type SourceFormatName } from '../import/source-formats.js';
import { parseKeyMapping } from '../import/thread-key-map.js';
import { openStore } from '../store/open-store.js';
import { repoRoot } from '../env.js';
import {
  CommandError,
  parseCommandLine,
  readCommandConfig,
  requireSite,
  resolveUserPath,
  type CommandOutput,
} from './cli-context.js';

const importHelp = `Usage: hearth import <file> --site <id> [options]

Imports comments from another system's export into a site, by the server's DATABASE_URL and
HEARTH_CONFIG. Safe while the server runs; importing the same file again adds nothing.

Options:
  --site <id>          the site the comments go to (required)
  --format <name>      auto (default: by the file's content), ${sourceFormatNames.join(', ')}
  --map FROM=TO        rewrite thread keys starting with FROM (repeatable; first match wins),
                       e.g. --map /blog/=/posts/
  --dry-run            check the file and print what would be imported; write nothing
  --skip-bad           report bad records and import the rest (default: import nothing)
  -h, --help           this help

Exit status: 0 imported, 1 failed (nothing imported), 2 wrong command line.`;

/**
 * Run from its bundle (server/bin/load-cli.js), with a second core to use, the import converts
 * bodies in a worker thread running the bundled body-worker.ts beside this one.
 */
const bodyWorker =
  import.meta.url.endsWith('/dist/hearth.mjs') && availableParallelism() > 1
    ? new URL('./body-worker.mjs', import.meta.url)
    : undefined;

/** `hearth import`. */
export async function runImportCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: CommandOutput,
): Promise<void> {
  const { values, positionals } = parseCommandArgs(args);
  if (values.help) {
    io.out(importHelp);
    return;
  }
  if (positionals.length !== 1) throw new CommandError('import takes one file.\n\n' + importHelp, 2);
  const format = values.format ?? 'auto';
  if (format !== 'auto' && !(sourceFormatNames as readonly string[]).includes(format)) {
    throw new CommandError(
      `--format must be auto or one of ${sourceFormatNames.join(', ')}, got "${format}".`,
      2,
    );
  }
  let mappings;
  try {
    mappings = (values.map ?? []).map(parseKeyMapping);
  } catch (error) {
    throw new CommandError((error as Error).message, 2);
  }
  const { serverEnv, loaded } = readCommandConfig(env);
  const site = requireSite(loaded, values.site);
  const file = resolveUserPath(positionals[0] ?? '', env);

  let source;
  try {
    source = await detectSource(file, format as SourceFormatName | 'auto');
  } catch (error) {
    throw new CommandError(`cannot import ${file}: ${(error as Error).message}`);
  }
  const keepIds = source.format === 'hearth' && (await readExportSite(file)) === site;
  const store = await openStore(serverEnv.databaseUrl, repoRoot);
  try {
    const outcome = await runImport(store, source.read(file), {
      site,
      format: source.format,
      mappings,
      dryRun: values['dry-run'] ?? false,
      skipBad: values['skip-bad'] ?? false,
      keepIds,
      ...(bodyWorker ? { bodyWorker } : {}),
    });
    io.out(formatSummary(outcome.summary, outcome.problemCount));
    if (!values['dry-run']) await announceChanges(serverEnv.databaseUrl, store, site, outcome.changedThreads);
  } catch (error) {
    if (error instanceof ImportSyntaxError) {
      throw new CommandError(`cannot import ${file}: ${error.message}. Nothing was imported.`);
    }
    if (error instanceof ImportFailedError) {
      const lines = formatProblems(error.problems, error.problemCount);
      throw new CommandError(
        `cannot import ${file}: ${error.message}\n${lines.join('\n')}\nFix them, or run again with --skip-bad to import the rest.`,
      );
    }
    throw error;
  } finally {
    await store.close();
  }
}

function parseCommandArgs(args: string[]) {
  return parseCommandLine(
    {
      args,
      allowPositionals: true,
      options: {
        site: { type: 'string' },
        format: { type: 'string' },
        map: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        'skip-bad': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    importHelp,
  );
}

/** The site a Hearth export was made from (its header's `site`), or null. */
async function readExportSite(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    const header: unknown = JSON.parse(firstLine);
    const site = (header as { site?: unknown }).site;
    return typeof site === 'string' ? site : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Tells live pages of the threads that changed: on PostgreSQL through NOTIFY (a notice without a
 * seq makes each reader pull); a SQLite file's server hears the new rows by polling it anyway.
 */
async function announceChanges(
  databaseUrl: string,
  store: Awaited<ReturnType<typeof openStore>>,
  site: string,
  threads: readonly string[],
): Promise<void> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl) || threads.length === 0) return;
  const notifier = await openChangeNotifier(databaseUrl, store);
  try {
    for (const thread of threads) notifier.publish({ site, thread, seq: 0 });
  } finally {
    // pg_notify goes out through the notifier's pool; closing waits for the queries in flight.
    await notifier.close();
  }
}
