/**
 * What a reader asks to be emailed about when they post (`notify`). Kept apart from the schemas
 * so the composer can name a scope without them.
 * - replies: replies to this comment.
 * - thread: every new comment in its thread, replies included.
 */
export const NotifyScope = {
  replies: 'replies',
  thread: 'thread',
} as const;
export type NotifyScope = (typeof NotifyScope)[keyof typeof NotifyScope];
