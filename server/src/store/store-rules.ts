import { CommentStatus } from '../../../src/protocol/index.js';
import type { Ban, ChangeSpan, CommentRecord, CommentUpdate } from './comment-store.js';

/**
 * What a comment becomes after an update, shared by every backend so they agree exactly:
 * - every update takes `seq` and moves `updatedAt`;
 * - a new body sets `editedAt`;
 * - deleting empties body and name, unpins, and drops the author's private details (the
 *   tombstone keeps only what holds the thread's shape); a tombstone's content never changes
 *   again, though the update still takes a seq;
 * - a held edit goes with a new body (approved, or superseded by one that passed), with the
 *   tombstone, or when `pendingEdit: null` rejects it.
 */
export function applyUpdate(
  record: CommentRecord,
  update: CommentUpdate,
  nowMs: number,
  seq: number,
): Omit<CommentRecord, 'site'> {
  const at = new Date(nowMs).toISOString();
  const comment = { ...record.comment, updatedAt: at, seq };
  let author = { ...record.author };
  // A tombstone ignores every change, so a late approve or edit cannot bring it back.
  const isTombstone = record.comment.status === CommentStatus.deleted;
  if (update.body !== undefined && !isTombstone) {
    comment.body = update.body;
    comment.editedAt = at;
  }
  if (update.pinned !== undefined) comment.pinned = update.pinned;
  if (update.status !== undefined && !isTombstone) comment.status = update.status;
  if (comment.status === CommentStatus.deleted) {
    comment.body = '';
    comment.authorName = '';
    comment.pinned = false;
    comment.avatarUrl = null;
    author = { ...author, email: null, avatarUrl: null };
  }
  const isEditSettled =
    update.pendingEdit === null || update.body !== undefined || comment.status === CommentStatus.deleted;
  return record.pendingEdit && !isEditSettled
    ? { comment, author, pendingEdit: record.pendingEdit }
    : { comment, author };
}

/**
 * The mailbox an email address reaches, as bans compare it: trimmed, lowercased, and without a
 * `+tag` in the local part (`Bob+x@Example.org` → `bob@example.org`), so a banned author cannot
 * come back as a variant of the same address. The local part ends at the first `@`, as in the
 * SQL of {@link canonicalEmailSql}. Provider-specific rules (dots in Gmail) are not applied.
 */
export function canonicalizeEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.indexOf('@');
  const plus = lower.indexOf('+');
  return plus !== -1 && plus < at ? lower.slice(0, plus) + lower.slice(at) : lower;
}

/**
 * {@link canonicalizeEmail} of the column `value` in SQL (SQLite's `instr`, PostgreSQL's
 * `strpos`), so ban rows stored before bans were canonical match too. Both dialects' `substr`
 * count from 1. SQLite's `lower` folds ASCII only: an old row with non-ASCII capitals matches
 * only its own lowercase form.
 */
export function canonicalEmailSql(find: 'instr' | 'strpos'): string {
  const plus = `${find}(value, '+')`;
  const at = `${find}(value, '@')`;
  return `lower(CASE WHEN ${plus} > 0 AND ${plus} < ${at} THEN substr(value, 1, ${plus} - 1) || substr(value, ${at}) ELSE value END)`;
}

/** Whether a ban matches any of an author's identifiers (emails by their canonical form). */
export function matchesBan(
  ban: Pick<Ban, 'kind' | 'value'>,
  match: { userId: string | null; email: string | null; ipHash: string | null },
): boolean {
  if (ban.kind === 'email') {
    return match.email !== null && canonicalizeEmail(match.email) === canonicalizeEmail(ban.value);
  }
  const value = ban.kind === 'user' ? match.userId : match.ipHash;
  return value !== null && value === ban.value;
}

/**
 * The extent of a page from the seqs of up to `limit + 1` changes after `sinceSeq`, in order:
 * the extra one only says that another page follows.
 */
export function spanOf(seqs: readonly number[], sinceSeq: number, limit: number): ChangeSpan {
  const count = Math.max(0, limit);
  return { lastSeq: seqs[Math.min(seqs.length, count) - 1] ?? sinceSeq, more: seqs.length > count };
}
