import { markVotesUp } from '../storage/vote-marks.js';
import type { WriteTarget } from './thread-sync.js';

/**
 * Shows the votes a signed-in reader cast on any device (the `votedIds` of `…/comments/mine`)
 * as theirs: stored as delivered upvotes, like votes sent from this browser, and the thread's
 * views told. A vote still queued here shows as queued whatever this stores.
 */
export async function rememberServerVotes(target: WriteTarget, ids: readonly string[]): Promise<void> {
  const db = await target.sync.db;
  if (!db || ids.length === 0) return;
  const marked = await markVotesUp(db, target.endpoint, target.thread, ids).catch(() => 0);
  if (marked > 0) target.sync.announceVotes(target.thread);
}
