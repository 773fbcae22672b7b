import type { Context, Hono } from 'hono';
import {
  CommentStatus,
  EditCommentSchema,
  ErrorCode,
  type EditComment,
} from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { isSameAuthorTokenHash } from '../auth/author-token.js';
import type { Identity } from '../auth/identity.js';
import { ApiError } from '../http/api-error.js';
import type { SiteConfig } from '../site-config.js';
import type { CommentRecord } from '../store/comment-store.js';
import { jsonBody } from '../middleware/request-validators.js';
import { threadParam } from './comment-input.js';
import { isEditWindowClosed } from './edit-window.js';
import { findComment } from './find-comment.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readRequestIdentity } from './request-identity.js';
import { AuditAction } from '../admin/audit-log.js';
import { CommentEvent } from '../jobs/comment-events.js';
import { decideStatus } from '../moderation/hold-rules.js';

const commentPath = '/api/v1/threads/:thread/comments/:id';

/**
 * Registers the author's `PATCH` (edit the body) and `DELETE` (leave a tombstone) on
 * `/api/v1/threads/{thread}/comments/{id}`, and 405 for other methods.
 *
 * Both run, and the first failure answers: thread key (400); for PATCH the body (415, 413,
 * 400); who is asking (401: no token, or a refused SSO token); the comment, which must be in
 * this thread of this site (404); its author (403 `not_author`). Then PATCH refuses a
 * tombstone (409) and, unless the body is unchanged, an edit after the site's window (403);
 * DELETE of a tombstone answers it again (200). Admins may edit and delete anything, any time.
 *
 * An edit of a published comment faces the hold rules of a new post: one they would hold waits
 * for a moderator (202 with the comment as it stays public and its `pendingEdit`) while the
 * approved text stays in the feed; a held comment edited stays held with the new text.
 */
export function registerCommentEditRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  const maxBytes = config.requestMaxBytes;

  app.patch(commentPath, threadParam, jsonBody(EditCommentSchema, { maxBytes }), (c) =>
    changeComment(c, c.req.valid('param').thread, c.req.valid('json')),
  );
  app.delete(commentPath, threadParam, (c) => changeComment(c, c.req.valid('param').thread, null));
  app.all(commentPath, methodNotAllowed(['PATCH', 'DELETE', 'OPTIONS']));

  /** Edits the comment with `edit`, or deletes it when `edit` is null. */
  async function changeComment(
    c: Context<AppEnv, typeof commentPath>,
    thread: string,
    edit: EditComment | null,
  ): Promise<Response> {
    const site = c.get('site');
    const nowMs = config.now();
    const identity = await readAuthor(c, deps, nowMs);
    const record = await findComment(store, c.req.param('id'));
    if (!record || record.site !== site.id || record.comment.thread !== thread) {
      throw new ApiError(404, ErrorCode.notFound, 'There is no such comment in this thread.');
    }
    if (!isAuthorOf(identity, record)) {
      throw new ApiError(403, ErrorCode.notAuthor, 'Only the author of this comment can change it.');
    }
    const isDeleted = record.comment.status === CommentStatus.deleted;

    if (edit === null) {
      // Deleting twice answers the same tombstone, without another change in the feed.
      if (isDeleted) return c.json(record.comment, 200);
      const tombstone = await store.updateComment(
        record.comment.id,
        { status: CommentStatus.deleted },
        nowMs,
      );
      if (!tombstone) throw gone();
      deps.changes.publish({ site: site.id, thread, seq: tombstone.seq });
      await deps.queueEvent(CommentEvent.deleted, site.id, tombstone);
      await auditAdmin(deps, identity, AuditAction.commentDelete, record);
      return c.json(tombstone, 200);
    }

    if (isDeleted) throw deletedError();
    if (identity.kind !== 'admin') await refuseBannedAuthor(deps, site, record);
    const { pendingEdit } = record;
    // An edit the comment already shows, or already holds, is a retried edit whose answer was
    // lost: it already took effect, so it answers as before, even once the window has closed,
    // and takes no new seq.
    if (pendingEdit?.body === edit.body) return c.json({ ...record.comment, pendingEdit }, 202);
    if (record.comment.body === edit.body && !pendingEdit) return c.json(record.comment, 200);
    if (identity.kind !== 'admin' && isEditWindowClosed(site, record.comment, nowMs)) {
      throw new ApiError(
        403,
        ErrorCode.editWindowClosed,
        site.editWindowMinutes === 0
          ? 'Comments on this site cannot be edited.'
          : `Comments can be edited for ${site.editWindowMinutes} minutes after posting.`,
      );
    }
    if (await isEditHeld(deps, site, identity, record, edit.body)) {
      const held = await store.holdEdit(record.comment.id, edit.body, nowMs);
      // Deleted (or otherwise no longer published) between our read and the hold.
      if (!held?.pendingEdit) throw deletedError();
      return c.json({ ...held.comment, pendingEdit: held.pendingEdit }, 202);
    }
    // Back to the approved text while an edit waits: the held edit is withdrawn.
    const update = record.comment.body === edit.body ? { pendingEdit: null } : { body: edit.body };
    const edited = await store.updateComment(record.comment.id, update, nowMs);
    if (!edited) throw gone();
    deps.changes.publish({ site: site.id, thread, seq: edited.seq });
    // Deleted between our read and the update: the store kept the tombstone as it was.
    if (edited.status === CommentStatus.deleted) throw deletedError();
    if (edited.status === CommentStatus.published && 'body' in update) {
      await deps.queueEvent(CommentEvent.edited, site.id, edited);
    }
    await auditAdmin(deps, identity, AuditAction.commentEdit, record);
    return c.json(edited, 200);
  }
}

/**
 * Whether an edit of a published comment waits for a moderator: the new text faces the same
 * hold rules as a new post by the same author (hold-rules.ts). A held comment stays held
 * whatever its text, so it needs no decision.
 */
async function isEditHeld(
  deps: AppDeps,
  site: SiteConfig,
  identity: Exclude<Identity, { kind: 'anonymous' }>,
  record: CommentRecord,
  body: string,
): Promise<boolean> {
  if (record.comment.status !== CommentStatus.published) return false;
  const { id, authorName, parentId } = record.comment;
  const status = await decideStatus({
    site,
    input: { id, authorName, parentId, body },
    identity,
    author: record.author,
    store: deps.store,
  });
  return status === CommentStatus.held;
}

/** Who is asking, refusing with 401 `auth_required` when nobody is. */
async function readAuthor(
  c: Context<AppEnv>,
  deps: AppDeps,
  nowMs: number,
): Promise<Exclude<Identity, { kind: 'anonymous' }>> {
  const identity = await readRequestIdentity(c, deps.config, nowMs);
  if (identity.kind === 'anonymous') {
    throw new ApiError(
      401,
      ErrorCode.authRequired,
      "Changing a comment needs its author's token in an Authorization header.",
    );
  }
  return identity;
}

/**
 * Whether `identity` may change the comment: an admin always; an SSO user by `sub`, on any
 * device; a guest by the token the comment was posted with, compared as digests in constant
 * time.
 */
function isAuthorOf(identity: Exclude<Identity, { kind: 'anonymous' }>, record: CommentRecord): boolean {
  switch (identity.kind) {
    case 'admin':
      return true;
    case 'sso':
      return record.author.userId !== null && record.author.userId === identity.user.userId;
    case 'guest':
      return isSameAuthorTokenHash(record.author.authorTokenHash, identity.tokenHash);
  }
}

/** A banned author may still delete what they wrote, but not change it. */
async function refuseBannedAuthor(deps: AppDeps, site: SiteConfig, record: CommentRecord): Promise<void> {
  const { userId, email, ipHash } = record.author;
  if (await deps.store.findBan(site.id, { userId, email, ipHash })) {
    throw new ApiError(403, ErrorCode.banned, 'You can no longer comment on this site.');
  }
}

function deletedError(): ApiError {
  return new ApiError(409, ErrorCode.commentDeleted, 'This comment was deleted and can no longer be edited.');
}

/** The comment vanished between reading and updating it; no backend deletes rows, but be exact. */
function gone(): ApiError {
  return new ApiError(404, ErrorCode.notFound, 'There is no such comment in this thread.');
}

/** Admins acting through the public API leave the same trail as through the admin API. */
async function auditAdmin(
  deps: AppDeps,
  identity: Identity,
  action: AuditAction,
  record: CommentRecord,
): Promise<void> {
  if (identity.kind !== 'admin') return;
  await deps.audit(identity.admin.name, {
    action,
    site: record.site,
    target: record.comment.id,
    detail: `thread ${record.comment.thread}; through the public API`,
  });
}
