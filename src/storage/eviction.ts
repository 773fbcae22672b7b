import { threadKeyRange, type HearthDb } from './db.js';

/**
 * Frees space by forgetting the thread read longest ago (its comments and cursor), never
 * `keep`. Returns whether anything was evicted; queued writes and drafts are never touched.
 */
export async function evictLeastRecentlyRead(
  db: HearthDb,
  keep: { endpoint: string; thread: string },
): Promise<boolean> {
  const threads = await db.getAll('threads');
  const victim = threads
    .filter((record) => record.endpoint !== keep.endpoint || record.thread !== keep.thread)
    .sort((a, b) => a.readAtMs - b.readAtMs)[0];
  if (!victim) return false;
  const tx = db.transaction(['comments', 'threads'], 'readwrite');
  await Promise.all([
    tx.objectStore('comments').delete(threadKeyRange(victim.endpoint, victim.thread)),
    tx.objectStore('threads').delete([victim.endpoint, victim.thread]),
    tx.done,
  ]);
  return true;
}
