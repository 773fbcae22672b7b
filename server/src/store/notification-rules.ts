import type {
  ConfirmationOutcome,
  EmailAddressRecord,
  EmailAddressState,
  NotificationItem,
  NotifyReason,
} from './notification-store.js';

// What the three notification backends share: the rules of notification-store.ts that are
// decided outside SQL, and the rows both SQL dialects return (BIGINTs already numbers).

/** The `comment_id` of a subscription to a whole thread: a key column cannot hold NULL. */
export const wholeThread = '';

/** Whether a confirmation token expiring at `expiresAtMs` still confirms at `nowMs`. */
export function isTokenLive(expiresAtMs: number | null, nowMs: number): boolean {
  return expiresAtMs !== null && nowMs < expiresAtMs;
}

/** What a confirmation request for an address stored as `stored` (null: unknown) comes to. */
export function decideConfirmation(
  stored: Pick<EmailAddressRecord, 'state' | 'confirmExpiresAtMs'> | null,
  nowMs: number,
): ConfirmationOutcome {
  if (stored?.state === 'verified') return 'verified';
  return stored && isTokenLive(stored.confirmExpiresAtMs, nowMs) ? 'waiting' : 'issued';
}

/** Pending items' order: oldest first, then by comment id. */
export const comparePendingItems = (a: NotificationItem, b: NotificationItem): number =>
  a.createdAtMs - b.createdAtMs || (a.commentId < b.commentId ? -1 : a.commentId > b.commentId ? 1 : 0);

/** An email_addresses row. */
export interface EmailAddressRow {
  site: string;
  email: string;
  state: string;
  locale: string | null;
  confirm_expires_at_ms: number | null;
  confirm_token_hash: string | null;
  verified_at_ms: number | null;
  last_sent_at_ms: number | null;
}

/** The email_addresses columns of {@link EmailAddressRow}, for SELECT and RETURNING. */
export const emailAddressColumns =
  'site, email, state, locale, confirm_expires_at_ms, confirm_token_hash, verified_at_ms, last_sent_at_ms';

export function toEmailAddressRecord(row: EmailAddressRow): EmailAddressRecord {
  return {
    site: row.site,
    email: row.email,
    state: row.state as EmailAddressState,
    locale: row.locale,
    confirmExpiresAtMs: row.confirm_expires_at_ms,
    confirmTokenHash: row.confirm_token_hash,
    verifiedAtMs: row.verified_at_ms,
    lastSentAtMs: row.last_sent_at_ms,
  };
}

/** A pending notification_items row. */
export interface NotificationItemRow {
  site: string;
  email: string;
  comment_id: string;
  thread: string;
  reason: string;
  created_at_ms: number;
  page_url: string | null;
}

/** The notification_items columns of {@link NotificationItemRow}. */
export const notificationItemColumns = 'site, email, comment_id, thread, reason, created_at_ms, page_url';

export function toNotificationItem(row: NotificationItemRow): NotificationItem {
  return {
    site: row.site,
    email: row.email,
    commentId: row.comment_id,
    thread: row.thread,
    reason: row.reason as NotifyReason,
    createdAtMs: row.created_at_ms,
    pageUrl: row.page_url,
  };
}
