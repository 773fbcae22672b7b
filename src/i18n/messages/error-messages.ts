import type { Compiled } from '../catalogue.js';

/**
 * What a reader reads when the server refuses a write, by the refusal's `code` (docs/protocol.md):
 * loaded with the composer. A code missing here shows the server's own (English) message.
 */
export const errorMessages = {
  validation_failed: 'Something in this comment could not be accepted.',
  payload_too_large: 'This comment is too long to send.',
  unknown_parent: 'The comment you replied to no longer exists.',
  id_conflict: 'Another comment already has this id.',
  not_found: 'This comment no longer exists.',
  origin_not_allowed: 'Comments are not enabled on this page.',
  auth_required: 'Sign in through the site to do this.',
  unauthorized: 'You are not signed in as the author of this comment.',
  not_author: 'Only the author of this comment can change it.',
  edit_window_closed: 'The time to edit this comment has passed.',
  comment_deleted: 'This comment was deleted and can no longer be changed.',
  thread_locked: 'This conversation is closed.',
  banned: 'You can no longer comment on this site.',
  guests_not_allowed: 'Please sign in to comment on this site.',
  sso_token_invalid: 'Your sign-in could not be checked. Please sign in again.',
  sso_token_expired: 'Your sign-in has expired. Please reload the page, or sign in again.',
  rate_limited: 'You are posting too quickly. Please wait a little and try again.',
  proof_of_work_failed: 'That was quick! Please take a moment before posting, then try again.',
  spam_detected: 'This comment looks like spam and was not posted.',
  duplicate_comment: 'You just posted this same comment.',
  comment_not_votable: 'This comment cannot be voted on.',
  vote_limit_reached:
    'A vote from your network already counts on this comment today; sign in to vote as yourself.',
} as const;

/** These words compiled for a locale. */
export type ErrorWords = Compiled<typeof errorMessages>;
