/**
 * Every string a reader sees, in one catalog of two halves: this one, for reading a thread,
 * and composer-messages.ts, for writing, which loads with the composer. English only for
 * now; a locale is one more pair of objects of these shapes.
 */
export const messages = {
  heading: 'Comments',
  count: (count: number): string =>
    count === 0 ? 'No comments yet' : count === 1 ? '1 comment' : `${count.toLocaleString('en')} comments`,
  loading: 'Loading comments…',
  empty: 'No comments yet. Start the conversation.',
  unreachableEmpty: "Can't reach the comment server right now.",
  unreachableCached: "Can't reach the comment server; showing saved comments.",
  retry: 'Try again',
  reply: 'Reply',
  replyTo: (name: string): string => `Reply to ${name}`,
  replyingTo: (name: string): string => `replying to ${name}`,
  posted: 'Your comment was posted.',
  offline: "You're offline.",
  waiting: (count: number): string =>
    count === 1 ? '1 comment waiting to post.' : `${count.toLocaleString('en')} comments waiting to post.`,
  lastSynced: (when: string): string => `Updated ${when}.`,
  deleted: 'This comment was deleted.',
  held: 'Awaiting approval',
  edited: '(edited)',
  editedAt: (when: string): string => `Edited ${when}`,
  verified: 'Verified',
  verifiedTitle: 'Signed in with this site',
  pinned: 'Pinned',
  locked: 'Comments are closed on this thread.',
} as const;
