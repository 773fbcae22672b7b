// Public, side-effect-free exports: importing this module defines no element.
export { HearthComments } from './elements/hearth-comments/hearth-comments.js';
export { CommentPostedEvent } from './events/comment-posted-event.js';
export { SsoTokenExpiredEvent } from './events/sso-token-expired-event.js';
export type { Comment, CommentStatus } from './protocol/comment.js';
export type { ChangesResponse } from './protocol/changes.js';
export type { ErrorResponse } from './protocol/errors.js';
