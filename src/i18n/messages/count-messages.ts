/** The words of `<hearth-count>`: they load with its chunk. */
export const countMessages = {
  /** "0 comments", "1 comment", "12 comments". */
  commentCount: { one: '{count} comment', other: '{count} comments' },
} as const;
