import { formatLogLine, LogLevel } from '../log/log-line.js';
import type { CommentStore } from '../store/comment-store.js';

/** Every action the admin API records, as it appears in the audit log's `action`. */
export const AuditAction = {
  commentApprove: 'comment.approve',
  commentReject: 'comment.reject',
  commentDelete: 'comment.delete',
  /** An admin changing a comment's text through the public API. */
  commentEdit: 'comment.edit',
  /** A moderator publishing an author's held edit. */
  commentEditApprove: 'comment.edit.approve',
  /** A moderator dropping an author's held edit; the approved text stays. */
  commentEditReject: 'comment.edit.reject',
  commentPin: 'comment.pin',
  commentUnpin: 'comment.unpin',
  threadLock: 'thread.lock',
  threadUnlock: 'thread.unlock',
  banAdd: 'ban.add',
  banRemove: 'ban.remove',
  /** An admin downloading a site's export; `detail` says whether with its private fields. */
  siteExport: 'site.export',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** What one admin action did, as the handler knows it. */
export interface AuditEvent {
  action: AuditAction;
  site: string;
  /** The comment id, thread key or ban id acted on. */
  target: string;
  /** Context for a reader of the log: the thread, the old status, the ban's value and reason. */
  detail: string;
}

/** Writes one line somewhere an operator reads (`ServerConfig.logInfo`, stdout by default). */
export type LogLine = (line: string) => void;

/**
 * Records admin actions, whether through the admin API or the public one: one audit row in the
 * store and one log line each.
 */
export type AuditRecorder = (actor: string, event: AuditEvent) => Promise<void>;

/**
 * Builds the recorder. The log line is one JSON object, event `admin_action` (so a name or
 * thread key cannot forge a second line), and leaves out `detail`, which may hold an email
 * address: logs travel further than the store.
 */
export function createAuditRecorder(options: {
  store: CommentStore;
  now: () => number;
  log: LogLine;
}): AuditRecorder {
  return async (actor, event) => {
    const nowMs = options.now();
    await options.store.appendAudit({ actor, ...event }, nowMs);
    const { action, site, target } = event;
    options.log(
      formatLogLine(
        LogLevel.info,
        { event: 'admin_action', msg: 'Hearth admin action', actor, action, site, target },
        nowMs,
      ),
    );
  };
}
