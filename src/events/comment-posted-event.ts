import type { Comment } from '../protocol/comment.js';

/** Fired by `<hearth-comments>` when the server has stored a comment the reader wrote. */
export class CommentPostedEvent extends Event {
  static readonly eventName = 'hearth-comment-posted';

  /** The comment as the server stored it. */
  readonly comment: Comment;

  constructor(comment: Comment) {
    super(CommentPostedEvent.eventName, { bubbles: true, composed: true });
    this.comment = comment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-comment-posted': CommentPostedEvent;
  }
}
