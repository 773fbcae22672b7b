import type { Hono } from 'hono';
import type { WebhookDelivery } from '../../../../src/protocol/admin.js';
import { queryParams } from '../../middleware/request-validators.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { JobState, type JobRecord } from '../../store/job-queue.js';
import { webhookJobKind, webhookSubject, type WebhookJobPayload } from '../../webhooks/webhook-jobs.js';
import type { AdminEnv } from '../../admin/admin-auth.js';
import type { AdminContext } from '../../admin/admin-context.js';

/**
 * Registers `GET /webhooks[?site=&limit=]` under the admin app: the latest webhook deliveries,
 * newest first, every site's when `site` is absent. Never the body nor the secret.
 */
export function registerAdminWebhookRoutes(admin: Hono<AdminEnv>, context: AdminContext): void {
  const { deps, schemas } = context;

  admin.get('/webhooks', queryParams(schemas.webhooksQuery), async (c) => {
    const { site, limit } = c.req.valid('query');
    const jobs = await deps.store.listJobs({
      kind: webhookJobKind,
      ...(site === undefined ? {} : { subject: webhookSubject(site) }),
      limit,
    });
    return c.json({ deliveries: jobs.map(toDelivery) }, 200);
  });
  admin.all('/webhooks', methodNotAllowed(['GET', 'HEAD']));
}

/** A delivery job as the admin API shows it. */
function toDelivery(job: JobRecord): WebhookDelivery {
  const { site, url, type } = job.payload as WebhookJobPayload;
  const toIso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: job.id,
    site,
    type,
    url,
    state: job.state,
    attempts: job.attempts,
    lastError: job.lastError,
    createdAt: new Date(job.createdAtMs).toISOString(),
    finishedAt: toIso(job.finishedAtMs),
    nextAttemptAt: job.state === JobState.queued ? toIso(job.runAtMs) : null,
  };
}
