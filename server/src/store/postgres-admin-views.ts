import type pg from 'pg';
import { threadListSql, toThreadSummary, type AdminViewStore } from './admin-views.js';
import { fromPgRow, pgColumns, type PgCommentRow } from './postgres-rows.js';
import { toRecord } from './sql-rows.js';

/** The parameters of the thread list, in order, each typed for a NULL PostgreSQL cannot infer. */
const threadListParams = { site: '$1::text', afterMs: '$2::bigint', afterThread: '$3::text', limit: '$4' };

/** The admin page's views of PostgreSQL: a site's threads, the moderation queue's size, comments by id. */
export function createPostgresAdminViews(pool: pg.Pool): AdminViewStore {
  const threadList = threadListSql(
    (name) => threadListParams[name as keyof typeof threadListParams],
    'COLLATE "C"',
    'true',
  );

  return {
    async listThreads(site, { limit, before }) {
      const result = await pool.query<{
        thread: string;
        last_ms: number;
        published: number;
        held: number;
        locked: boolean;
      }>(threadList, [
        site,
        before === undefined ? null : (before.lastActivityMs ?? -1),
        before?.thread ?? '',
        Math.max(0, limit),
      ]);
      return result.rows.map(toThreadSummary);
    },

    async countModerationQueue(site) {
      // Two counts, each from its own index: comments_status_seq and comments_pending_edits.
      const result = await pool.query<{ held: number; pending_edits: number }>(
        `SELECT
           (SELECT COUNT(*) FROM comments WHERE status = 'held' AND ($1::text IS NULL OR site = $1)) AS held,
           (SELECT COUNT(*) FROM comments WHERE pending_body IS NOT NULL AND status = 'published'
              AND ($1::text IS NULL OR site = $1)) AS pending_edits`,
        [site ?? null],
      );
      const row = result.rows[0];
      return { held: row?.held ?? 0, pendingEdits: row?.pending_edits ?? 0 };
    },

    async getComments(ids) {
      if (ids.length === 0) return [];
      const result = await pool.query<PgCommentRow>(
        `SELECT ${pgColumns} FROM comments WHERE id = ANY ($1::text[])`,
        [[...new Set(ids)]],
      );
      return result.rows.map((row) => toRecord(fromPgRow(row)));
    },
  };
}
