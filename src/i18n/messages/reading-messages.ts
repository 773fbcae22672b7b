import type { Compiled } from '../catalogue.js';

/**
 * Every word a reader sees, in English, as data: this part for reading a thread, and
 * composer-messages.ts (writing), window-messages.ts (big threads), count-messages.ts
 * (`<hearth-count>`) and error-messages.ts (the server's refusals) for the chunks that load on
 * demand. `{…}` is the one value an entry takes: a count, in the locale's digits, or text such
 * as a name, isolated so its direction stays its own. Plural forms follow `Intl.PluralRules`;
 * `=0` replaces "0 …". Other locales translate the same keys (src/i18n/locales/); an owner can
 * override any entry through the element's `strings` property.
 */
export const readingMessages = {
  heading: 'Comments',
  /** The published comments, as every reader sees them; the heading says `heading` when there are none. */
  count: { one: '{count} comment', other: '{count} comments' },
  loading: 'Loading comments…',
  empty: 'No comments yet. Start the conversation.',
  unreachableEmpty: "Can't reach the comment server right now.",
  unreachableCached: "Can't reach the comment server; showing saved comments.",
  retry: 'Try again',
  /** The composer's chunk is gone from a server that still answers: the widget was redeployed. */
  outdated: 'Comments were updated. Reload the page to keep writing; your text is saved.',
  reload: 'Reload',
  reply: 'Reply',
  upvote: 'Upvote ({count})',
  /** A locked thread's count, which takes no more votes. */
  upvotes: { one: '{count} upvote', other: '{count} upvotes' },
  sortBy: 'Sort by',
  sortOrders: { oldest: 'Oldest', newest: 'Newest', top: 'Top' },
  replyTo: 'Reply to {name}',
  replyingTo: 'replying to {name}',
  /** Announced politely when comments by others arrive while the reader reads. */
  newComments: { one: '{count} new comment.', other: '{count} new comments.' },
  offline: "You're offline.",
  waiting: { one: '{count} comment waiting to post.', other: '{count} comments waiting to post.' },
  /** `{when}`: how long ago, in words ("5 minutes ago"). */
  lastSynced: 'Updated {when}.',
  deleted: 'This comment was deleted.',
  held: 'Awaiting approval',
  /** The author's own edit, which the server holds for a moderator while readers see the text before it. */
  heldEdit: 'Edit awaiting approval',
  edited: '(edited)',
  /** `{when}`: the full date and time. */
  editedAt: 'Edited {when}',
  verified: 'Verified',
  verifiedTitle: 'Signed in with this site',
  pinned: 'Pinned',
  locked: 'Comments are closed on this thread.',
} as const;

/** The reading words compiled for a locale. */
export type ReadingWords = Compiled<typeof readingMessages>;
