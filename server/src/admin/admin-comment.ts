import type { AdminComment as WireAdminComment } from '../../../src/protocol/admin.js';
import type { HoldReason } from '../moderation/hold-rules.js';
import type { CommentRecord } from '../store/comment-store.js';

/**
 * A comment as moderators see it: the public comment plus its site and what the server knows
 * of its author. Never the author token's hash: that is a credential, not moderation data.
 */
export type AdminComment = WireAdminComment & {
  email: string | null;
  userId: string | null;
  ipHash: string | null;
  /**
   * Why a held comment, or a held edit, waits: the first hold rule its text meets under the
   * site's rules as they are now (explainHold). Absent for others, and for one no rule holds
   * any more (the rules changed since).
   */
  holdReason?: HoldReason;
  /** `…#comment-<id>` on its page (admin/comment-links.ts), in lists; absent when unknown. */
  commentUrl?: string;
};

/** The admin view of a stored comment, with the author's held edit when one waits. */
export function toAdminComment(record: CommentRecord): AdminComment {
  return {
    ...record.comment,
    ...(record.pendingEdit ? { pendingEdit: record.pendingEdit } : {}),
    site: record.site,
    email: record.author.email,
    userId: record.author.userId,
    ipHash: record.author.ipHash,
  };
}
