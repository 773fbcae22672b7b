import type { ChangeNotifier } from './change-notifier.js';
import { createLocalChangeNotifier } from './local-change-notifier.js';
import { createPostgresChangeNotifier } from './postgres-change-notifier.js';

/**
 * The notifier for the store a `DATABASE_URL` names: PostgreSQL LISTEN/NOTIFY for a
 * `postgres://` URL (so every process over the database hears every write), in-process fan-out
 * otherwise. Rejects when the PostgreSQL listener cannot connect.
 */
export async function openChangeNotifier(databaseUrl: string): Promise<ChangeNotifier> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return createPostgresChangeNotifier({ connectionString: databaseUrl });
  }
  return createLocalChangeNotifier();
}
