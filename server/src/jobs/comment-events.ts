import type { Comment, NotifyScope } from '../../../src/protocol/index.js';
import type { JobQueueStore } from '../store/job-queue.js';

/** What happened to a comment, as webhooks name it (issue #14). */
export const CommentEvent = {
  /** Published on arrival. */
  created: 'comment.created',
  /** Held for a moderator on arrival. */
  held: 'comment.held',
  /** A held comment published by a moderator. */
  approved: 'comment.approved',
  /** Its published text changed (the author's edit, or a moderator approving a held edit). */
  edited: 'comment.edited',
  /** Deleted by its author or a moderator, or rejected while held. */
  deleted: 'comment.deleted',
} as const;
export type CommentEvent = (typeof CommentEvent)[keyof typeof CommentEvent];

/** The job kind of a comment event: its handler fans it out to emails and webhooks. */
export const commentEventJobKind = 'comment.event';

/** What the post that created a comment asked for beyond the comment itself. */
export interface PostContext {
  /** Email the author about replies to it, or about every new comment in the thread. */
  notify?: NotifyScope;
  /** The page the author wrote from, already checked to be on the site's origin. */
  pageUrl?: string;
  /** The language the author's widget spoke. */
  locale?: string;
}

/** A `comment.event` job's payload. */
export interface CommentEventPayload {
  event: CommentEvent;
  site: string;
  thread: string;
  commentId: string;
  /** The change sequence the event made: one event per change. */
  seq: number;
  /** When it happened, in ms since the epoch. */
  atMs: number;
  /** Only on `created` and `held`. */
  post?: PostContext;
}

/** Queues the event a committed write made (see `createEventQueue` in hearth-jobs.ts). */
export type QueueCommentEvent = (
  event: CommentEvent,
  siteId: string,
  comment: Comment,
  post?: PostContext,
) => Promise<void>;

/** Looks for due jobs now; the worker, or nothing when this process runs none. */
export interface JobWaker {
  wake(): void;
}

/**
 * Queues the event that a write to `comment` made, after the write committed. The id holds the
 * change sequence, so queuing one change twice keeps one job. Kept off the request's critical
 * work: it is one row, and the fan-out (who to email, which webhooks) runs in the worker.
 *
 * A process that dies between the write and this call loses the event, not the comment: its
 * emails and webhooks are not sent. The window is one statement long.
 */
export async function queueCommentEvent(
  store: JobQueueStore,
  jobs: JobWaker,
  event: CommentEvent,
  site: string,
  comment: Comment,
  atMs: number,
  post?: PostContext,
): Promise<void> {
  const payload: CommentEventPayload = {
    event,
    site,
    thread: comment.thread,
    commentId: comment.id,
    seq: comment.seq,
    atMs,
    ...(post ? { post } : {}),
  };
  await store.enqueueJob(
    {
      id: commentEventJobId(payload),
      kind: commentEventJobKind,
      payload,
      runAtMs: atMs,
      subject: null,
    },
    atMs,
  );
  jobs.wake();
}

/**
 * The id of the job carrying `payload`: one per change of a comment. A comment arrives once, so
 * its `created` or `held` event is named without the seq, and can be found again by its id.
 */
export function commentEventJobId(payload: Pick<CommentEventPayload, 'event' | 'commentId' | 'seq'>): string {
  const isArrival = payload.event === CommentEvent.created || payload.event === CommentEvent.held;
  return `${commentEventJobKind}:${payload.event}:${payload.commentId}${isArrival ? '' : `:${payload.seq}`}`;
}
