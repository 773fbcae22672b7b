import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  CommandError,
  parseCommandLine,
  readCommandConfig,
  resolveUserPath,
  type CommandOutput,
} from './cli-context.js';
import { repoRoot } from '../env.js';
import path from 'node:path';

const backupHelp = `Usage: hearth backup <file>

Writes a consistent copy of the server's SQLite database (DATABASE_URL) to <file>, with SQLite's
online backup: safe while the server runs and writes. The copy is a complete database: to
restore, stop the server and put it in place of the original (its -wal and -shm files removed).
For PostgreSQL, use pg_dump (see docs/self-hosting.md).

Options:
  -h, --help   this help`;

/** `hearth backup`. */
export async function runBackupCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: CommandOutput,
): Promise<void> {
  const parsed = parseCommandLine(
    { args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } },
    backupHelp,
  );
  if (parsed.values.help) {
    io.out(backupHelp);
    return;
  }
  if (parsed.positionals.length !== 1) throw new CommandError(`backup takes one file.\n\n${backupHelp}`, 2);
  const { serverEnv } = readCommandConfig(env);
  const url = serverEnv.databaseUrl;
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new CommandError(
      'DATABASE_URL is PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=hearth.dump "$DATABASE_URL" (docs/self-hosting.md).',
    );
  }
  const source = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : '';
  if (source === '' || source === ':memory:') {
    throw new CommandError(`DATABASE_URL ${url.split(':')[0]}: holds no database file to back up.`);
  }
  const from = path.resolve(repoRoot, source);
  if (!existsSync(from)) throw new CommandError(`there is no database at ${from} (DATABASE_URL).`);
  const to = resolveUserPath(parsed.positionals[0] ?? '', env);
  if (existsSync(to)) throw new CommandError(`${to} exists already: name a new file.`);
  // Read-only: the backup never writes to the live database; WAL lets the server write meanwhile.
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(to);
    io.out(`Backed up ${from} to ${to} (${totalPages} pages).`);
  } finally {
    db.close();
  }
}
