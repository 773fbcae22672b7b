import { z } from './zod.js';

/** Stable error codes of protocol v1; clients branch on these, never on messages. */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  invalidJson: 'invalid_json',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  invalidCursor: 'invalid_cursor',
  invalidThread: 'invalid_thread',
  unknownParent: 'unknown_parent',
  idConflict: 'id_conflict',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  internal: 'internal_error',
  /** 403: the request's Origin is not one of a configured site's origins. */
  originNotAllowed: 'origin_not_allowed',
  /** 401: the route needs a bearer token (author, SSO or admin) and none was sent. */
  authRequired: 'auth_required',
  /** 401: the admin token is missing or wrong. */
  unauthorized: 'unauthorized',
  /** 403: the token does not belong to the comment's author. */
  notAuthor: 'not_author',
  /** 403: the site's edit window for this comment has passed. */
  editWindowClosed: 'edit_window_closed',
  /** 409: the comment was deleted and can no longer change. */
  commentDeleted: 'comment_deleted',
  /** 403: a moderator locked the thread; nothing new may be posted. */
  threadLocked: 'thread_locked',
  /** 403: the author (SSO user, email or network) is banned from the site. */
  banned: 'banned',
  /** 403: the site lets only signed-in (SSO) readers post. */
  guestsNotAllowed: 'guests_not_allowed',
  /** 401: the SSO token is malformed, forged or meant for another site. */
  ssoTokenInvalid: 'sso_token_invalid',
  /** 401: the SSO token has expired; the page should hand the widget a fresh one. */
  ssoTokenExpired: 'sso_token_expired',
  /** 429: too many comments too quickly; see Retry-After. */
  rateLimited: 'rate_limited',
  /** 429: this network already holds the most live event streams the server allows; see Retry-After. */
  tooManyStreams: 'too_many_streams',
  /** 429: too many wrong admin tokens from this network; see Retry-After. */
  tooManyAttempts: 'too_many_attempts',
  /** 400: the proof-of-work solution is missing, wrong, expired or already used. */
  proofOfWorkFailed: 'proof_of_work_failed',
  /** 400: the form was sent faster than a person can write, or a hidden field was filled in. */
  spamDetected: 'spam_detected',
  /** 409: the same text was just posted. */
  duplicateComment: 'duplicate_comment',
  /** 409: the comment is awaiting a moderator or deleted, so it cannot be voted on. */
  commentNotVotable: 'comment_not_votable',
  /** 409: an anonymous vote from the same network already counts on this comment today. */
  voteLimitReached: 'vote_limit_reached',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error response: `{"error":{"code","message","field"?}}`. */
export const ErrorResponseSchema = /* @__PURE__ */ z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The request field at fault, as a dotted path (`body`, `parentId`), when there is one. */
    field: z.optional(z.string()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
