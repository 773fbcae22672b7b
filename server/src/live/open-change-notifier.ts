import type { CommentStore } from '../store/comment-store.js';
import type { ChangeNotifier } from './change-notifier.js';
import { createLocalChangeNotifier } from './local-change-notifier.js';
import { createPollingChangeNotifier } from './polling-change-notifier.js';

/**
 * The notifier for the store a `DATABASE_URL` names, so every process over one database hears
 * every write: PostgreSQL LISTEN/NOTIFY for a `postgres://` URL; for a SQLite file, polling the
 * store (other processes may share the file); in-process fan-out for `memory:` and
 * `sqlite::memory:`, which no other process can see. Rejects when the PostgreSQL listener
 * cannot connect. The PostgreSQL listener and its driver load only for a PostgreSQL URL.
 */
export async function openChangeNotifier(databaseUrl: string, store: CommentStore): Promise<ChangeNotifier> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { createPostgresChangeNotifier } = await import('./postgres-change-notifier.js');
    return createPostgresChangeNotifier({ connectionString: databaseUrl });
  }
  if (databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:') {
    return createPollingChangeNotifier(store);
  }
  return createLocalChangeNotifier();
}
