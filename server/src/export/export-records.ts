import {
  ExportRecordType,
  exportFormatName,
  exportFormatVersion,
  type ExportBan,
  type ExportComment,
  type ExportHeader,
  type ExportThread,
  type ExportVote,
} from '../../../src/protocol/export-format.js';
import type { Ban, CommentRecord } from '../store/comment-store.js';
import type { StoredVote } from '../store/site-transfer-store.js';

// How the store's rows become the export's records (docs/export-format.md), one object each,
// with their keys in the documented order. No I/O.

/** Line 1: which site, when, and whether the private fields and records follow. */
export function toExportHeader(site: string, nowMs: number, includesPrivate: boolean): ExportHeader {
  return {
    format: exportFormatName,
    version: exportFormatVersion,
    site,
    exportedAt: new Date(nowMs).toISOString(),
    includesPrivate,
  };
}

/** A locked thread's record. */
export function toExportThread(key: string): ExportThread {
  return { type: ExportRecordType.thread, key, locked: true };
}

/**
 * A comment's record; with `includePrivate`, its author's email, user id, token hash and IP
 * hash too (null when unknown). A held edit is left out: the export carries the approved text.
 */
export function toExportComment({ comment, author }: CommentRecord, includePrivate: boolean): ExportComment {
  const record: ExportComment = {
    type: ExportRecordType.comment,
    id: comment.id,
    thread: comment.thread,
    parentId: comment.parentId,
    authorName: comment.authorName,
    body: comment.body,
    status: comment.status,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    editedAt: comment.editedAt ?? null,
    verified: comment.verified ?? author.verified,
    avatarUrl: comment.avatarUrl ?? author.avatarUrl,
    pinned: comment.pinned ?? false,
    votes: comment.votes ?? 0,
  };
  if (!includePrivate) return record;
  return {
    ...record,
    email: author.email,
    userId: author.userId,
    authorTokenHash: author.authorTokenHash,
    ipHash: author.ipHash,
  };
}

/** A vote's record, with the thread of the comment voted on. */
export function toExportVote(vote: StoredVote, thread: string): ExportVote {
  return {
    type: ExportRecordType.vote,
    commentId: vote.commentId,
    thread,
    voterKey: vote.voterKey,
    createdAt: new Date(vote.createdAtMs).toISOString(),
  };
}

/** A ban's record. */
export function toExportBan(ban: Ban): ExportBan {
  return {
    type: ExportRecordType.ban,
    kind: ban.kind,
    value: ban.value,
    reason: ban.reason,
    createdAt: ban.createdAt,
    createdBy: ban.createdBy,
  };
}
