import type Database from 'better-sqlite3';
import { createPurgeSchedule, type AbuseStateStore } from './abuse-state.js';

/**
 * Spent solutions and rate counters in the SQLite file, shared by every process on it. Each
 * operation is one statement, and SQLite runs one writer at a time, so a claim is atomic.
 */
export function createSqliteAbuseState(db: Database.Database): AbuseStateStore {
  // The WHERE keeps an unexpired claim: the upsert then changes no row and this claim loses.
  const claim = db.prepare<[{ key: string; expiresMs: number; nowMs: number }]>(
    `INSERT INTO used_solutions (key, expires_at_ms) VALUES (@key, @expiresMs)
     ON CONFLICT (key) DO UPDATE SET expires_at_ms = excluded.expires_at_ms
     WHERE used_solutions.expires_at_ms <= @nowMs`,
  );
  const release = db.prepare<[string]>('DELETE FROM used_solutions WHERE key = ?');
  const purgeSolutions = db.prepare<[number]>('DELETE FROM used_solutions WHERE expires_at_ms <= ?');
  const hit = db.prepare<
    [{ key: string; nowMs: number; windowMs: number }],
    { count: number; reset_at_ms: number }
  >(
    `INSERT INTO rate_counters (key, count, reset_at_ms) VALUES (@key, 1, @nowMs + @windowMs)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN reset_at_ms <= @nowMs THEN 1 ELSE count + 1 END,
       reset_at_ms = CASE WHEN reset_at_ms <= @nowMs THEN @nowMs + @windowMs ELSE reset_at_ms END
     RETURNING count, reset_at_ms`,
  );
  const refund = db.prepare<[string, number]>(
    'UPDATE rate_counters SET count = count - 1 WHERE key = ? AND reset_at_ms > ? AND count > 0',
  );
  const purgeCounters = db.prepare<[number]>('DELETE FROM rate_counters WHERE reset_at_ms <= ?');
  const isSolutionPurgeDue = createPurgeSchedule();
  const isCounterPurgeDue = createPurgeSchedule();

  return {
    async claimSolution(key, expiresMs, nowMs) {
      if (isSolutionPurgeDue(nowMs)) purgeSolutions.run(nowMs);
      return claim.run({ key, expiresMs, nowMs }).changes === 1;
    },

    async releaseSolution(key) {
      release.run(key);
    },

    async hitRateCounter(key, windowMs, nowMs) {
      if (isCounterPurgeDue(nowMs)) purgeCounters.run(nowMs);
      const row = hit.get({ key, nowMs, windowMs });
      if (!row) throw new Error(`The rate counter ${key} was not stored.`);
      return { count: row.count, resetMs: row.reset_at_ms };
    },

    async refundRateCounter(key, nowMs) {
      refund.run(key, nowMs);
    },
  };
}
