/**
 * What a button in the thread asks for, written in its `data-action`. The buttons carry no
 * listeners of their own: one delegated click handler on the thread reads the action and does it
 * (ComposerController.act, revealHidden). Kept apart from the templates and the handlers so both
 * name the same values, and a typo in either fails the typecheck.
 * - reply, vote: on any comment the reader may answer or upvote.
 * - edit, discard: on a post of the reader's the server refused (fix it in its composer, or drop it).
 * - edit-comment, delete-comment, confirm-delete, keep-comment: on the reader's own comment.
 * - show-more, show-replies: in a big thread, open conversations or replies the window hides.
 */
export const CommentAction = {
  reply: 'reply',
  vote: 'vote',
  editWrite: 'edit',
  discardWrite: 'discard',
  editComment: 'edit-comment',
  deleteComment: 'delete-comment',
  confirmDelete: 'confirm-delete',
  keepComment: 'keep-comment',
  showMore: 'show-more',
  showReplies: 'show-replies',
} as const;
export type CommentAction = (typeof CommentAction)[keyof typeof CommentAction];
