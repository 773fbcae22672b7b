import type { ThreadComment } from './rich-text.js';

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

/**
 * The copy to keep when `incoming` replaces `existing`. The author's edit that the server holds
 * for a moderator (`pendingEdit`) reaches only the author, in the answer to their edit; later
 * copies from the public feed lack it. It stays while the comment's `updatedAt` does (a vote
 * moves only `seq`) and goes when a moderator settles it: approving or rejecting moves `updatedAt`.
 */
export function keepPendingEdit(existing: ThreadComment | undefined, incoming: ThreadComment): ThreadComment {
  if (!existing?.pendingEdit || incoming.pendingEdit || incoming.updatedAt !== existing.updatedAt) {
    return incoming;
  }
  return { ...incoming, pendingEdit: existing.pendingEdit };
}

/** Merges incoming comments into a map keyed by id, returning whether anything changed. */
export function mergeComments(held: Map<string, ThreadComment>, incoming: readonly ThreadComment[]): boolean {
  let isChanged = false;
  for (const comment of incoming) {
    const existing = held.get(comment.id);
    if (existing === comment || !shouldReplace(existing, comment)) continue;
    // The same seq again changes nothing, unless it brings the answer to the author's held edit.
    const isNewHeldEdit = comment.pendingEdit && comment.pendingEdit.body !== existing?.pendingEdit?.body;
    if (existing && existing.seq === comment.seq && !isNewHeldEdit) continue;
    held.set(comment.id, keepPendingEdit(existing, comment));
    isChanged = true;
  }
  return isChanged;
}
