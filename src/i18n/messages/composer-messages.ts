import type { Compiled } from '../catalogue.js';

/** The writing part of the words (see messages.ts), loaded with the composer. */
export const composerMessages = {
  posted: 'Your comment was posted.',
  cancel: 'Cancel',
  nameLabel: 'Name',
  emailLabel: 'Email (optional, never shown)',
  /** The hidden field only bots fill in. */
  honeypotLabel: 'Website',
  signedInAs: 'Signed in as {name}',
  /** The name sent with an SSO post whose token names nobody; the server uses the token's. */
  signedInFallbackName: 'Member',
  bodyLabel: 'Comment',
  replyBodyLabel: 'Your reply to {name}',
  bodyPlaceholder: 'Share your thoughts',
  writeTab: 'Write',
  previewTab: 'Preview',
  previewEmpty: 'Nothing to preview',
  /** Shown under the textarea before samples of markdown, each displayed as code. */
  formatHint: 'Markdown:',
  submit: 'Post comment',
  submitReply: 'Post reply',
  /** `{keys}`: Ctrl+Enter, or ⌘+Enter on Apple devices. */
  postShortcut: '{keys} posts',
  editBodyLabel: 'Edit your comment',
  save: 'Save',
  saveShortcut: '{keys} saves',
  editComment: 'Edit',
  deleteComment: 'Delete',
  deleteQuestion: 'Delete this comment?',
  keep: 'Keep',
  editQueued: 'Your edit is saved and will be sent.',
  deleteQueued: 'Your comment will be deleted.',
  saving: 'Saving…',
  savingOffline: "Will save when you're back online",
  deleting: 'Deleting…',
  deletingOffline: "Will delete when you're back online",
  awaitingSignIn: 'Waiting for you to sign in again',
  /** `{reason}`: why the server refused (see error-messages.ts). */
  notSaved: 'Not saved: {reason}',
  notDeleted: 'Not deleted: {reason}',
  editClosed: '{reason} Your text is kept below.',
  queued: 'Your comment is saved and will be posted.',
  pending: 'Posting…',
  pendingOffline: "Will post when you're back online",
  failed: 'Not posted: {reason}',
  edit: 'Edit',
  discard: 'Discard',
  editLabel: 'Edit your unposted comment as {name}',
  discardLabel: 'Discard your unposted comment as {name}',
  /** A link after the heading that takes keyboard readers to the main composer's first field. */
  skipToForm: 'Skip to the comment form',
  /** After the heading's count: the reader's own comments others cannot see yet (posting, refused or held). */
  yours: { one: '{count} of yours not yet published', other: '{count} of yours not yet published' },
  invalid: {
    /** Text with a lone UTF-16 surrogate, which no server can store as sent. */
    illFormed: 'This text has a broken character (half of an emoji or symbol): please retype it.',
    authorName: {
      too_small: 'Please enter your name.',
      /** `{max}`: the most characters allowed. */
      too_big: 'Your name can be at most {max} characters.',
      custom: 'Your name must be a single line of plain text, without hidden control characters.',
    },
    body: {
      too_small: 'Please write a comment first.',
      /** `{max}`: the most characters allowed. */
      too_big: 'Comments can be at most {max} characters.',
      custom: 'Your comment contains characters that cannot be posted.',
    },
    email: {
      too_small: 'Please enter a valid email.',
      too_big: 'Your email can be at most {max} characters.',
      custom: 'Please enter a valid email, or leave it empty.',
      /** A guest ticked `notifyLabel` with the email field empty. */
      required: 'Enter your email to get replies.',
    },
  },
  /** A reply form's line in place of Name and Email once the guest's name is known. */
  replyingAs: 'Replying as {name}',
  /** The button after it that shows the Name and Email fields again, and its accessible name. */
  changeIdentity: 'change',
  changeIdentityLabel: 'Change your name and email',
  /** A checkbox, where the site emails reply notifications: the reader asks for them. */
  notifyLabel: 'Email me when someone replies',
  /** A second checkbox, under `notifyLabel` once it is ticked: every new comment in the thread too. */
  followLabel: '…and to every new comment in this thread',
  /** Under the text as it nears the length limit, and past it. */
  charactersLeft: { one: '{count} character left', other: '{count} characters left' },
  charactersOver: { one: '{count} character too many', other: '{count} characters too many' },
  /** A post waiting out a 429: `{when}`, when it goes out ("in 40 minutes", Intl.RelativeTimeFormat). */
  rateLimited: 'Too many comments from your network; it will be posted {when}.',
} as const;

/** These words compiled for a locale. */
export type ComposerWords = Compiled<typeof composerMessages>;
