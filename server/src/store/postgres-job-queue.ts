import type pg from 'pg';
import {
  compareJobIds,
  jobColumns,
  toJobConditions,
  toJobRecord,
  type JobQueueStore,
  type JobRow,
} from './job-queue.js';

/**
 * The job queue in PostgreSQL, shared by every process on the database. A claim locks the due
 * rows it takes with `FOR UPDATE SKIP LOCKED`, so concurrent claims in several processes take
 * different jobs instead of waiting for each other or taking the same one.
 */
export function createPostgresJobQueue(pool: pg.Pool): JobQueueStore {
  return {
    async enqueueJob({ id, kind, payload, runAtMs, subject = null }, nowMs) {
      const result = await pool.query(
        `INSERT INTO jobs (id, kind, payload, subject, state, attempts, run_at_ms, created_at_ms)
         VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [id, kind, JSON.stringify(payload), subject, runAtMs, nowMs],
      );
      return result.rowCount === 1;
    },

    async claimJobs({ kinds, limit, leaseMs, nowMs }) {
      if (limit <= 0 || kinds.length === 0) return [];
      const result = await pool.query<JobRow>(
        `UPDATE jobs SET state = 'running', attempts = attempts + 1, run_at_ms = $2
         WHERE id IN (
           SELECT id FROM jobs
           WHERE state IN ('queued', 'running') AND run_at_ms <= $1 AND kind = ANY($3::text[])
           ORDER BY run_at_ms, id LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         RETURNING ${jobColumns}`,
        [nowMs, nowMs + leaseMs, [...kinds], limit],
      );
      return result.rows.map(toJobRecord).sort(compareJobIds);
    },

    async completeJob(id, attempt, nowMs) {
      const result = await pool.query(
        `UPDATE jobs SET state = 'done', finished_at_ms = $1, last_error = NULL
         WHERE id = $2 AND state = 'running' AND attempts = $3`,
        [nowMs, id, attempt],
      );
      return result.rowCount === 1;
    },

    async failJob(id, attempt, error, retryAtMs, nowMs) {
      const result =
        retryAtMs === null
          ? await pool.query(
              `UPDATE jobs SET state = 'failed', finished_at_ms = $1, last_error = $2
               WHERE id = $3 AND state = 'running' AND attempts = $4`,
              [nowMs, error, id, attempt],
            )
          : await pool.query(
              `UPDATE jobs SET state = 'queued', run_at_ms = $1, last_error = $2
               WHERE id = $3 AND state = 'running' AND attempts = $4`,
              [retryAtMs, error, id, attempt],
            );
      return result.rowCount === 1;
    },

    async cancelJobs(subject, nowMs) {
      const result = await pool.query(
        `UPDATE jobs SET state = 'cancelled', finished_at_ms = $1 WHERE subject = $2 AND state = 'queued'`,
        [nowMs, subject],
      );
      return result.rowCount ?? 0;
    },

    async getJob(id) {
      const result = await pool.query<JobRow>(`SELECT ${jobColumns} FROM jobs WHERE id = $1`, [id]);
      const row = result.rows[0];
      return row ? toJobRecord(row) : null;
    },

    async getJobs(ids) {
      if (ids.length === 0) return [];
      const result = await pool.query<JobRow>(`SELECT ${jobColumns} FROM jobs WHERE id = ANY ($1::text[])`, [
        [...new Set(ids)],
      ]);
      return result.rows.map(toJobRecord);
    },

    async listJobs(query) {
      const conditions = toJobConditions(query);
      const where = conditions.map(({ column, operator }, index) => `${column} ${operator} $${index + 1}`);
      const result = await pool.query<JobRow>(
        `SELECT ${jobColumns} FROM jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at_ms DESC, id DESC LIMIT $${conditions.length + 1}`,
        [...conditions.map((condition) => condition.value), Math.max(0, query.limit)],
      );
      return result.rows.map(toJobRecord);
    },

    async purgeJobs(beforeMs) {
      const result = await pool.query(
        `DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at_ms < $1`,
        [beforeMs],
      );
      return result.rowCount ?? 0;
    },
  };
}
