import { formatCount } from './messages.js';

/** The words of `<hearth-count>`: they load with its chunk. English only for now, like messages.ts. */
export const countMessages = {
  /** "0 comments", "1 comment", "12 comments". */
  commentCount: (count: number): string => (count === 1 ? '1 comment' : `${formatCount(count)} comments`),
} as const;
