import type Database from 'better-sqlite3';
import {
  compareJobIds,
  jobColumns,
  toJobConditions,
  toJobRecord,
  type JobQueueStore,
  type JobRow,
} from './job-queue.js';

/**
 * The job queue in the SQLite file, shared by every process on it. SQLite runs one writer at a
 * time, so a claim (one UPDATE over the due rows it selects) never takes a job another claim
 * holds.
 */
export function createSqliteJobQueue(db: Database.Database): JobQueueStore {
  const insert = db.prepare<
    [{ id: string; kind: string; payload: string; subject: string | null; runAtMs: number; nowMs: number }]
  >(
    `INSERT INTO jobs (id, kind, payload, subject, state, attempts, run_at_ms, created_at_ms)
     VALUES (@id, @kind, @payload, @subject, 'queued', 0, @runAtMs, @nowMs)
     ON CONFLICT (id) DO NOTHING`,
  );
  const claim = db.prepare<[{ nowMs: number; leaseEndMs: number; kinds: string; limit: number }], JobRow>(
    `UPDATE jobs SET state = 'running', attempts = attempts + 1, run_at_ms = @leaseEndMs
     WHERE id IN (
       SELECT id FROM jobs
       WHERE state IN ('queued', 'running') AND run_at_ms <= @nowMs
         AND kind IN (SELECT value FROM json_each(@kinds))
       ORDER BY run_at_ms, id LIMIT @limit
     )
     RETURNING ${jobColumns}`,
  );
  const complete = db.prepare<[number, string, number]>(
    `UPDATE jobs SET state = 'done', finished_at_ms = ?, last_error = NULL
     WHERE id = ? AND state = 'running' AND attempts = ?`,
  );
  const retry = db.prepare<[number, string, string, number]>(
    `UPDATE jobs SET state = 'queued', run_at_ms = ?, last_error = ?
     WHERE id = ? AND state = 'running' AND attempts = ?`,
  );
  const giveUp = db.prepare<[number, string, string, number]>(
    `UPDATE jobs SET state = 'failed', finished_at_ms = ?, last_error = ?
     WHERE id = ? AND state = 'running' AND attempts = ?`,
  );
  const cancel = db.prepare<[number, string]>(
    `UPDATE jobs SET state = 'cancelled', finished_at_ms = ? WHERE subject = ? AND state = 'queued'`,
  );
  const selectOne = db.prepare<[string], JobRow>(`SELECT ${jobColumns} FROM jobs WHERE id = ?`);
  // json_each takes the whole list as one parameter, however many ids are asked.
  const selectMany = db.prepare<[string], JobRow>(
    `SELECT ${jobColumns} FROM jobs WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const purge = db.prepare<[number]>(
    `DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at_ms < ?`,
  );

  return {
    async enqueueJob({ id, kind, payload, runAtMs, subject = null }, nowMs) {
      return (
        insert.run({ id, kind, payload: JSON.stringify(payload), subject, runAtMs, nowMs }).changes === 1
      );
    },

    async claimJobs({ kinds, limit, leaseMs, nowMs }) {
      if (limit <= 0 || kinds.length === 0) return [];
      const rows = claim.all({ nowMs, leaseEndMs: nowMs + leaseMs, kinds: JSON.stringify(kinds), limit });
      return rows.map(toJobRecord).sort(compareJobIds);
    },

    async completeJob(id, attempt, nowMs) {
      return complete.run(nowMs, id, attempt).changes === 1;
    },

    async failJob(id, attempt, error, retryAtMs, nowMs) {
      const result =
        retryAtMs === null ? giveUp.run(nowMs, error, id, attempt) : retry.run(retryAtMs, error, id, attempt);
      return result.changes === 1;
    },

    async cancelJobs(subject, nowMs) {
      return cancel.run(nowMs, subject).changes;
    },

    async getJob(id) {
      const row = selectOne.get(id);
      return row ? toJobRecord(row) : null;
    },

    async getJobs(ids) {
      if (ids.length === 0) return [];
      return selectMany.all(JSON.stringify([...new Set(ids)])).map(toJobRecord);
    },

    async listJobs(query) {
      const conditions = toJobConditions(query);
      const where = conditions.map(({ column, operator }) => `${column} ${operator} ?`);
      const rows = db
        .prepare<Array<string | number>, JobRow>(
          `SELECT ${jobColumns} FROM jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY created_at_ms DESC, id DESC LIMIT ?`,
        )
        .all(...conditions.map((condition) => condition.value), Math.max(0, query.limit));
      return rows.map(toJobRecord);
    },

    async purgeJobs(beforeMs) {
      return purge.run(beforeMs).changes;
    },
  };
}
