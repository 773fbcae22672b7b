import { toBodyTreeColumn } from './body-tree.js';
import type { CommentInsert, CommentQuery, InsertResult, VoteResult } from './comment-store.js';
import { isSameComment } from './same-comment.js';
import { toComment, type CommentRow } from './sql-rows.js';

// The pure parts of inserts and votes in a row store, shared by the SQLite and PostgreSQL
// stores so they answer alike; each store reads the rows and writes inside its own transaction.

/** The answer to an insert whose id is already stored: `existing` for a retry of the same comment, else `conflict`. */
export function answerStoredId(stored: CommentRow, request: CommentInsert): InsertResult {
  const comment = toComment(stored);
  const isSame = stored.site === request.site && isSameComment(comment, request.thread, request.input);
  return { kind: isSame ? 'existing' : 'conflict', comment };
}

/** Whether `parent` (undefined or null when no row has its id) may parent a comment of `request`. */
export function isParentOf(parent: CommentRow | null | undefined, request: CommentInsert): boolean {
  return parent?.site === request.site && parent.thread === request.thread;
}

/** The row a new comment is stored as, with change seq `seq`. */
export function toInsertRow(request: CommentInsert, seq: number): CommentRow {
  const { site, thread, input, author, status, nowMs } = request;
  return {
    id: input.id,
    site,
    thread,
    parent_id: input.parentId ?? null,
    author_name: input.authorName,
    body: input.body,
    status,
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
    edited_at_ms: null,
    pinned: 0,
    votes: 0,
    seq,
    author_token_hash: author.authorTokenHash,
    user_id: author.userId,
    email: author.email,
    ip_hash: author.ipHash,
    verified: author.verified ? 1 : 0,
    avatar_url: author.avatarUrl,
    pending_body: null,
    pending_at_ms: null,
    body_tree: toBodyTreeColumn(input.body),
  };
}

/** Whether a vote on `site` may be cast on `stored`: the comment, or the answer that refuses it. */
export type VoteCheck = { kind: 'votable'; row: CommentRow } | { kind: 'refused'; result: VoteResult };

/**
 * Checks a vote against the row under its comment id (undefined or null when none):
 * `not-found` when no comment of `site` has it, `not-votable` when it is not published.
 */
export function checkVote(stored: CommentRow | null | undefined, site: string): VoteCheck {
  if (stored?.site !== site) return { kind: 'refused', result: { kind: 'not-found' } };
  if (stored.status !== 'published') {
    return { kind: 'refused', result: { kind: 'not-votable', comment: toComment(stored) } };
  }
  return { kind: 'votable', row: stored };
}

/** One condition of a comment query: `column operator value`, the value a bound parameter. */
export interface QueryCondition {
  column: 'site' | 'status' | 'thread' | 'user_id' | 'seq';
  operator: '=' | '<';
  value: string | number;
}

/**
 * The conditions of `query` that are set, in one order (site, status, thread, user, seq). A
 * query for held edits asks for published comments; the stores add `pending_body IS NOT NULL`
 * (see {@link hasPendingEditFilter}).
 */
export function toQueryConditions(query: CommentQuery): QueryCondition[] {
  const status = query.hasPendingEdit ? 'published' : query.status;
  const conditions: Array<Omit<QueryCondition, 'value'> & { value: string | number | undefined }> = [
    { column: 'site', operator: '=', value: query.site },
    { column: 'status', operator: '=', value: status },
    { column: 'thread', operator: '=', value: query.thread },
    { column: 'user_id', operator: '=', value: query.userId },
    { column: 'seq', operator: '<', value: query.beforeSeq },
  ];
  return conditions.filter((condition): condition is QueryCondition => condition.value !== undefined);
}

/** The SQL condition (both dialects) that keeps only comments with a held edit, or none. */
export function hasPendingEditFilter(query: CommentQuery): string[] {
  return query.hasPendingEdit ? ['pending_body IS NOT NULL'] : [];
}
