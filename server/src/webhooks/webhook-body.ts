import type { Comment } from '../../../src/protocol/index.js';
import type { CommentEvent, CommentEventPayload } from '../jobs/comment-events.js';

/** What a webhook receives: the JSON body of every delivery (docs/self-hosting.md#webhooks). */
export interface WebhookBody {
  type: CommentEvent;
  /** When the event happened, ISO 8601 (server time). */
  timestamp: string;
  data: {
    site: string;
    thread: string;
    /**
     * The comment as the public feed shows it (a held one with the same fields): never the
     * author's email, IP hash or token, nor an edit waiting for a moderator.
     */
    comment: Comment;
    /** The page the comment was written on, or the thread's page from `threadUrl`; absent when unknown. */
    pageUrl?: string;
  };
}

/**
 * The exact body a webhook is sent for `event`, with `comment` as it stands: built once when
 * the event is fanned out, so every retry sends (and signs) the same bytes.
 */
export function buildWebhookBody(
  event: Pick<CommentEventPayload, 'event' | 'site' | 'thread' | 'atMs'>,
  comment: Comment,
  pageUrl: string | null,
): string {
  const body: WebhookBody = {
    type: event.event,
    timestamp: new Date(event.atMs).toISOString(),
    data: {
      site: event.site,
      thread: event.thread,
      comment: toPublicComment(comment),
      ...(pageUrl === null ? {} : { pageUrl }),
    },
  };
  return JSON.stringify(body);
}

/** The comment without what only its author and moderators see. */
function toPublicComment(comment: Comment): Comment {
  const copy = { ...comment };
  delete copy.pendingEdit;
  return copy;
}
