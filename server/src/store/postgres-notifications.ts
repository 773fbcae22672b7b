import type pg from 'pg';
import {
  emailAddressColumns,
  notificationItemColumns,
  toEmailAddressRecord,
  toNotificationItem,
  wholeThread,
  type EmailAddressRow,
  type NotificationItemRow,
} from './notification-rules.js';
import type {
  ConfirmationOutcome,
  ConfirmationRequest,
  NotificationStore,
  Subscriber,
} from './notification-store.js';
import { withTransaction } from './postgres-transaction.js';

/**
 * Tries each step of a confirmation request in turn until one answers. Each is one statement
 * whose condition PostgreSQL checks again on the row's latest version once a concurrent writer
 * commits, so of requests racing for one address exactly one is `issued`:
 * 1. a new address: the INSERT that wins the conflict issues;
 * 2. a pending address whose token expired: the UPDATE that finds it still expired issues;
 * 3. a pending address with a live token: waiting (its locale updated);
 * 4. a verified address: verified.
 * None answers when the address was forgotten between steps: the request starts again.
 */
async function requestConfirmation(pool: pg.Pool, asked: ConfirmationRequest): Promise<ConfirmationOutcome> {
  const { site, email, locale, tokenHash, expiresAtMs, nowMs } = asked;
  for (;;) {
    const inserted = await pool.query(
      `INSERT INTO email_addresses
         (site, email, state, locale, confirm_token_hash, confirm_expires_at_ms, created_at_ms)
       VALUES ($1, $2, 'pending', $3, $4, $5, $6)
       ON CONFLICT (site, email) DO NOTHING`,
      [site, email, locale, tokenHash, expiresAtMs, nowMs],
    );
    if (inserted.rowCount === 1) return 'issued';
    const reissued = await pool.query(
      `UPDATE email_addresses SET locale = $3, confirm_token_hash = $4, confirm_expires_at_ms = $5
       WHERE site = $1 AND email = $2 AND state = 'pending'
         AND (confirm_expires_at_ms IS NULL OR confirm_expires_at_ms <= $6)`,
      [site, email, locale, tokenHash, expiresAtMs, nowMs],
    );
    if (reissued.rowCount === 1) return 'issued';
    const waiting = await pool.query(
      `UPDATE email_addresses SET locale = $3
       WHERE site = $1 AND email = $2 AND state = 'pending' AND confirm_expires_at_ms > $4`,
      [site, email, locale, nowMs],
    );
    if (waiting.rowCount === 1) return 'waiting';
    const verified = await pool.query(
      `SELECT 1 FROM email_addresses WHERE site = $1 AND email = $2 AND state = 'verified'`,
      [site, email],
    );
    if (verified.rowCount === 1) return 'verified';
  }
}

/** Reply notifications' addresses, subscriptions and items in PostgreSQL. */
export function createPostgresNotifications(pool: pg.Pool): NotificationStore {
  return {
    async getEmailAddress(site, email) {
      const result = await pool.query<EmailAddressRow>(
        `SELECT ${emailAddressColumns} FROM email_addresses WHERE site = $1 AND email = $2`,
        [site, email],
      );
      const row = result.rows[0];
      return row ? toEmailAddressRecord(row) : null;
    },

    async requestConfirmation(asked) {
      return requestConfirmation(pool, asked);
    },

    async confirmEmailAddress(tokenHash, nowMs) {
      // A racing confirmation finds the token cleared once this one commits: it confirms nothing.
      const result = await pool.query<EmailAddressRow>(
        `UPDATE email_addresses
         SET state = 'verified', verified_at_ms = $2, confirm_token_hash = NULL, confirm_expires_at_ms = NULL
         WHERE confirm_token_hash = $1 AND state = 'pending' AND confirm_expires_at_ms > $2
         RETURNING ${emailAddressColumns}`,
        [tokenHash, nowMs],
      );
      const row = result.rows[0];
      return row ? toEmailAddressRecord(row) : null;
    },

    async verifyEmailAddress(site, email, locale, nowMs) {
      await pool.query(
        `INSERT INTO email_addresses (site, email, state, locale, verified_at_ms, created_at_ms)
         VALUES ($1, $2, 'verified', $3, $4, $4)
         ON CONFLICT (site, email) DO UPDATE SET state = 'verified', locale = EXCLUDED.locale,
           verified_at_ms = EXCLUDED.verified_at_ms, confirm_token_hash = NULL, confirm_expires_at_ms = NULL
         WHERE email_addresses.state = 'pending'`,
        [site, email, locale, nowMs],
      );
    },

    async subscribe({ site, email, thread, commentId }, nowMs) {
      await pool.query(
        `INSERT INTO subscriptions (site, email, thread, comment_id, created_at_ms)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [site, email, thread, commentId ?? wholeThread, nowMs],
      );
    },

    async unsubscribe(site, email, thread) {
      // A null thread matches every thread: the site's whole list.
      return withTransaction(pool, async (client) => {
        await client.query(
          `DELETE FROM notification_items
           WHERE site = $1 AND email = $2 AND sent_at_ms IS NULL AND ($3::text IS NULL OR thread = $3)`,
          [site, email, thread],
        );
        const result = await client.query(
          `DELETE FROM subscriptions WHERE site = $1 AND email = $2 AND ($3::text IS NULL OR thread = $3)`,
          [site, email, thread],
        );
        return result.rowCount ?? 0;
      });
    },

    async forgetEmailAddress(site, email) {
      await withTransaction(pool, async (client) => {
        for (const table of ['email_addresses', 'subscriptions', 'notification_items']) {
          await client.query(`DELETE FROM ${table} WHERE site = $1 AND email = $2`, [site, email]);
        }
        // No seq: the feed never carries an email, so readers have nothing to fetch again.
        await client.query('UPDATE comments SET email = NULL WHERE email = $1 AND site = $2', [email, site]);
      });
    },

    async listSubscribers(site, thread, parentId) {
      const result = await pool.query<Subscriber>(
        `SELECT a.email, a.locale,
           CASE WHEN MAX(CASE WHEN s.comment_id = '${wholeThread}' THEN 0 ELSE 1 END) = 1
             THEN 'reply' ELSE 'thread' END AS reason
         FROM subscriptions s JOIN email_addresses a ON a.site = s.site AND a.email = s.email
         WHERE s.site = $1 AND s.thread = $2 AND (s.comment_id = '${wholeThread}' OR s.comment_id = $3)
           AND a.state = 'verified'
         GROUP BY a.email, a.locale ORDER BY a.email`,
        [site, thread, parentId],
      );
      return result.rows;
    },

    async queueNotificationItems(items) {
      if (items.length === 0) return;
      const column = <K extends keyof (typeof items)[number]>(key: K) => items.map((item) => item[key]);
      // One statement: the batch is queued whole, and DO NOTHING skips duplicates within it too.
      await pool.query(
        `INSERT INTO notification_items (${notificationItemColumns})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
         ON CONFLICT (site, email, comment_id) DO NOTHING`,
        [
          column('site'),
          column('email'),
          column('commentId'),
          column('thread'),
          column('reason'),
          column('createdAtMs'),
          column('pageUrl'),
        ],
      );
    },

    async listPendingNotificationItems(site, email) {
      const result = await pool.query<NotificationItemRow>(
        `SELECT ${notificationItemColumns} FROM notification_items
         WHERE site = $1 AND email = $2 AND sent_at_ms IS NULL
         ORDER BY created_at_ms, comment_id COLLATE "C"`,
        [site, email],
      );
      return result.rows.map(toNotificationItem);
    },

    async markNotificationItemsSent(site, email, commentIds, nowMs) {
      // Nothing sent, no email left: the address's lastSentAtMs stays.
      if (commentIds.length === 0) return;
      await withTransaction(pool, async (client) => {
        await client.query(
          `UPDATE notification_items SET sent_at_ms = $1
           WHERE site = $2 AND email = $3 AND comment_id = ANY($4::text[]) AND sent_at_ms IS NULL`,
          [nowMs, site, email, [...commentIds]],
        );
        await client.query('UPDATE email_addresses SET last_sent_at_ms = $1 WHERE site = $2 AND email = $3', [
          nowMs,
          site,
          email,
        ]);
      });
    },
  };
}
