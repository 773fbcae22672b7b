import type { CommentRow } from './sql-rows.js';

// Rows as PostgreSQL returns them (BIGINTs already numbers, see postgres-pool.ts), mapped to
// SQLite's row shape so both dialects share one mapping to the store's records (sql-rows.ts).

/** A comments row from PostgreSQL: like SQLite's, with real booleans. */
export interface PgCommentRow extends Omit<CommentRow, 'pinned' | 'verified'> {
  pinned: boolean;
  verified: boolean;
}

/** The comments table's columns, in the order of {@link toPgParams}. */
export const pgCommentColumns = [
  'id',
  'site',
  'thread',
  'parent_id',
  'author_name',
  'body',
  'status',
  'created_at_ms',
  'updated_at_ms',
  'edited_at_ms',
  'pinned',
  'votes',
  'seq',
  'author_token_hash',
  'user_id',
  'email',
  'ip_hash',
  'verified',
  'avatar_url',
  'pending_body',
  'pending_at_ms',
  'body_tree',
] as const;

/** The column list for SELECT and RETURNING. */
export const pgColumns = pgCommentColumns.join(', ');

/** A PostgreSQL row in SQLite's shape. */
export function fromPgRow(row: PgCommentRow): CommentRow {
  return { ...row, pinned: row.pinned ? 1 : 0, verified: row.verified ? 1 : 0 };
}

/** A row's values as query parameters, in {@link pgCommentColumns} order. */
export function toPgParams(row: CommentRow): unknown[] {
  const pgRow: PgCommentRow = { ...row, pinned: row.pinned === 1, verified: row.verified === 1 };
  return pgCommentColumns.map((column) => pgRow[column]);
}
