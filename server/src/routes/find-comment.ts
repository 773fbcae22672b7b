import { CommentIdSchema } from '../../../src/protocol/index.js';
import type { CommentRecord, CommentStore } from '../store/comment-store.js';

/**
 * Whether `id`, as a URL path gave it, could name a comment: ids are UUIDs. Anything else
 * (a NUL character above all, which PostgreSQL refuses outright) names none, so routes answer
 * 404 without asking the store.
 */
export function isCommentId(id: string): boolean {
  return CommentIdSchema.safeParse(id).success;
}

/** The comment with `id`, or null when there is none or the id could name none. */
export async function findComment(store: CommentStore, id: string): Promise<CommentRecord | null> {
  return isCommentId(id) ? store.getComment(id) : null;
}
