import { CommentStatus } from '../../protocol/comment-status.js';
import { WriteOp, WriteState } from '../../storage/db.js';
import type { PendingWrite } from '../../sync/thread-sync.js';
import type { ThreadComment } from '../../internal/rich-text.js';

/**
 * The thread as the reader sees it: stored comments with the reader's queued edits and deletes
 * applied (an edit shows its new text, a delete a tombstone), and unsent posts as comments.
 * A refused edit or delete changes nothing: the comment shows as the server holds it. An edit
 * the server holds for a moderator shows its text to its author (only their cache has it),
 * marked as waiting (see comment-template.ts).
 */
export function showPending(
  comments: readonly ThreadComment[],
  pending: readonly PendingWrite[],
): ThreadComment[] {
  const changes = new Map(
    pending
      .filter((write) => write.op !== WriteOp.post && write.state === WriteState.pending)
      .map((write) => [write.id, write]),
  );
  const shown = comments.map((comment) => applyPending(showHeldEdit(comment), changes.get(comment.id)));
  for (const write of pending) if (write.op === WriteOp.post) shown.push(toUnsentComment(write));
  return shown;
}

function showHeldEdit(comment: ThreadComment): ThreadComment {
  if (!comment.pendingEdit) return comment;
  const shown: ThreadComment = { ...comment, body: comment.pendingEdit.body };
  delete shown.bodyTree;
  return shown;
}

function applyPending(comment: ThreadComment, write: PendingWrite | undefined): ThreadComment {
  if (!write) return comment;
  if (write.op === WriteOp.delete) {
    return { ...comment, status: CommentStatus.deleted, body: '', authorName: '', bodyTree: [] };
  }
  // A newer edit on its way stands in for the held one.
  const edited: ThreadComment = { ...comment, body: write.body };
  delete edited.bodyTree;
  delete edited.pendingEdit;
  return edited;
}

/** A queued write placed in the thread like a comment; its state comes from the outbox. */
function toUnsentComment(write: PendingWrite): ThreadComment {
  const createdAt = new Date(write.createdAtMs).toISOString();
  return {
    id: write.id,
    thread: '',
    parentId: write.parentId,
    authorName: write.authorName,
    body: write.body,
    createdAt,
    updatedAt: createdAt,
    status: CommentStatus.published,
    seq: Number.MAX_SAFE_INTEGER,
  };
}
