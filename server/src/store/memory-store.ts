import { CommentStatus, type Comment, type NewComment } from '../../../src/protocol/index.js';
import type { ChangePage, CommentStore, InsertResult } from './comment-store.js';
import { isSameComment } from './same-comment.js';

/** A store that lives and dies with the process: for tests and throwaway demos, never for data. */
export function createMemoryStore(): CommentStore {
  const byId = new Map<string, Comment>();
  // Each thread's comments in seq order; inserts always append, since seq only grows.
  const byThread = new Map<string, Comment[]>();
  let lastSeq = 0;
  let isClosed = false;

  function assertOpen(): void {
    if (isClosed) throw new Error('The memory store is closed.');
  }

  return {
    async listChanges(thread: string, sinceSeq: number, limit: number): Promise<ChangePage> {
      assertOpen();
      const changes = (byThread.get(thread) ?? []).filter((comment) => comment.seq > sinceSeq);
      const comments = changes.slice(0, limit).map((comment) => structuredClone(comment));
      return {
        comments,
        lastSeq: comments.at(-1)?.seq ?? sinceSeq,
        more: changes.length > limit,
      };
    },

    async insertComment(thread: string, input: NewComment, nowMs: number): Promise<InsertResult> {
      assertOpen();
      const stored = byId.get(input.id);
      if (stored) {
        const kind = isSameComment(stored, thread, input) ? 'existing' : 'conflict';
        return { kind, comment: structuredClone(stored) };
      }
      const parentId = input.parentId ?? null;
      if (parentId !== null && byId.get(parentId)?.thread !== thread) return { kind: 'unknown-parent' };

      const at = new Date(nowMs).toISOString();
      const comment: Comment = {
        id: input.id,
        thread,
        parentId,
        authorName: input.authorName,
        body: input.body,
        createdAt: at,
        updatedAt: at,
        status: CommentStatus.published,
        seq: ++lastSeq,
      };
      byId.set(comment.id, comment);
      const threadComments = byThread.get(thread) ?? [];
      threadComments.push(comment);
      byThread.set(thread, threadComments);
      return { kind: 'created', comment: structuredClone(comment) };
    },

    async close(): Promise<void> {
      isClosed = true;
    },
  };
}
