/**
 * Every string a reader sees, in one catalog. English only for now; a locale is one more
 * object of this shape.
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
  cancel: 'Cancel',
  nameLabel: 'Name',
  bodyLabel: 'Comment',
  replyBodyLabel: (name: string): string => `Your reply to ${name}`,
  bodyPlaceholder: 'Share your thoughts',
  submit: 'Post comment',
  submitReply: 'Post reply',
  submitting: 'Posting…',
  shortcutHint: (isMac: boolean): string => (isMac ? '⌘+Enter posts' : 'Ctrl+Enter posts'),
  posted: 'Your comment was posted.',
  postUnreachable: "Couldn't reach the comment server. Your text is still here; try again in a moment.",
  postRejected: (reason: string): string => `The comment server refused this: ${reason}`,
  invalid: {
    authorName: {
      too_small: 'Please enter your name.',
      too_big: (max: number): string => `Please keep your name under ${max + 1} characters.`,
      custom: 'Your name must be a single line of text.',
    },
    body: {
      too_small: 'Please write a comment first.',
      too_big: (max: number): string => `Comments can be at most ${max.toLocaleString('en')} characters.`,
      custom: 'Your comment contains characters that cannot be posted.',
    },
  },
} as const;
