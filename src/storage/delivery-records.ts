import type { ThreadComment } from '../internal/rich-text.js';
import { WriteOp, type AuthorshipRecord, type OutboxRecord, type VoteMark } from './db.js';

/** What a delivered write leaves besides the comment: a guest post's authorship, a vote's mark. */
export interface DeliveryRecords {
  authorship?: AuthorshipRecord;
  vote?: VoteMark;
}

/**
 * The records a delivered write adds: a guest's post its author token (and its edit window,
 * when the server gave one), so the reader can edit it later; a vote the reader's vote on the
 * comment, so it shows as theirs.
 */
export function deliveryRecords(
  record: OutboxRecord,
  comment: ThreadComment,
  nowMs: number,
  editableUntilMs: number | undefined,
): DeliveryRecords {
  const { endpoint, thread, id, token } = record;
  if (record.op === WriteOp.post && token && !record.isSso) {
    const authorship: AuthorshipRecord = { endpoint, id, thread, token, createdAtMs: nowMs };
    if (editableUntilMs !== undefined) authorship.editableUntilMs = editableUntilMs;
    return { authorship };
  }
  if (record.op === WriteOp.vote) {
    return { vote: { endpoint, thread, commentId: comment.id, isUp: record.payload.up, votedAtMs: nowMs } };
  }
  return {};
}
