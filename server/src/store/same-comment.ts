import type { Comment, NewComment } from '../../../src/protocol/index.js';

/**
 * Whether a repeated post is the same comment as the stored one, so the id's idempotency
 * holds: same thread, parent, name and body (after the schema's trimming). Anything else
 * under the same id is a conflict.
 */
export function isSameComment(stored: Comment, thread: string, input: NewComment): boolean {
  return (
    stored.thread === thread &&
    stored.parentId === (input.parentId ?? null) &&
    stored.authorName === input.authorName &&
    stored.body === input.body
  );
}
