import type Database from 'better-sqlite3';
import {
  decideConfirmation,
  emailAddressColumns,
  notificationItemColumns,
  toEmailAddressRecord,
  toNotificationItem,
  wholeThread,
  type EmailAddressRow,
  type NotificationItemRow,
} from './notification-rules.js';
import type { ConfirmationRequest, NotificationStore, Subscriber } from './notification-store.js';

/**
 * Reply notifications' addresses, subscriptions and items in the SQLite file. An operation of
 * several statements is one IMMEDIATE transaction, so it reads and writes with no other process
 * writing in between.
 */
export function createSqliteNotifications(db: Database.Database): NotificationStore {
  const selectAddress = db.prepare<[string, string], EmailAddressRow>(
    `SELECT ${emailAddressColumns} FROM email_addresses WHERE site = ? AND email = ?`,
  );
  const issue = db.prepare<[ConfirmationRequest]>(
    `INSERT INTO email_addresses
       (site, email, state, locale, confirm_token_hash, confirm_expires_at_ms, created_at_ms)
     VALUES (@site, @email, 'pending', @locale, @tokenHash, @expiresAtMs, @nowMs)
     ON CONFLICT (site, email) DO UPDATE SET state = 'pending', locale = excluded.locale,
       confirm_token_hash = excluded.confirm_token_hash,
       confirm_expires_at_ms = excluded.confirm_expires_at_ms`,
  );
  const setLocale = db.prepare<[string | null, string, string]>(
    'UPDATE email_addresses SET locale = ? WHERE site = ? AND email = ?',
  );
  const confirm = db.prepare<[number, string, number], EmailAddressRow>(
    `UPDATE email_addresses
     SET state = 'verified', verified_at_ms = ?, confirm_token_hash = NULL, confirm_expires_at_ms = NULL
     WHERE confirm_token_hash = ? AND state = 'pending' AND confirm_expires_at_ms > ?
     RETURNING ${emailAddressColumns}`,
  );
  const verify = db.prepare<[string, string, string | null, number, number]>(
    `INSERT INTO email_addresses (site, email, state, locale, verified_at_ms, created_at_ms)
     VALUES (?, ?, 'verified', ?, ?, ?)
     ON CONFLICT (site, email) DO UPDATE SET state = 'verified', locale = excluded.locale,
       verified_at_ms = excluded.verified_at_ms, confirm_token_hash = NULL, confirm_expires_at_ms = NULL
     WHERE email_addresses.state = 'pending'`,
  );
  const insertSubscription = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO subscriptions (site, email, thread, comment_id, created_at_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  // A null thread matches every thread: the site's whole list.
  const deleteSubscriptions = db.prepare<{ site: string; email: string; thread: string | null }>(
    `DELETE FROM subscriptions
     WHERE site = @site AND email = @email AND (@thread IS NULL OR thread = @thread)`,
  );
  const deletePendingItems = db.prepare<{ site: string; email: string; thread: string | null }>(
    `DELETE FROM notification_items
     WHERE site = @site AND email = @email AND sent_at_ms IS NULL AND (@thread IS NULL OR thread = @thread)`,
  );
  const deleteAddress = db.prepare<[string, string]>(
    'DELETE FROM email_addresses WHERE site = ? AND email = ?',
  );
  const deleteItems = db.prepare<[string, string]>(
    'DELETE FROM notification_items WHERE site = ? AND email = ?',
  );
  const blankCommentEmails = db.prepare<[string, string]>(
    'UPDATE comments SET email = NULL WHERE email = ? AND site = ?',
  );
  const selectSubscribers = db.prepare<[string, string, string | null], Subscriber>(
    `SELECT a.email, a.locale,
       CASE WHEN MAX(CASE WHEN s.comment_id = '${wholeThread}' THEN 0 ELSE 1 END) = 1
         THEN 'reply' ELSE 'thread' END AS reason
     FROM subscriptions s JOIN email_addresses a ON a.site = s.site AND a.email = s.email
     WHERE s.site = ? AND s.thread = ? AND (s.comment_id = '${wholeThread}' OR s.comment_id = ?)
       AND a.state = 'verified'
     GROUP BY a.email, a.locale ORDER BY a.email`,
  );
  const insertItem = db.prepare<[NotificationItemRow]>(
    `INSERT INTO notification_items (${notificationItemColumns})
     VALUES (@site, @email, @comment_id, @thread, @reason, @created_at_ms, @page_url)
     ON CONFLICT (site, email, comment_id) DO NOTHING`,
  );
  const selectPending = db.prepare<[string, string], NotificationItemRow>(
    `SELECT ${notificationItemColumns} FROM notification_items
     WHERE site = ? AND email = ? AND sent_at_ms IS NULL ORDER BY created_at_ms, comment_id`,
  );
  const markItemsSent = db.prepare<[number, string, string, string]>(
    `UPDATE notification_items SET sent_at_ms = ?
     WHERE site = ? AND email = ? AND comment_id IN (SELECT value FROM json_each(?)) AND sent_at_ms IS NULL`,
  );
  const setLastSent = db.prepare<[number, string, string]>(
    'UPDATE email_addresses SET last_sent_at_ms = ? WHERE site = ? AND email = ?',
  );

  const request = db.transaction((asked: ConfirmationRequest) => {
    const stored = selectAddress.get(asked.site, asked.email);
    const outcome = decideConfirmation(stored ? toEmailAddressRecord(stored) : null, asked.nowMs);
    if (outcome === 'issued') issue.run(asked);
    else if (outcome === 'waiting') setLocale.run(asked.locale, asked.site, asked.email);
    return outcome;
  });

  const unsubscribe = db.transaction((site: string, email: string, thread: string | null) => {
    deletePendingItems.run({ site, email, thread });
    return deleteSubscriptions.run({ site, email, thread }).changes;
  });

  const forget = db.transaction((site: string, email: string) => {
    deleteAddress.run(site, email);
    deleteSubscriptions.run({ site, email, thread: null });
    deleteItems.run(site, email);
    blankCommentEmails.run(email, site);
  });

  const queue = db.transaction((rows: NotificationItemRow[]) => {
    for (const row of rows) insertItem.run(row);
  });

  const markSent = db.transaction((site: string, email: string, ids: string, nowMs: number) => {
    markItemsSent.run(nowMs, site, email, ids);
    setLastSent.run(nowMs, site, email);
  });

  return {
    async getEmailAddress(site, email) {
      const row = selectAddress.get(site, email);
      return row ? toEmailAddressRecord(row) : null;
    },

    async requestConfirmation(asked) {
      return request.immediate(asked);
    },

    async confirmEmailAddress(tokenHash, nowMs) {
      const row = confirm.get(nowMs, tokenHash, nowMs);
      return row ? toEmailAddressRecord(row) : null;
    },

    async verifyEmailAddress(site, email, locale, nowMs) {
      verify.run(site, email, locale, nowMs, nowMs);
    },

    async subscribe({ site, email, thread, commentId }, nowMs) {
      insertSubscription.run(site, email, thread, commentId ?? wholeThread, nowMs);
    },

    async unsubscribe(site, email, thread) {
      return unsubscribe.immediate(site, email, thread);
    },

    async forgetEmailAddress(site, email) {
      forget.immediate(site, email);
    },

    async listSubscribers(site, thread, parentId) {
      return selectSubscribers.all(site, thread, parentId);
    },

    async queueNotificationItems(items) {
      queue.immediate(
        items.map((item) => ({
          site: item.site,
          email: item.email,
          comment_id: item.commentId,
          thread: item.thread,
          reason: item.reason,
          created_at_ms: item.createdAtMs,
          page_url: item.pageUrl,
        })),
      );
    },

    async listPendingNotificationItems(site, email) {
      return selectPending.all(site, email).map(toNotificationItem);
    },

    async markNotificationItemsSent(site, email, commentIds, nowMs) {
      // Nothing sent, no email left: the address's lastSentAtMs stays.
      if (commentIds.length === 0) return;
      markSent.immediate(site, email, JSON.stringify(commentIds), nowMs);
    },
  };
}
