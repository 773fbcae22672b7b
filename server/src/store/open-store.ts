import path from 'node:path';
import type { CommentStore } from './comment-store.js';
import { createMemoryStore } from './memory-store.js';
import { createSqliteStore } from './sqlite-store.js';

/**
 * Opens the store a `DATABASE_URL` names:
 * - `sqlite:<path>`: a SQLite file; a relative path is resolved against `baseDir`
 *   (default: the current directory); `sqlite::memory:` is a private in-memory database.
 * - `memory:`: an in-process store that forgets everything on exit.
 * - `postgres://…` / `postgresql://…`: a PostgreSQL database (libpq URL syntax, e.g.
 *   `postgres://hearth:secret@db.example:5432/hearth?sslmode=require`), migrated on open.
 * Throws an Error whose message names DATABASE_URL for anything else. The PostgreSQL store and its
 * driver load only for a PostgreSQL URL: a process on SQLite never holds them in memory.
 */
export async function openStore(databaseUrl: string, baseDir: string = process.cwd()): Promise<CommentStore> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file === '') throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/hearth.db.');
    return createSqliteStore(file === ':memory:' ? file : path.resolve(baseDir, file));
  }
  if (databaseUrl === 'memory:') return createMemoryStore();
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgres(databaseUrl);
  // Only the scheme is echoed: the rest of a URL may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(no scheme)';
  throw new Error(
    `DATABASE_URL scheme ${scheme} is not supported: use sqlite:<path> (e.g. sqlite:data/hearth.db), postgres://user:password@host:5432/database or memory:.`,
  );
}

/** Opens a PostgreSQL store, naming DATABASE_URL and the server (never the user or password) on failure. */
async function openPostgres(databaseUrl: string): Promise<CommentStore> {
  try {
    const { createPostgresStore } = await import('./postgres-store.js');
    return await createPostgresStore(databaseUrl);
  } catch (error) {
    let where = 'the server';
    try {
      const url = new URL(databaseUrl);
      where = `${url.host || 'localhost'}${url.pathname}`;
    } catch {
      // An unparsable URL: the driver's own message says what is wrong with it.
    }
    throw new Error(
      `DATABASE_URL: cannot open the PostgreSQL database at ${where}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
