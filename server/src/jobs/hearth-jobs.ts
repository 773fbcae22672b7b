import type { ServerConfig } from '../config.js';
import { createSmtpMailer, type Mailer } from '../email/mailer.js';
import { formatLogLine, LogLevel } from '../log/log-line.js';
import { defaultNotifyTiming, type NotifyTiming } from '../notifications/notify-context.js';
import { createModeratorAlerts } from '../notifications/moderator-alerts.js';
import { createReplyNotifications } from '../notifications/reply-notifications.js';
import type { EmailConfig } from '../site-config.js';
import type { CommentStore } from '../store/comment-store.js';
import { createWebhooks } from '../webhooks/webhook-jobs.js';
import {
  commentEventJobKind,
  queueCommentEvent,
  type CommentEventPayload,
  type JobWaker,
  type QueueCommentEvent,
} from './comment-events.js';
import { createJobPurge } from './job-purge.js';
import { createJobWorker, type JobHandler, type JobWorker, type JobWorkerOptions } from './job-worker.js';

/** What the server's background work may be handed; each has a default. */
export interface HearthJobServices {
  /** Default: SMTP to `config.email` (email/mailer.ts), or none without it. */
  mailer?: Mailer;
  /** Reply notifications' pacing; default `defaultNotifyTiming`. */
  timing?: Partial<NotifyTiming>;
  /** The worker's own settings (lease, batch, idle wait, retry schedule). */
  worker?: Pick<JobWorkerOptions, 'leaseMs' | 'batchSize' | 'idleMs' | 'retry'>;
}

/** The server's background work: the job worker and what it sends with. */
export interface HearthJobs {
  worker: JobWorker;
  /** Resolves once the start's own jobs are queued (the admins' daily digests, the purge of finished jobs); never rejects. */
  ready: Promise<void>;
  /** Stops the worker (the job running finishes first), then closes the mailer. */
  close(): Promise<void>;
}

/** Reply notifications' pacing as the email settings give it. */
function readNotifyTiming(email: EmailConfig | null): NotifyTiming {
  return {
    ...defaultNotifyTiming,
    ...(email?.delaySeconds === undefined ? {} : { firstDelayMs: email.delaySeconds * 1000 }),
    ...(email?.digestMinutes === undefined ? {} : { digestGapMs: email.digestMinutes * 60_000 }),
  };
}

/** Reads the server's secret as `createApp` does: the configured one, else the store's. */
export function createSecretReader(store: CommentStore, config: Pick<ServerConfig, 'secret'>) {
  const { secret } = config;
  return secret ? async () => secret : () => store.readSecret('server');
}

/**
 * Whether anything listens to a site's comment events: email (reply notifications, moderator
 * alerts) or the site's webhooks. Without a listener no event is queued, so a post costs
 * nothing more.
 */
export function hasEventListeners(config: Pick<ServerConfig, 'email' | 'sites'>, siteId: string): boolean {
  const site = config.sites.find((candidate) => candidate.id === siteId);
  return site !== undefined && (config.email !== null || (site.webhooks ?? []).length > 0);
}

/**
 * The app's `queueEvent` (app-deps.ts): queues a comment event when something listens to the
 * site's events, and wakes the worker.
 */
export function createEventQueue(
  store: CommentStore,
  config: ServerConfig,
  jobs: JobWaker,
): QueueCommentEvent {
  return async (event, siteId, comment, post) => {
    if (!hasEventListeners(config, siteId)) return;
    await queueCommentEvent(store, jobs, event, siteId, comment, config.now(), post);
  };
}

/**
 * Builds the job worker every Hearth process runs (main.ts starts it): it fans comment events
 * out (comment-events.ts) and sends what they queue. Several processes on one PostgreSQL
 * database share the queue; the store's leases keep each job to one of them.
 */
export function createHearthJobs(
  store: CommentStore,
  config: ServerConfig,
  services: HearthJobServices = {},
): HearthJobs {
  const handlers: Record<string, JobHandler> = {};
  const listeners: Array<(event: CommentEventPayload) => Promise<void>> = [];
  const mailer = services.mailer ?? (config.email ? createSmtpMailer(config.email) : null);
  let ready = Promise.resolve();
  if (mailer && config.publicUrl !== null) {
    const notifications = createReplyNotifications(
      {
        store,
        sites: config.sites,
        publicUrl: config.publicUrl,
        now: config.now,
        readSecret: createSecretReader(store, config),
        timing: { ...readNotifyTiming(config.email), ...services.timing },
      },
      mailer,
    );
    Object.assign(handlers, notifications.handlers);
    listeners.push(notifications.consume);
    const alerts = createModeratorAlerts(
      {
        store,
        sites: config.sites,
        admins: config.admins,
        publicUrl: config.publicUrl,
        now: config.now,
        readSecret: createSecretReader(store, config),
        logWarn: (message) =>
          config.logWarn(
            formatLogLine(LogLevel.warn, { event: 'jobs_not_queued', msg: `Hearth ${message}` }),
          ),
      },
      mailer,
    );
    Object.assign(handlers, alerts.handlers);
    listeners.push(alerts.consume);
    ready = alerts.scheduleDigests();
  }
  if (config.sites.some((site) => (site.webhooks ?? []).length > 0)) {
    const webhooks = createWebhooks({ store, sites: config.sites, now: config.now });
    Object.assign(handlers, webhooks.handlers);
    listeners.push(webhooks.consume);
  }
  if (listeners.length > 0) {
    const purge = createJobPurge({ store, now: config.now });
    Object.assign(handlers, purge.handlers);
    const digests = ready;
    const purged = purge.schedule().catch((error: unknown) =>
      config.logWarn(
        formatLogLine(LogLevel.warn, {
          event: 'jobs_not_queued',
          msg: 'Hearth could not queue the daily purge of finished jobs',
          error,
        }),
      ),
    );
    ready = Promise.all([digests, purged]).then(() => undefined);
  }
  handlers[commentEventJobKind] = async (job) => {
    for (const listen of listeners) await listen(job.payload as CommentEventPayload);
  };
  const worker = createJobWorker({
    store,
    // Nothing listens: the worker takes no kind of job, and never looks at the queue.
    handlers: listeners.length > 0 ? handlers : {},
    now: config.now,
    ...services.worker,
    logWarn: (message) =>
      config.logWarn(formatLogLine(LogLevel.warn, { event: 'job_failed', msg: `Hearth ${message}` })),
  });
  return {
    worker,
    ready,
    async close() {
      await worker.stop();
      mailer?.close();
    },
  };
}
