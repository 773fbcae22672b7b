import type { ThreadComment } from '../internal/rich-text.js';

/**
 * Whether an incoming copy of a comment should replace the one held. Changes may arrive
 * twice or out of order (a pull racing a post); the higher change sequence wins, and a
 * repeat of the same sequence is harmless.
 */
export function shouldReplace(
  existing: Pick<ThreadComment, 'seq'> | undefined,
  incoming: Pick<ThreadComment, 'seq'>,
): boolean {
  return existing === undefined || incoming.seq >= existing.seq;
}

/** Merges incoming comments into a map keyed by id, returning whether anything changed. */
export function mergeComments(held: Map<string, ThreadComment>, incoming: readonly ThreadComment[]): boolean {
  let isChanged = false;
  for (const comment of incoming) {
    const existing = held.get(comment.id);
    if (existing === comment || !shouldReplace(existing, comment)) continue;
    if (existing && existing.seq === comment.seq) continue;
    held.set(comment.id, comment);
    isChanged = true;
  }
  return isChanged;
}
