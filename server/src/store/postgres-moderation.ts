import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { CommentStore } from './comment-store.js';
import { banColumns, toAuditEntry, toBan, type AuditRow, type BanRow } from './sql-rows.js';
import { canonicalEmailSql, canonicalizeEmail } from './store-rules.js';

/** The store methods that keep moderation state besides comments. */
export type ModerationMethods = Pick<
  CommentStore,
  | 'getThreadState'
  | 'setThreadLocked'
  | 'addBan'
  | 'removeBan'
  | 'listBans'
  | 'findBan'
  | 'appendAudit'
  | 'listAudit'
  | 'readSecret'
>;

/** Thread locks, bans, the audit log and server secrets in PostgreSQL; none takes a seq. */
export function createPostgresModeration(pool: pg.Pool): ModerationMethods {
  return {
    async getThreadState(site, thread) {
      const result = await pool.query<{ locked: boolean }>(
        'SELECT locked FROM threads WHERE site = $1 AND thread = $2',
        [site, thread],
      );
      return { locked: result.rows[0]?.locked === true };
    },

    async setThreadLocked(site, thread, locked) {
      if (locked) {
        await pool.query(
          `INSERT INTO threads (site, thread, locked) VALUES ($1, $2, true)
           ON CONFLICT (site, thread) DO UPDATE SET locked = true`,
          [site, thread],
        );
      } else {
        await pool.query('DELETE FROM threads WHERE site = $1 AND thread = $2', [site, thread]);
      }
    },

    async addBan(ban, nowMs) {
      const result = await pool.query<BanRow>(
        `INSERT INTO bans (site, kind, value, reason, created_at_ms, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${banColumns}`,
        [ban.site, ban.kind, ban.value, ban.reason, nowMs, ban.createdBy],
      );
      const row = result.rows[0];
      if (!row) throw new Error('The ban was not stored.');
      return toBan(row);
    },

    async removeBan(id) {
      // An id past BIGINT matches nothing; PostgreSQL would refuse to compare it.
      if (!Number.isSafeInteger(id)) return false;
      const result = await pool.query('DELETE FROM bans WHERE id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    },

    async listBans(site) {
      const result = await pool.query<BanRow>(`SELECT ${banColumns} FROM bans WHERE site = $1 ORDER BY id`, [
        site,
      ]);
      return result.rows.map(toBan);
    },

    async findBan(site, match) {
      // A null never equals anything, so a missing identifier matches no ban.
      const result = await pool.query<BanRow>(
        `SELECT ${banColumns} FROM bans WHERE site = $1 AND (
           (kind = 'user' AND value = $2) OR (kind = 'email' AND ${canonicalEmailSql('strpos')} = $3)
           OR (kind = 'ip' AND value = $4)
         ) ORDER BY id LIMIT 1`,
        [site, match.userId, match.email === null ? null : canonicalizeEmail(match.email), match.ipHash],
      );
      const row = result.rows[0];
      return row ? toBan(row) : null;
    },

    async appendAudit(entry, nowMs) {
      await pool.query(
        `INSERT INTO audit (at_ms, actor, action, site, target, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
        [nowMs, entry.actor, entry.action, entry.site, entry.target, entry.detail],
      );
    },

    async listAudit(limit) {
      const result = await pool.query<AuditRow>(
        'SELECT id, at_ms, actor, action, site, target, detail FROM audit ORDER BY id DESC LIMIT $1',
        [Math.max(0, limit)],
      );
      return result.rows.map(toAuditEntry);
    },

    async readSecret(name) {
      const select = () => pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
      const known = (await select()).rows[0]?.value;
      if (known !== undefined) return known;
      // The second SELECT's fresh snapshot sees a value another process committed while this
      // INSERT waited on it, so racing processes all read the one that won.
      await pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        name,
        randomBytes(32).toString('base64url'),
      ]);
      const value = (await select()).rows[0]?.value;
      if (value === undefined) throw new Error(`The secret ${name} could not be stored.`);
      return value;
    },
  };
}
