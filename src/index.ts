// Public, side-effect-free exports: importing this module defines no element.
export { HearthComments } from './elements/hearth-comments/hearth-comments.js';
export { HearthCount } from './elements/hearth-count/hearth-count.js';
export { CommentPostedEvent } from './events/comment-posted-event.js';
export { SsoTokenExpiredEvent } from './events/sso-token-expired-event.js';
export { ThreadCountEvent } from './events/thread-count-event.js';
export type { Comment, CommentStatus } from './protocol/comment.js';
export type { ChangesResponse } from './protocol/changes.js';
export type { ErrorResponse } from './protocol/errors.js';
export type { CountsResponse } from './protocol/counts.js';
export type { VoteResponse } from './protocol/vote.js';
