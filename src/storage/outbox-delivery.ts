import type { ThreadComment } from '../internal/rich-text.js';
import type { HearthDb, OutboxRecord } from './db.js';

/** Replaces a queued write's record (attempts, state, payload) if it is still queued. */
export async function updateWrite(db: HearthDb, record: OutboxRecord): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  if (await tx.store.get(record.id)) await tx.store.put(record);
  await tx.done;
}

/**
 * Records that the server stored a queued comment: the write leaves the outbox and the
 * stored comment enters the cache in one transaction, so a reload shows it exactly once,
 * either pending or published.
 */
export async function completeWrite(
  db: HearthDb,
  record: OutboxRecord,
  comment: ThreadComment,
): Promise<void> {
  const tx = db.transaction(['outbox', 'comments'], 'readwrite');
  const comments = tx.objectStore('comments');
  const key: [string, string, string] = [record.endpoint, record.thread, comment.id];
  const existing = await comments.get(key);
  await Promise.all([
    tx.objectStore('outbox').delete(record.id),
    existing && existing.seq > comment.seq
      ? undefined
      : comments.put({ ...comment, endpoint: record.endpoint }),
    tx.done,
  ]);
}
