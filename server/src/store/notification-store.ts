/**
 * What reply notifications keep (issue #14): readers' email addresses and whether their owner
 * confirmed them, what each address follows, and the comments waiting to be emailed to it.
 * SQLite and PostgreSQL keep these in tables; the memory store in the process. Addresses are
 * per site and always lowercased by the caller.
 *
 * Invariants every backend keeps:
 * - Nothing is ever sent to an address that is not `verified`: `listSubscribers` returns
 *   verified addresses only.
 * - A confirmation token is single use: confirming clears it, and an expired one confirms nothing.
 * - Queuing an item twice (same site, address and comment) keeps one.
 */
export interface NotificationStore {
  /** The address, or null when this site has never seen it (or forgot it). */
  getEmailAddress(site: string, email: string): Promise<EmailAddressRecord | null>;
  /**
   * Asks for a confirmation email to `email`:
   * - `verified`: the address is confirmed already; nothing changes;
   * - `waiting`: a confirmation was issued and has not expired; nothing changes (no second email);
   * - `issued`: the address is now `pending` with this token hash and expiry (new, or its last
   *   token expired); the caller sends the email.
   * `locale` is remembered as the address's language in every case but `verified`.
   */
  requestConfirmation(request: ConfirmationRequest): Promise<ConfirmationOutcome>;
  /**
   * Confirms the pending address holding this token hash, if its token has not expired at
   * `nowMs`: it becomes `verified` and the token is cleared. Returns the address, or null.
   */
  confirmEmailAddress(tokenHash: string, nowMs: number): Promise<EmailAddressRecord | null>;
  /** Marks an address verified without a token (a site's SSO vouched for it), creating it if new. */
  verifyEmailAddress(site: string, email: string, locale: string | null, nowMs: number): Promise<void>;
  /** Follows replies to one comment, or a whole thread when `commentId` is null. Idempotent. */
  subscribe(subscription: Subscription, nowMs: number): Promise<void>;
  /**
   * Stops what `email` follows in `thread`, or everywhere on the site when `thread` is null;
   * returns how many subscriptions ended. Pending items in what it stopped are dropped.
   */
  unsubscribe(site: string, email: string, thread: string | null): Promise<number>;
  /**
   * Forgets an address on a site: its record, subscriptions and pending items, and the address
   * on every comment of the site that carries it (the comments stay, without an email).
   */
  forgetEmailAddress(site: string, email: string): Promise<void>;
  /**
   * The verified addresses to tell about a new comment in `thread`: those following the thread,
   * and those following replies to `parentId` (when not null). One entry per address; `reason`
   * is `reply` when the address follows the parent, else `thread`.
   */
  listSubscribers(site: string, thread: string, parentId: string | null): Promise<Subscriber[]>;
  /** Queues comments to email; an item already queued or sent (same site, email, comment) is kept as it is. */
  queueNotificationItems(items: readonly NotificationItem[]): Promise<void>;
  /** An address's items not yet sent, oldest first (by `createdAtMs`, then comment id). */
  listPendingNotificationItems(site: string, email: string): Promise<NotificationItem[]>;
  /** Marks these items sent and sets the address's `lastSentAtMs`. */
  markNotificationItemsSent(
    site: string,
    email: string,
    commentIds: readonly string[],
    nowMs: number,
  ): Promise<void>;
}

export const EmailAddressState = { pending: 'pending', verified: 'verified' } as const;
export type EmailAddressState = (typeof EmailAddressState)[keyof typeof EmailAddressState];

/** A reader's address on one site. */
export interface EmailAddressRecord {
  site: string;
  email: string;
  state: EmailAddressState;
  /** The language its emails are written in (a BCP 47 tag the widget sent), or null for English. */
  locale: string | null;
  /** When the pending confirmation expires, or null (verified, or none issued). */
  confirmExpiresAtMs: number | null;
  /**
   * The pending confirmation token's SHA-256 (hex), or null: a job run again after a crash
   * tells by it whether the waiting token is the one it issued, and sends its email after all.
   */
  confirmTokenHash: string | null;
  verifiedAtMs: number | null;
  /** When a notification email last left for it, or null. */
  lastSentAtMs: number | null;
}

export interface ConfirmationRequest {
  site: string;
  email: string;
  locale: string | null;
  /** SHA-256 (hex) of the token in the confirmation link; the token itself is never stored here. */
  tokenHash: string;
  expiresAtMs: number;
  nowMs: number;
}

export type ConfirmationOutcome = 'verified' | 'waiting' | 'issued';

/** Following replies to a comment (`commentId`), or a whole thread (`commentId: null`). */
export interface Subscription {
  site: string;
  email: string;
  thread: string;
  commentId: string | null;
}

export const NotifyReason = { reply: 'reply', thread: 'thread' } as const;
export type NotifyReason = (typeof NotifyReason)[keyof typeof NotifyReason];

export interface Subscriber {
  email: string;
  locale: string | null;
  reason: NotifyReason;
}

/** A comment waiting to be emailed to an address. */
export interface NotificationItem {
  site: string;
  email: string;
  commentId: string;
  thread: string;
  reason: NotifyReason;
  createdAtMs: number;
  /** The comment's address on its page, without `#comment-…`, for the email's link; or null. */
  pageUrl: string | null;
}
