import type { Hono } from 'hono';
import { CommentStatus, ErrorCode } from '../../../../src/protocol/index.js';
import { CommentEvent } from '../../jobs/comment-events.js';
import { ApiError } from '../../http/api-error.js';
import { jsonBody, queryParams } from '../../middleware/request-validators.js';
import { findComment } from '../find-comment.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { explainStoredHold } from '../../moderation/hold-rules.js';
import { moderateComment, type ModeratorUpdate } from '../../moderation/moderate-comment.js';
import type { CommentRecord } from '../../store/comment-store.js';
import type { AdminEnv } from '../../admin/admin-auth.js';
import { toAdminComment, type AdminComment } from '../../admin/admin-comment.js';
import { findCommentLinks } from '../../admin/comment-links.js';
import type { AdminContext } from '../../admin/admin-context.js';
import { AuditAction } from '../../admin/audit-log.js';

/**
 * Registers the moderation of comments under the admin app: the list, approve, reject, delete,
 * pin, and approve or reject an author's held edit. Each answers with the comment as moderators see it. An action that would change
 * nothing (approving a published comment, deleting a tombstone, pinning a pinned one) answers
 * the comment as it is, takes no new seq and writes no audit entry.
 */
export function registerAdminCommentRoutes(admin: Hono<AdminEnv>, context: AdminContext): void {
  const { deps, schemas } = context;
  const { audit } = deps;
  const { store, config } = deps;
  const maxBytes = config.requestMaxBytes;

  async function loadComment(id: string): Promise<CommentRecord> {
    const record = await findComment(store, id);
    if (!record) throw new ApiError(404, ErrorCode.notFound, 'No comment has this id.');
    return record;
  }

  /** The admin view of a record, with why it is held when its comment or its edit waits. */
  async function explainRecord(record: CommentRecord): Promise<AdminComment> {
    const comment = toAdminComment(record);
    const site = config.sites.find((candidate) => candidate.id === record.site);
    const isHeld = record.comment.status === CommentStatus.held;
    if (!site || !(isHeld || record.pendingEdit)) return comment;
    const reason = await explainStoredHold(site, record, store);
    return reason ? { ...comment, holdReason: reason } : comment;
  }

  /**
   * Applies a moderator's decision (moderation/moderate-comment.ts: audit entry, event) and
   * answers the comment; 409 if it became a tombstone first, which could no longer be `verb`.
   */
  async function moderate(
    adminName: string,
    record: CommentRecord,
    update: ModeratorUpdate,
    action: AuditAction,
    verb = 'changed',
  ): Promise<AdminComment> {
    const change = await moderateComment(deps, { ...update, adminName, record, action });
    if (change.kind === 'missing') throw new ApiError(404, ErrorCode.notFound, 'No comment has this id.');
    if (change.kind === 'deleted') throw deletedError(verb);
    return toAdminComment(await loadComment(record.comment.id));
  }

  admin.get('/comments', queryParams(schemas.commentsQuery, { decodable: true }), async (c) => {
    const query = c.req.valid('query');
    const records = await store.queryComments({
      ...(query.site === undefined ? {} : { site: query.site }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.thread === undefined ? {} : { thread: query.thread }),
      ...(query.pendingEdit === 'true' ? { hasPendingEdit: true } : {}),
      ...(query.before === undefined ? {} : { beforeSeq: query.before }),
      limit: query.limit,
    });
    const links = await findCommentLinks(
      store,
      config.sites,
      records.map(({ site, comment }) => ({ site, id: comment.id, thread: comment.thread })),
    );
    const comments = (await Promise.all(records.map(explainRecord))).map((comment) => {
      const commentUrl = links.get(comment.id);
      return commentUrl === undefined ? comment : { ...comment, commentUrl };
    });
    // A short page is the last one; a full one may be followed by more.
    const nextBefore = comments.length === query.limit ? (comments.at(-1)?.seq ?? null) : null;
    return c.json({ comments, nextBefore }, 200);
  });
  admin.all('/comments', methodNotAllowed(['GET', 'HEAD']));

  admin.post('/comments/:id/approve', async (c) => {
    const record = await loadComment(c.req.param('id'));
    if (record.comment.status === CommentStatus.deleted) throw deletedError('approved');
    if (record.comment.status === CommentStatus.published) return c.json(toAdminComment(record), 200);
    const approved = await moderate(
      c.get('admin').name,
      record,
      { status: CommentStatus.published },
      AuditAction.commentApprove,
    );
    return c.json(approved, 200);
  });
  admin.all('/comments/:id/approve', methodNotAllowed(['POST']));

  // Rejecting is meant for held comments; a published one is removed the same way, because a
  // moderator who rejects from a stale list still wants it gone.
  admin.post('/comments/:id/reject', async (c) => {
    const record = await loadComment(c.req.param('id'));
    if (record.comment.status === CommentStatus.deleted) throw deletedError('rejected');
    const rejected = await moderate(
      c.get('admin').name,
      record,
      { status: CommentStatus.deleted },
      AuditAction.commentReject,
    );
    return c.json(rejected, 200);
  });
  admin.all('/comments/:id/reject', methodNotAllowed(['POST']));

  /**
   * Settles an author's held edit: approving makes its text the comment's body (an edit, so
   * the feed carries it to every reader's cache); rejecting drops it and keeps the approved
   * text, with a new seq that tells the author's widget its edit is gone. Without a held edit
   * it answers the comment as it is.
   */
  async function settleEdit(adminName: string, id: string, isApproved: boolean): Promise<AdminComment> {
    const record = await loadComment(id);
    const verb = isApproved ? 'approved' : 'rejected';
    if (record.comment.status === CommentStatus.deleted) throw deletedError(verb);
    const { pendingEdit } = record;
    if (!pendingEdit) return toAdminComment(record);
    const update = isApproved ? { body: pendingEdit.body } : { pendingEdit: null };
    const updated = await store.updateComment(id, update, config.now());
    if (!updated) throw new ApiError(404, ErrorCode.notFound, 'No comment has this id.');
    deps.changes.publish({ site: record.site, thread: updated.thread, seq: updated.seq });
    if (updated.status === CommentStatus.deleted) throw deletedError(verb);
    if (isApproved) await deps.queueEvent(CommentEvent.edited, record.site, updated);
    await audit(adminName, {
      action: isApproved ? AuditAction.commentEditApprove : AuditAction.commentEditReject,
      site: record.site,
      target: id,
      detail: `thread ${record.comment.thread}`,
    });
    return toAdminComment(await loadComment(id));
  }

  admin.post('/comments/:id/edit/approve', async (c) =>
    c.json(await settleEdit(c.get('admin').name, c.req.param('id'), true), 200),
  );
  admin.all('/comments/:id/edit/approve', methodNotAllowed(['POST']));
  admin.post('/comments/:id/edit/reject', async (c) =>
    c.json(await settleEdit(c.get('admin').name, c.req.param('id'), false), 200),
  );
  admin.all('/comments/:id/edit/reject', methodNotAllowed(['POST']));

  admin.delete('/comments/:id', async (c) => {
    const record = await loadComment(c.req.param('id'));
    // Deleting twice answers the same tombstone, like the author's delete.
    if (record.comment.status === CommentStatus.deleted) return c.json(toAdminComment(record), 200);
    const deleted = await moderate(
      c.get('admin').name,
      record,
      { status: CommentStatus.deleted },
      AuditAction.commentDelete,
    );
    return c.json(deleted, 200);
  });
  admin.all('/comments/:id', methodNotAllowed(['DELETE']));

  admin.post('/comments/:id/pin', jsonBody(schemas.pinBody, { maxBytes }), async (c) => {
    const { pinned } = c.req.valid('json');
    const record = await loadComment(c.req.param('id'));
    if (record.comment.status === CommentStatus.deleted) throw deletedError('pinned');
    if (record.comment.status === CommentStatus.held) {
      throw new ApiError(
        409,
        ErrorCode.validationFailed,
        'Only published comments can be pinned; approve it first.',
        {
          field: 'pinned',
        },
      );
    }
    if ((record.comment.pinned ?? false) === pinned) return c.json(toAdminComment(record), 200);
    const action = pinned ? AuditAction.commentPin : AuditAction.commentUnpin;
    return c.json(await moderate(c.get('admin').name, record, { pinned }, action, 'pinned'), 200);
  });
  admin.all('/comments/:id/pin', methodNotAllowed(['POST']));
}

function deletedError(verb: string): ApiError {
  return new ApiError(
    409,
    ErrorCode.commentDeleted,
    `This comment was deleted and can no longer be ${verb}.`,
  );
}
