import { CommentStatus, type Comment } from '../../../src/protocol/index.js';
import type { AuditAction } from '../admin/audit-log.js';
import type { AppDeps } from '../app-deps.js';
import { CommentEvent } from '../jobs/comment-events.js';
import type { CommentRecord } from '../store/comment-store.js';

/** What a moderator's status change needs of the app. */
export type ModerationDeps = Pick<AppDeps, 'store' | 'config' | 'changes' | 'queueEvent' | 'audit'>;

/** What a moderator decides a comment becomes: a status (approve, reject, delete), or pinned or not. */
export type ModeratorUpdate =
  { status: typeof CommentStatus.published | typeof CommentStatus.deleted } | { pinned: boolean };

/** A moderator's decision on one comment: who, what it becomes, and how the audit log names it. */
export type ModeratorChange = ModeratorUpdate & {
  /** The admin's name, as the audit log shows it. */
  adminName: string;
  record: CommentRecord;
  action: AuditAction;
  /** How the decision arrived when not through the admin API, for the audit entry's detail. */
  via?: string;
};

/**
 * What a change did: `changed`, with the comment as stored; `deleted` when it had become a
 * tombstone meanwhile (a tombstone never comes back: nothing is queued or audited); `missing`
 * when no comment has the id.
 */
export type ModerationResult =
  { kind: 'changed'; comment: Comment } | { kind: 'deleted'; comment: Comment } | { kind: 'missing' };

/**
 * Applies a moderator's decision to a comment, the one path the admin API (approve, reject,
 * delete, pin) and the links in moderators' emails share.
 *
 * Invariants, in this order:
 * - the update takes a new seq, and readers' streams hear of it once it is committed;
 * - only a change that took effect writes an audit entry with the admin's name and the thread
 *   (and, for a status, the status it had), and a status change queues its event (`approved` or
 *   `deleted`); pinning is no comment event.
 */
export async function moderateComment(
  deps: ModerationDeps,
  change: ModeratorChange,
): Promise<ModerationResult> {
  const { record } = change;
  const status = 'status' in change ? change.status : null;
  const update = 'status' in change ? { status: change.status } : { pinned: change.pinned };
  const updated = await deps.store.updateComment(record.comment.id, update, deps.config.now());
  if (!updated) return { kind: 'missing' };
  deps.changes.publish({ site: record.site, thread: updated.thread, seq: updated.seq });
  // Another moderator may have deleted it since the caller looked.
  if (updated.status === CommentStatus.deleted && status !== CommentStatus.deleted) {
    return { kind: 'deleted', comment: updated };
  }
  const was = status ? `; was ${record.comment.status}` : '';
  if (status) {
    const event = status === CommentStatus.deleted ? CommentEvent.deleted : CommentEvent.approved;
    await deps.queueEvent(event, record.site, updated);
  }
  await deps.audit(change.adminName, {
    action: change.action,
    site: record.site,
    target: record.comment.id,
    detail: `thread ${record.comment.thread}${was}${change.via ? `; ${change.via}` : ''}`,
  });
  return { kind: 'changed', comment: updated };
}
