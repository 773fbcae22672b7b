import { ErrorCode } from '../protocol/errors.js';
import { WriteOp, WriteState, type OutboxRecord } from '../storage/db.js';

/** Whether a write is waiting for the page to hand the widget a fresh SSO token. */
export function isAwaitingToken(record: OutboxRecord): boolean {
  return record.state === WriteState.pending && record.lastError?.code === ErrorCode.ssoTokenExpired;
}

/** Pending writes that may go out once due: not refused, not waiting for a fresh token. */
function isSendable(record: OutboxRecord): boolean {
  return record.state === WriteState.pending && !isAwaitingToken(record);
}

/**
 * The writes to send now, in the order they were made. A write waits while it is not yet
 * due (backoff, Retry-After) or while its SSO token has expired, and a reply waits while the
 * comment it answers is itself still to be posted: the server would refuse a reply to a
 * parent it has not stored; a vote waits likewise for the post of its comment. Edits and deletes follow the post of their comment by
 * construction: the outbox holds one write per comment (outbox-merge.ts).
 */
export function selectDueWrites(records: readonly OutboxRecord[], nowMs: number): OutboxRecord[] {
  const queuedPosts = new Set(
    records.filter((record) => record.op === WriteOp.post).map((record) => record.id),
  );
  return records
    .filter(
      (record) =>
        isSendable(record) &&
        record.nextAttemptAtMs <= nowMs &&
        !(
          record.op === WriteOp.post &&
          record.payload.parentId &&
          queuedPosts.has(record.payload.parentId)
        ) &&
        !(record.op === WriteOp.vote && queuedPosts.has(record.payload.commentId)),
    )
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/** When the earliest waiting write falls due, or null when none is waiting. */
export function nextDueAtMs(records: readonly OutboxRecord[]): number | null {
  const due = records.filter(isSendable).map((record) => record.nextAttemptAtMs);
  return due.length > 0 ? Math.min(...due) : null;
}
