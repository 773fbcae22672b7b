import type pg from 'pg';
import { createPurgeSchedule, type AbuseStateStore, type RateCounter } from './abuse-state.js';

/**
 * Spent solutions and rate counters in PostgreSQL, shared by every process on the database.
 * Each operation is one statement, so concurrent processes never both claim one solution.
 */
export function createPostgresAbuseState(pool: pg.Pool): AbuseStateStore {
  const isSolutionPurgeDue = createPurgeSchedule();
  const isCounterPurgeDue = createPurgeSchedule();

  return {
    async claimSolution(key, expiresMs, nowMs) {
      if (isSolutionPurgeDue(nowMs)) {
        await pool.query('DELETE FROM used_solutions WHERE expires_at_ms <= $1', [nowMs]);
      }
      // On a conflict the WHERE is checked against the committed row, after any racing
      // claim has committed: an unexpired key returns no row, so only one claim wins.
      const result = await pool.query(
        `INSERT INTO used_solutions (key, expires_at_ms) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
         WHERE used_solutions.expires_at_ms <= $3
         RETURNING key`,
        [key, expiresMs, nowMs],
      );
      return result.rowCount === 1;
    },

    async releaseSolution(key) {
      await pool.query('DELETE FROM used_solutions WHERE key = $1', [key]);
    },

    async hitRateCounter(key, windowMs, nowMs): Promise<RateCounter> {
      if (isCounterPurgeDue(nowMs)) {
        await pool.query('DELETE FROM rate_counters WHERE reset_at_ms <= $1', [nowMs]);
      }
      const result = await pool.query<{ count: number; reset_at_ms: number }>(
        `INSERT INTO rate_counters AS counter (key, count, reset_at_ms) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN counter.reset_at_ms <= $2::bigint THEN 1 ELSE counter.count + 1 END,
           reset_at_ms = CASE WHEN counter.reset_at_ms <= $2::bigint
             THEN $2::bigint + $3::bigint ELSE counter.reset_at_ms END
         RETURNING count, reset_at_ms`,
        [key, nowMs, windowMs],
      );
      const row = result.rows[0];
      if (!row) throw new Error(`The rate counter ${key} was not stored.`);
      return { count: row.count, resetMs: row.reset_at_ms };
    },

    async refundRateCounter(key, nowMs) {
      await pool.query(
        'UPDATE rate_counters SET count = count - 1 WHERE key = $1 AND reset_at_ms > $2 AND count > 0',
        [key, nowMs],
      );
    },
  };
}
