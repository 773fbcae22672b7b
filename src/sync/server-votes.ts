import { warnInDev } from '../internal/dev-warning.js';
import type { WriteTarget } from './thread-sync.js';
import { loadWriter } from './thread-writer.js';

/**
 * Shows the votes a signed-in reader cast on any device (the `votedIds` of `…/comments/mine`)
 * as theirs: stored as delivered upvotes, like votes sent from this browser, and the thread's
 * views told. A vote still queued here shows as queued whatever this stores.
 */
export async function rememberServerVotes(target: WriteTarget, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const marked = await loadWriter(target)
    .then((store) => store.markVotesUp(target.endpoint, target.thread, ids, Date.now()))
    .catch((error) => (warnInDev('server votes not stored', error), 0));
  if (marked > 0) target.sync.announceVotes(target.thread);
}
