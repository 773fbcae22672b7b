import {
  WriteOp,
  WriteState,
  type OutboxRecord,
  type OutboxRecordBase,
  type VotePayload,
  type VoteRecord,
} from './db.js';

/** What the reader asks to do to one of their comments. */
export type CommentChange = { op: typeof WriteOp.edit; body: string } | { op: typeof WriteOp.delete };

/** What a new edit or delete is queued with when nothing is queued for the comment yet. */
export type ChangeBase = Pick<OutboxRecordBase, 'id' | 'endpoint' | 'thread' | 'token' | 'isSso'>;

/**
 * The outbox holds at most one write per comment, so a change merges with what is queued:
 * - nothing queued: a new edit or delete.
 * - a queued post: an edit changes the text it will post. A delete turns it into a delete,
 *   which is still sent: the post may have reached the server already (its answer lost, or
 *   in flight), and a delete of a comment the server never stored is answered 404 and dropped.
 * - a queued edit: a new edit replaces it; a delete supersedes it.
 * - a queued delete: stays; a deleted comment has nothing left to change.
 * The result is pending and due now, keeps the queued write's token (a write queued as a guest
 * stays a guest's), and has its revision bumped so an older delivery cannot complete it.
 */
export function mergeChange(
  queued: OutboxRecord | undefined,
  change: CommentChange,
  base: ChangeBase,
  nowMs: number,
): OutboxRecord {
  if (queued?.op === WriteOp.delete) return queued;
  const fresh = {
    state: WriteState.pending,
    attempts: 0,
    nextAttemptAtMs: nowMs,
    lastError: null,
    revision: (queued?.revision ?? 0) + 1,
  };
  const common: OutboxRecordBase = queued
    ? { ...queued, ...fresh }
    : { ...base, createdAtMs: nowMs, ...fresh };
  if (!common.token) delete common.token;
  if (!common.isSso) delete common.isSso;
  if (change.op === WriteOp.delete) return { ...common, op: WriteOp.delete, payload: null };
  if (queued?.op === WriteOp.post) {
    return { ...common, op: WriteOp.post, payload: { ...queued.payload, body: change.body } };
  }
  return { ...common, op: WriteOp.edit, payload: { body: change.body } };
}

/** The outbox id of the vote on a comment: apart from the comment's own write, so neither replaces the other. */
export function voteWriteId(commentId: string): string {
  return `vote:${commentId}`;
}

/**
 * The vote to queue when the reader votes, given what is queued for it: the last intent wins,
 * so a second click before delivery replaces the first and only the final state is sent. The
 * token is the current one (a vote is the reader's now, not when first clicked); the result is
 * pending, due now, with its revision bumped so an older delivery cannot complete it.
 */
export function mergeVote(
  queued: OutboxRecord | undefined,
  payload: VotePayload,
  base: ChangeBase,
  nowMs: number,
): VoteRecord {
  const record: VoteRecord = {
    ...base,
    id: voteWriteId(payload.commentId),
    op: WriteOp.vote,
    payload,
    state: WriteState.pending,
    createdAtMs: queued?.createdAtMs ?? nowMs,
    attempts: 0,
    nextAttemptAtMs: nowMs,
    lastError: null,
    revision: (queued?.revision ?? 0) + 1,
  };
  if (!record.token) delete record.token;
  if (!record.isSso) delete record.isSso;
  return record;
}

/**
 * What stays queued once the server has answered `sent`, given what is queued now: nothing
 * when the reader has not touched it since; otherwise the reader's newer change, where a post
 * edited while in flight becomes an edit of the comment the server now holds.
 */
export function settleDelivered(
  current: OutboxRecord | undefined,
  sent: OutboxRecord,
): OutboxRecord | undefined {
  if (!current || (current.revision ?? 0) === (sent.revision ?? 0)) return undefined;
  if (current.op !== WriteOp.post || sent.op !== WriteOp.post) return current;
  return {
    ...current,
    op: WriteOp.edit,
    payload: { body: current.payload.body },
    attempts: 0,
    nextAttemptAtMs: 0,
  };
}

/** Whether `current` is still the version of the write that was sent (not changed since). */
export function isSameRevision(current: OutboxRecord | undefined, sent: OutboxRecord): boolean {
  return current !== undefined && (current.revision ?? 0) === (sent.revision ?? 0);
}
