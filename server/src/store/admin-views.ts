import type { CommentRecord } from './comment-store.js';

/** One thread of a site as moderators list it (`listThreads`). */
export interface ThreadSummary {
  thread: string;
  /** Its published comments. */
  published: number;
  /** Its comments waiting for a moderator (a held edit does not count: its comment is published). */
  held: number;
  /**
   * When its newest comment, of any status, was written, in ms since the epoch; null for a
   * locked thread that has no comment yet.
   */
  lastActivityMs: number | null;
  locked: boolean;
}

/** Where a page of `listThreads` goes on from: the last thread of the page before. */
export type ThreadCursor = Pick<ThreadSummary, 'thread' | 'lastActivityMs'>;

/** What waits for a moderator: held comments, and published comments with a held edit. */
export interface ModerationQueueCount {
  held: number;
  pendingEdits: number;
}

/**
 * What the admin page reads beyond the comment lists: a site's threads, the size of the
 * moderation queue, and comments by id. Every backend passes test/server/store-contract-threads.ts.
 */
export interface AdminViewStore {
  /**
   * A site's threads, newest activity first (then by key, in UTF-8 byte order), at most
   * `limit`, after `before` when given: every thread with a comment of any status, then the
   * locked threads with none, by key. Reads every comment of the site: a page costs as much
   * as the site's size, not the page's.
   */
  listThreads(site: string, options: { limit: number; before?: ThreadCursor }): Promise<ThreadSummary[]>;
  /** The moderation queue on one site, or every site without `site`; answered from indexes. */
  countModerationQueue(site?: string): Promise<ModerationQueueCount>;
  /** The comments with these ids that exist, in no particular order. */
  getComments(ids: readonly string[]): Promise<CommentRecord[]>;
}

/** Whether `summary` comes after `cursor` in `listThreads` order. */
export function isAfterThreadCursor(summary: ThreadCursor, cursor: ThreadCursor): boolean {
  const a = summary.lastActivityMs ?? -1;
  const b = cursor.lastActivityMs ?? -1;
  return a < b || (a === b && compareUtf8(summary.thread, cursor.thread) > 0);
}

/** `listThreads` order: newest activity first, then the key in UTF-8 byte order, as SQL's binary collation. */
export function compareThreadSummaries(a: ThreadCursor, b: ThreadCursor): number {
  return (b.lastActivityMs ?? -1) - (a.lastActivityMs ?? -1) || compareUtf8(a.thread, b.thread);
}

/** Byte order of two strings' UTF-8, as SQL's binary collation (and PostgreSQL's `COLLATE "C"`) sorts them. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The SQL of `listThreads` in both dialects, with named parameters `site`, `afterMs`
 * (-1 for a cursor on a thread without comments, null for no cursor), `afterThread` and `limit`.
 * Threads without comments sort as if written at -1 ms. `collate` makes text compare by bytes.
 */
export function threadListSql(param: (name: string) => string, collate: string, locked: string): string {
  const site = param('site');
  const afterMs = param('afterMs');
  return `
    WITH summary AS (
      SELECT thread, MAX(created_at_ms) AS last_ms,
        COUNT(CASE WHEN status = 'published' THEN 1 END) AS published,
        COUNT(CASE WHEN status = 'held' THEN 1 END) AS held
      FROM comments WHERE site = ${site} GROUP BY thread
      UNION ALL
      SELECT thread, -1, 0, 0 FROM threads t
      WHERE site = ${site} AND locked = ${locked}
        AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.site = t.site AND c.thread = t.thread)
    )
    SELECT s.thread, s.last_ms, s.published, s.held,
      EXISTS (SELECT 1 FROM threads l WHERE l.site = ${site} AND l.thread = s.thread AND l.locked = ${locked}) AS locked
    FROM summary s
    WHERE ${afterMs} IS NULL OR s.last_ms < ${afterMs}
      OR (s.last_ms = ${afterMs} AND s.thread ${collate} > ${param('afterThread')} ${collate})
    ORDER BY s.last_ms DESC, s.thread ${collate} ASC
    LIMIT ${param('limit')}`;
}

/** A row of {@link threadListSql} as the summary. */
export function toThreadSummary(row: {
  thread: string;
  last_ms: number;
  published: number;
  held: number;
  locked: number | boolean;
}): ThreadSummary {
  return {
    thread: row.thread,
    published: Number(row.published),
    held: Number(row.held),
    lastActivityMs: Number(row.last_ms) < 0 ? null : Number(row.last_ms),
    locked: row.locked === true || row.locked === 1,
  };
}
