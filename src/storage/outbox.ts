import type { HearthDb, OutboxRecord } from './db.js';

/** Every queued write for an endpoint, oldest first. */
export async function listOutbox(db: HearthDb, endpoint: string): Promise<OutboxRecord[]> {
  const records = await db.getAllFromIndex('outbox', 'by-endpoint', endpoint);
  return records.sort((a, b) => a.createdAtMs - b.createdAtMs);
}
