import { CommentStatus, type Comment } from '../../../src/protocol/index.js';
import type { AuditAction } from '../admin/audit-log.js';
import type { AppDeps } from '../app-deps.js';
import { CommentEvent } from '../jobs/comment-events.js';
import type { CommentRecord } from '../store/comment-store.js';

/** What a moderator's status change needs of the app. */
export type ModerationDeps = Pick<AppDeps, 'store' | 'config' | 'changes' | 'queueEvent' | 'audit'>;

/** A moderator's decision on one comment: who, what it becomes, and how the audit log names it. */
export interface StatusChange {
  /** The admin's name, as the audit log shows it. */
  adminName: string;
  record: CommentRecord;
  /** `published` (approve) or `deleted` (reject, delete). */
  status: typeof CommentStatus.published | typeof CommentStatus.deleted;
  action: AuditAction;
  /** How the decision arrived when not through the admin API, for the audit entry's detail. */
  via?: string;
}

/**
 * What a status change did: `changed`, with the comment as stored; `deleted` when it had become
 * a tombstone meanwhile (a tombstone never comes back: nothing is queued or audited); `missing`
 * when no comment has the id.
 */
export type StatusChangeResult =
  { kind: 'changed'; comment: Comment } | { kind: 'deleted'; comment: Comment } | { kind: 'missing' };

/**
 * Moves a comment to a moderator's status, the one path the admin API and the links in
 * moderators' emails share.
 *
 * Invariants, in this order:
 * - the update takes a new seq, and readers' streams hear of it once it is committed;
 * - only a change that took effect queues its event (`approved` or `deleted`) and writes an
 *   audit entry with the admin's name, the thread and the status it had.
 */
export async function changeCommentStatus(
  deps: ModerationDeps,
  change: StatusChange,
): Promise<StatusChangeResult> {
  const { record, status } = change;
  const updated = await deps.store.updateComment(record.comment.id, { status }, deps.config.now());
  if (!updated) return { kind: 'missing' };
  deps.changes.publish({ site: record.site, thread: updated.thread, seq: updated.seq });
  // Another moderator may have deleted it since the caller looked.
  if (updated.status !== status) return { kind: 'deleted', comment: updated };
  const event = status === CommentStatus.deleted ? CommentEvent.deleted : CommentEvent.approved;
  await deps.queueEvent(event, record.site, updated);
  await deps.audit(change.adminName, {
    action: change.action,
    site: record.site,
    target: record.comment.id,
    detail: `thread ${record.comment.thread}; was ${record.comment.status}${change.via ? `; ${change.via}` : ''}`,
  });
  return { kind: 'changed', comment: updated };
}
