/**
 * Every string a reader sees, in one catalog of parts: this one, for reading a thread,
 * composer-messages.ts, for writing, which loads with the composer, and the smaller ones of
 * the chunks that load on demand (window-messages.ts, count-messages.ts). English only for
 * now; a locale is one more set of objects of these shapes.
 */
// One formatter for every count: toLocaleString() builds a new one per call, which costs a
// thousand-comment thread about 9 ms in vote labels alone.
const numbers = /* @__PURE__ */ new Intl.NumberFormat('en');
export const formatCount = (count: number): string => numbers.format(count);

export const messages = {
  heading: 'Comments',
  count: (count: number): string =>
    count === 0 ? 'No comments yet' : count === 1 ? '1 comment' : `${formatCount(count)} comments`,
  loading: 'Loading comments…',
  empty: 'No comments yet. Start the conversation.',
  unreachableEmpty: "Can't reach the comment server right now.",
  unreachableCached: "Can't reach the comment server; showing saved comments.",
  retry: 'Try again',
  /** The composer's chunk is gone from a server that still answers: the widget was redeployed. */
  outdated: 'Comments were updated. Reload the page to keep writing; your text is saved.',
  reload: 'Reload',
  reply: 'Reply',
  upvote: (count: number): string => `Upvote (${formatCount(count)})`,
  /** A locked thread's count, which takes no more votes. */
  upvotes: (count: number): string => (count === 1 ? '1 upvote' : `${formatCount(count)} upvotes`),
  sortBy: 'Sort by',
  sortOrders: { oldest: 'Oldest', newest: 'Newest', top: 'Top' },
  replyTo: (name: string): string => `Reply to ${name}`,
  replyingTo: (name: string): string => `replying to ${name}`,
  /** Announced politely when comments by others arrive while the reader reads. */
  newComments: (count: number): string =>
    count === 1 ? '1 new comment.' : `${formatCount(count)} new comments.`,
  offline: "You're offline.",
  waiting: (count: number): string =>
    count === 1 ? '1 comment waiting to post.' : `${formatCount(count)} comments waiting to post.`,
  lastSynced: (when: string): string => `Updated ${when}.`,
  deleted: 'This comment was deleted.',
  held: 'Awaiting approval',
  /** The author's own edit, which the server holds for a moderator while readers see the text before it. */
  heldEdit: 'Edit awaiting approval',
  edited: '(edited)',
  editedAt: (when: string): string => `Edited ${when}`,
  verified: 'Verified',
  verifiedTitle: 'Signed in with this site',
  pinned: 'Pinned',
  locked: 'Comments are closed on this thread.',
  /** In place of the composer when the endpoint can never serve this page until its owner fixes it. */
  unavailable: 'Comments are unavailable on this page.',
  /** For the site's owner, after `unavailable`: the server's configuration lacks the page's origin. */
  originRefused: (origin: string): string =>
    `Site owner: the comment server does not allow pages on ${origin}. Add it to sites[].origins in the server's configuration.`,
  /** For the site's owner, after `unavailable`: the endpoint answered, but not as a Hearth server. */
  notHearth: (endpoint: string): string =>
    `Site owner: ${endpoint} is not a Hearth comment server. Check the endpoint attribute.`,
} as const;
