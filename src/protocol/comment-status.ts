/**
 * What a stored comment can be. Kept apart from the schemas so the widget's first paint can
 * name a status without loading zod.
 * - published: visible to everyone.
 * - held: waiting for a moderator; only its author (who has it from the post's response) and
 *   moderators see it, so it never appears in the public change feed while held.
 * - deleted: a tombstone; body and name are emptied, the id stays so replies keep their place.
 */
export const CommentStatus = {
  published: 'published',
  held: 'held',
  deleted: 'deleted',
} as const;
export type CommentStatus = (typeof CommentStatus)[keyof typeof CommentStatus];
