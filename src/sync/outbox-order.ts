import { WriteState, type OutboxRecord } from '../storage/db.js';

/**
 * The writes to send now, in the order they were made. A write waits while it is not yet
 * due (backoff, Retry-After), and a reply waits while the comment it answers is itself still
 * in the outbox: the server would refuse a reply to a parent it has not stored.
 */
export function selectDueWrites(records: readonly OutboxRecord[], nowMs: number): OutboxRecord[] {
  const queuedIds = new Set(records.map((record) => record.id));
  return records
    .filter(
      (record) =>
        record.state === WriteState.pending &&
        record.nextAttemptAtMs <= nowMs &&
        !(record.payload.parentId && queuedIds.has(record.payload.parentId)),
    )
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/** When the earliest waiting write falls due, or null when none is waiting. */
export function nextDueAtMs(records: readonly OutboxRecord[]): number | null {
  const due = records
    .filter((record) => record.state === WriteState.pending)
    .map((record) => record.nextAttemptAtMs);
  return due.length > 0 ? Math.min(...due) : null;
}
