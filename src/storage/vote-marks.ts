import type { HearthDb } from './db.js';

/**
 * Stores the reader's upvote on each of a thread's comments `ids` as delivered, where the
 * votes store does not already say so; returns how many marks it wrote. Apart from votes.ts,
 * which the first paint needs: only a signed-in reader's composer kit loads this.
 */
export async function markVotesUp(
  db: HearthDb,
  endpoint: string,
  thread: string,
  ids: readonly string[],
  nowMs: number = Date.now(),
): Promise<number> {
  const tx = db.transaction('votes', 'readwrite');
  const marks = await Promise.all(ids.map((id) => tx.store.get([endpoint, thread, id])));
  const missing = ids.filter((_, index) => !marks[index]?.isUp);
  await Promise.all([
    ...missing.map((commentId) =>
      tx.store.put({ endpoint, thread, commentId, isUp: true, votedAtMs: nowMs }),
    ),
    tx.done,
  ]);
  return missing.length;
}
