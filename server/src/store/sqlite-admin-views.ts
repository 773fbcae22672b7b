import type Database from 'better-sqlite3';
import { threadListSql, toThreadSummary, type AdminViewStore } from './admin-views.js';
import { commentColumns, toRecord, type CommentRow } from './sql-rows.js';

interface ThreadListRow {
  thread: string;
  last_ms: number;
  published: number;
  held: number;
  locked: number;
}

/** The admin page's views of the SQLite file: its threads, the moderation queue's size, comments by id. */
export function createSqliteAdminViews(db: Database.Database): AdminViewStore {
  const selectThreads = db.prepare<
    [{ site: string; afterMs: number | null; afterThread: string; limit: number }],
    ThreadListRow
  >(threadListSql((name) => `@${name}`, 'COLLATE BINARY', '1'));
  // Two counts, each from its own index: comments_status_seq and comments_pending_edits.
  const countQueue = db.prepare<[{ site: string | null }], { held: number; pending_edits: number }>(
    `SELECT
       (SELECT COUNT(*) FROM comments WHERE status = 'held' AND (@site IS NULL OR site = @site)) AS held,
       (SELECT COUNT(*) FROM comments WHERE pending_body IS NOT NULL AND status = 'published'
          AND (@site IS NULL OR site = @site)) AS pending_edits`,
  );
  // json_each takes the whole list as one parameter, however many ids are asked.
  const selectByIds = db.prepare<[string], CommentRow>(
    `SELECT ${commentColumns} FROM comments WHERE id IN (SELECT value FROM json_each(?))`,
  );

  return {
    async listThreads(site, { limit, before }) {
      const rows = selectThreads.all({
        site,
        afterMs: before === undefined ? null : (before.lastActivityMs ?? -1),
        afterThread: before?.thread ?? '',
        limit: Math.max(0, limit),
      });
      return rows.map(toThreadSummary);
    },

    async countModerationQueue(site) {
      const row = countQueue.get({ site: site ?? null });
      return { held: row?.held ?? 0, pendingEdits: row?.pending_edits ?? 0 };
    },

    async getComments(ids) {
      if (ids.length === 0) return [];
      return selectByIds.all(JSON.stringify([...new Set(ids)])).map(toRecord);
    },
  };
}
