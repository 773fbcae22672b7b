/** The writing half of the message catalog (see messages.ts), loaded with the composer. */
export const composerMessages = {
  cancel: 'Cancel',
  nameLabel: 'Name',
  bodyLabel: 'Comment',
  replyBodyLabel: (name: string): string => `Your reply to ${name}`,
  bodyPlaceholder: 'Share your thoughts',
  writeTab: 'Write',
  previewTab: 'Preview',
  previewEmpty: 'Nothing to preview',
  /** Shown under the textarea; each sample is displayed as code. */
  formatHint: {
    intro: 'Markdown:',
    samples: ['**bold**', '_italic_', '`code`', '> quote', '- list', '[link](https://…)'],
  },
  submit: 'Post comment',
  submitReply: 'Post reply',
  shortcutHint: (isMac: boolean): string => (isMac ? '⌘+Enter posts' : 'Ctrl+Enter posts'),
  queued: 'Your comment is saved and will be posted.',
  pending: 'Posting…',
  pendingOffline: "Will post when you're back online",
  failed: (reason: string): string => `Not posted: ${reason}`,
  edit: 'Edit',
  discard: 'Discard',
  editLabel: (name: string): string => `Edit your unposted comment as ${name}`,
  discardLabel: (name: string): string => `Discard your unposted comment as ${name}`,
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
