import { formatCount } from './messages.js';

/**
 * The words of a thread shown a page at a time (more than 1,000 comments): they load with the
 * window's chunk. English only for now, like messages.ts.
 */
export const windowMessages = {
  showMoreComments: (count: number): string => `Show more comments (${formatCount(count)} more)`,
  showMoreReplies: (count: number): string =>
    count === 1 ? 'Show 1 more reply' : `Show ${formatCount(count)} more replies`,
  shownMore: (count: number): string =>
    count === 1 ? '1 more comment shown.' : `${formatCount(count)} more comments shown.`,
} as const;
