/**
 * What a stored comment can be; later issues add held and deleted states. Kept apart from the
 * schemas so the widget's first paint can name a status without loading zod.
 */
export const CommentStatus = {
  published: 'published',
} as const;
export type CommentStatus = (typeof CommentStatus)[keyof typeof CommentStatus];
