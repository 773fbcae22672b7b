import type { HearthDb, OutboxRecord } from './db.js';

/** Queues a write; it stays until the server has stored it or the reader discards it. */
export async function enqueueWrite(db: HearthDb, record: OutboxRecord): Promise<void> {
  await db.put('outbox', record);
}

/** Every queued write for an endpoint, oldest first. */
export async function listOutbox(db: HearthDb, endpoint: string): Promise<OutboxRecord[]> {
  const records = await db.getAllFromIndex('outbox', 'by-endpoint', endpoint);
  return records.sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/** Removes a queued write, as when the reader discards it. */
export async function removeWrite(db: HearthDb, id: string): Promise<void> {
  await db.delete('outbox', id);
}
