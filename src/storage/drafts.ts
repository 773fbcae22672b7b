import { threadKeyRange, type HearthDb } from './db.js';

/** The thread's saved drafts, keyed by composer ('main' or the id answered), newest first. */
export async function readDrafts(
  db: HearthDb,
  endpoint: string,
  thread: string,
): Promise<Map<string, string>> {
  const records = await db.getAll('drafts', threadKeyRange(endpoint, thread));
  records.sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  return new Map(records.map((record) => [record.key, record.body]));
}

/** Saves what a composer holds; an empty composer has no draft. */
export async function saveDraft(
  db: HearthDb,
  endpoint: string,
  thread: string,
  key: string,
  body: string,
  nowMs: number,
): Promise<void> {
  if (body.trim() === '') await db.delete('drafts', [endpoint, thread, key]);
  else await db.put('drafts', { endpoint, thread, key, body, updatedAtMs: nowMs });
}
