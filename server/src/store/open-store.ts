import path from 'node:path';
import type { CommentStore } from './comment-store.js';
import { createMemoryStore } from './memory-store.js';
import { createSqliteStore } from './sqlite-store.js';

/**
 * Opens the store a `DATABASE_URL` names:
 * - `sqlite:<path>`: a SQLite file; a relative path is resolved against `baseDir`
 *   (default: the current directory); `sqlite::memory:` is a private in-memory database.
 * - `memory:`: an in-process store that forgets everything on exit.
 * - `postgres://…` / `postgresql://…`: not yet (issue #6).
 * Throws an Error whose message names DATABASE_URL for anything else.
 */
export async function openStore(databaseUrl: string, baseDir: string = process.cwd()): Promise<CommentStore> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file === '') throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/hearth.db.');
    return createSqliteStore(file === ':memory:' ? file : path.resolve(baseDir, file));
  }
  if (databaseUrl === 'memory:') return createMemoryStore();
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL points to PostgreSQL, but PostgreSQL support arrives in issue #6. Use sqlite:<path> for now.',
    );
  }
  // Only the scheme is echoed: the rest of a URL may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(no scheme)';
  throw new Error(
    `DATABASE_URL scheme ${scheme} is not supported: use sqlite:<path> (e.g. sqlite:data/hearth.db) or memory:.`,
  );
}
