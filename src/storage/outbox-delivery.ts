import type { ThreadComment } from '../internal/rich-text.js';
import { isSameRevision, settleDelivered } from './outbox-merge.js';
import { deliveryRecords } from './delivery-records.js';
import type { HearthDb, OutboxRecord } from './db.js';

/**
 * Replaces a queued write's record (attempts, state, error) if it is still queued and the
 * reader has not changed it since it was read: a change made while it was in flight wins.
 */
export async function updateWrite(db: HearthDb, record: OutboxRecord): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  if (isSameRevision(await tx.store.get(record.id), record)) await tx.store.put(record);
  await tx.done;
}

/**
 * Records that the server stored a queued write, in one transaction:
 * - the write leaves the outbox, unless the reader changed it while it was in flight, when
 *   the change stays queued (see settleDelivered);
 * - the stored comment (or the edited one, or the tombstone) enters the cache, unless a newer
 *   copy is already there;
 * - a guest's post moves its author token into authorship, so the reader can edit it later;
 * - a vote is remembered as the reader's vote on the comment, so it shows as theirs.
 * A reload therefore shows the comment exactly once, either pending or stored.
 */
export async function completeWrite(
  db: HearthDb,
  record: OutboxRecord,
  comment: ThreadComment,
  nowMs: number = Date.now(),
  editableUntilMs?: number,
): Promise<void> {
  const tx = db.transaction(['outbox', 'comments', 'authorship', 'votes'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const comments = tx.objectStore('comments');
  const key: [string, string, string] = [record.endpoint, record.thread, comment.id];
  const [current, existing] = await Promise.all([outbox.get(record.id), comments.get(key)]);
  const remaining = settleDelivered(current, record);
  const { authorship, vote } = deliveryRecords(record, comment, nowMs, editableUntilMs);
  await Promise.all([
    remaining ? outbox.put(remaining) : outbox.delete(record.id),
    existing && existing.seq > comment.seq
      ? undefined
      : comments.put({ ...comment, endpoint: record.endpoint }),
    authorship && tx.objectStore('authorship').put(authorship),
    vote && tx.objectStore('votes').put(vote),
    tx.done,
  ]);
}

/** Drops a delivered write that left nothing to cache (a delete of a comment the server never stored). */
export async function completeWithoutComment(db: HearthDb, record: OutboxRecord): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  if (isSameRevision(await tx.store.get(record.id), record)) await tx.store.delete(record.id);
  await tx.done;
}
