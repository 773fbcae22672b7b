import { createHash } from 'node:crypto';
import { threadPageUrl } from '../feeds/thread-page-url.js';
import {
  CommentEvent,
  commentEventJobId,
  type CommentEventPayload,
  type PostContext,
} from '../jobs/comment-events.js';
import { PermanentJobError, type JobHandler } from '../jobs/job-worker.js';
import type { SiteConfig } from '../site-config.js';
import type { CommentStore } from '../store/comment-store.js';
import type { JobRecord } from '../store/job-queue.js';
import { sendWebhook } from './send-webhook.js';
import { buildWebhookBody } from './webhook-body.js';

/** The job kind of one delivery to one webhook. */
export const webhookJobKind = 'webhook';

/** A delivery's payload: where it goes and the exact body. The secret stays in the config. */
export interface WebhookJobPayload {
  site: string;
  url: string;
  type: CommentEvent;
  /** The JSON sent, as sent (webhook-body.ts). */
  body: string;
}

/** What the webhook jobs need. */
export interface WebhookContext {
  store: CommentStore;
  sites: readonly SiteConfig[];
  now: () => number;
  /** How long a receiver has to answer, in ms; default `webhookTimeoutMs` (10 s). */
  timeoutMs?: number;
}

/**
 * A delivery's id, which receivers see as `webhook-id`: the event's job id and a hash of the
 * webhook's url, so it stays the same across retries, restarts and reorderings of the config.
 */
function webhookJobId(eventJobId: string, url: string): string {
  const urlHash = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return `${webhookJobKind}:${eventJobId}:${urlHash}`;
}

/** The subject a site's deliveries are queued under, so the admin API can list them by site. */
export function webhookSubject(site: string): string {
  return `${webhookJobKind}:${site}`;
}

/**
 * Webhooks (issue #14): each comment event becomes one delivery job per webhook of its site
 * that asked for it, and each job POSTs its body until the receiver takes it.
 *
 * Invariants:
 * - The body is built once, when the event is fanned out, so every attempt sends the same
 *   bytes under the same `webhook-id`; only `webhook-timestamp` and the signature are new.
 * - Fanning out twice (a crash, a lease ending) queues nothing more: job ids are derived.
 * - A delivery is at least once: a receiver that took it but whose answer was lost gets it
 *   again, and drops it by its `webhook-id`.
 * - A delivery whose webhook left the config, or no longer asks for its event, is not sent.
 */
export function createWebhooks(context: WebhookContext) {
  const { store } = context;

  async function consume(event: CommentEventPayload): Promise<void> {
    const site = context.sites.find((candidate) => candidate.id === event.site);
    const hooks = (site?.webhooks ?? []).filter((hook) => hook.events.includes(event.event));
    if (!site || hooks.length === 0) return;
    const record = await store.getComment(event.commentId);
    if (!record) return;
    const pageUrl =
      event.post?.pageUrl ??
      (await findArrivalPost(event.commentId))?.pageUrl ??
      threadPageUrl(site, event.thread);
    const body = buildWebhookBody(event, record.comment, pageUrl);
    const eventJobId = commentEventJobId(event);
    const nowMs = context.now();
    for (const hook of hooks) {
      const payload: WebhookJobPayload = { site: site.id, url: hook.url, type: event.event, body };
      await store.enqueueJob(
        {
          id: webhookJobId(eventJobId, hook.url),
          kind: webhookJobKind,
          payload,
          runAtMs: nowMs,
          subject: webhookSubject(site.id),
        },
        nowMs,
      );
    }
  }

  /** The post a comment arrived with (its page), as its `created` or `held` event kept it. */
  async function findArrivalPost(commentId: string): Promise<PostContext | undefined> {
    for (const event of [CommentEvent.created, CommentEvent.held]) {
      const job = await store.getJob(commentEventJobId({ event, commentId, seq: 0 }));
      if (job) return (job.payload as CommentEventPayload).post;
    }
    return undefined;
  }

  async function deliver(job: JobRecord): Promise<void> {
    const { site, url, type, body } = job.payload as WebhookJobPayload;
    const hook = context.sites
      .find((candidate) => candidate.id === site)
      ?.webhooks?.find((candidate) => candidate.url === url);
    if (!hook?.events.includes(type)) {
      throw new PermanentJobError(`the site's webhooks no longer send ${type} to this url`);
    }
    await sendWebhook({
      id: job.id,
      url,
      secret: hook.secret,
      body,
      timestampSeconds: Math.floor(context.now() / 1000),
      ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
    });
  }

  const handlers: Record<string, JobHandler> = { [webhookJobKind]: deliver };
  return { consume, handlers };
}
