// Changing the outbox: only the delivery chunk does, so these stay off the first paint's path.
import type { HearthDb, OutboxRecord } from './db.js';

/** Queues a write; it stays until the server has stored it or the reader discards it. */
export async function enqueueWrite(db: HearthDb, record: OutboxRecord): Promise<void> {
  await db.put('outbox', record);
}

/** Removes a queued write, as when the reader discards it. */
export async function removeWrite(db: HearthDb, id: string): Promise<void> {
  await db.delete('outbox', id);
}

/**
 * Reads the write queued for a comment and replaces it with what `change` makes of it, in one
 * transaction, so two tabs changing the same comment never lose one of the changes.
 */
export async function changeWrite(
  db: HearthDb,
  id: string,
  change: (queued: OutboxRecord | undefined) => OutboxRecord,
): Promise<OutboxRecord> {
  const tx = db.transaction('outbox', 'readwrite');
  const record = change(await tx.store.get(id));
  await Promise.all([tx.store.put(record), tx.done]);
  return record;
}

/**
 * Gives every queued SSO write for which `replace` returns a token that token, clears a
 * "token expired" error and makes it due now. Returns how many changed.
 */
export async function replaceSsoTokens(
  db: HearthDb,
  endpoint: string,
  replace: (record: OutboxRecord) => OutboxRecord | null,
): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  const records = await tx.store.index('by-endpoint').getAll(endpoint);
  const changed = records.map(replace).filter((record): record is OutboxRecord => record !== null);
  await Promise.all([...changed.map((record) => tx.store.put(record)), tx.done]);
  return changed.length;
}
