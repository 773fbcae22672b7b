import type { Compiled } from '../catalogue.js';

/** The words of a thread shown a page at a time (more than 1,000 comments): they load with the window's chunk. */
export const windowMessages = {
  showMoreComments: 'Show more comments ({count} more)',
  showMoreReplies: { one: 'Show {count} more reply', other: 'Show {count} more replies' },
  shownMore: { one: '{count} more comment shown.', other: '{count} more comments shown.' },
} as const;

/** The window's words compiled for a locale. */
export type WindowWords = Compiled<typeof windowMessages>;
