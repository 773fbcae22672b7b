import type { Comment, CommentStatus } from '../../../src/protocol/index.js';
import { toBodyTreeColumn } from './body-tree.js';
import type { AuditEntry, Ban, BanKind, CommentRecord } from './comment-store.js';

// Rows as SQLite returns them, and their mapping to the store's records: times are ms
// integers, booleans 0/1. The comment's `verified` and `avatarUrl` are the author's, stored once.

export interface CommentRow {
  id: string;
  site: string;
  thread: string;
  parent_id: string | null;
  author_name: string;
  body: string;
  status: string;
  created_at_ms: number;
  updated_at_ms: number;
  edited_at_ms: number | null;
  pinned: number;
  votes: number;
  seq: number;
  author_token_hash: string | null;
  user_id: string | null;
  email: string | null;
  ip_hash: string | null;
  verified: number;
  avatar_url: string | null;
  /** An author's held edit of a published comment (schema 5), with when it was sent. */
  pending_body: string | null;
  pending_at_ms: number | null;
  /** The body's tree for the feed (schema 6; see body-tree.ts): JSON, '' for a plain body, null from before. */
  body_tree: string | null;
}

export interface BanRow {
  id: number;
  site: string;
  kind: string;
  value: string;
  reason: string;
  created_at_ms: number;
  created_by: string;
}

export interface BanMatch {
  site: string;
  userId: string | null;
  email: string | null;
  ipHash: string | null;
}

export interface AuditRow {
  id: number;
  at_ms: number;
  actor: string;
  action: string;
  site: string;
  target: string;
  detail: string;
}

/** The comments table's columns, in one order for SELECT, INSERT and UPDATE. */
export const commentColumns = [
  'id, site, thread, parent_id, author_name, body, status, created_at_ms, updated_at_ms',
  'edited_at_ms, pinned, votes, seq, author_token_hash, user_id, email, ip_hash, verified, avatar_url',
  'pending_body, pending_at_ms, body_tree',
].join(', ');
/** The bans table's columns. */
export const banColumns = 'id, site, kind, value, reason, created_at_ms, created_by';

function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A row as the public comment. */
export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    thread: row.thread,
    parentId: row.parent_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: toIso(row.created_at_ms),
    updatedAt: toIso(row.updated_at_ms),
    status: row.status as CommentStatus,
    editedAt: row.edited_at_ms === null ? null : toIso(row.edited_at_ms),
    verified: row.verified === 1,
    avatarUrl: row.avatar_url,
    pinned: row.pinned === 1,
    votes: row.votes,
    seq: row.seq,
  };
}

/** A row as the comment with its private details. */
export function toRecord(row: CommentRow): CommentRecord {
  const record: CommentRecord = {
    site: row.site,
    comment: toComment(row),
    author: {
      authorTokenHash: row.author_token_hash,
      userId: row.user_id,
      email: row.email,
      ipHash: row.ip_hash,
      verified: row.verified === 1,
      avatarUrl: row.avatar_url,
    },
  };
  if (row.pending_body !== null) {
    record.pendingEdit = { body: row.pending_body, heldAt: toIso(row.pending_at_ms ?? row.updated_at_ms) };
  }
  return record;
}

/** The row for a record; its body's tree is made unless given. */
export function toRow(
  { site, comment, author, pendingEdit }: CommentRecord,
  bodyTree = toBodyTreeColumn(comment.body),
): CommentRow {
  return {
    id: comment.id,
    site,
    thread: comment.thread,
    parent_id: comment.parentId,
    author_name: comment.authorName,
    body: comment.body,
    status: comment.status,
    created_at_ms: Date.parse(comment.createdAt),
    updated_at_ms: Date.parse(comment.updatedAt),
    edited_at_ms: comment.editedAt ? Date.parse(comment.editedAt) : null,
    pinned: comment.pinned ? 1 : 0,
    votes: comment.votes ?? 0,
    seq: comment.seq,
    author_token_hash: author.authorTokenHash,
    user_id: author.userId,
    email: author.email,
    ip_hash: author.ipHash,
    verified: author.verified ? 1 : 0,
    avatar_url: comment.avatarUrl ?? null,
    pending_body: pendingEdit?.body ?? null,
    pending_at_ms: pendingEdit ? Date.parse(pendingEdit.heldAt) : null,
    body_tree: bodyTree,
  };
}

/** A row as a ban. */
export function toBan(row: BanRow): Ban {
  return {
    id: row.id,
    site: row.site,
    kind: row.kind as BanKind,
    value: row.value,
    reason: row.reason,
    createdAt: toIso(row.created_at_ms),
    createdBy: row.created_by,
  };
}

/** A row as an audit entry. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: toIso(row.at_ms),
    actor: row.actor,
    action: row.action,
    site: row.site,
    target: row.target,
    detail: row.detail,
  };
}
