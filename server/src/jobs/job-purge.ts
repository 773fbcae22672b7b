import type { JobQueueStore } from '../store/job-queue.js';
import type { JobHandler } from './job-worker.js';

/** The job kind that deletes finished jobs, once a day. */
export const purgeJobKind = 'jobs.purge';

const dayMs = 24 * 60 * 60_000;

/** How long finished jobs (sent emails, delivered webhooks) stay for the admin page: 30 days. */
export const finishedJobsKeptMs = 30 * dayMs;

interface PurgePayload {
  /** When this run is due, in ms since the epoch: 01:00 UTC of a day. */
  atMs: number;
}

/**
 * Keeps the jobs table from growing for ever: a job at 01:00 UTC each day deletes the jobs that
 * finished more than `keptMs` ago, after queuing the next day's. Named by its day, so every
 * process may queue it and one runs.
 */
export function createJobPurge(options: { store: JobQueueStore; now: () => number; keptMs?: number }): {
  handlers: Record<string, JobHandler>;
  schedule: () => Promise<void>;
} {
  const { store, now } = options;
  const keptMs = options.keptMs ?? finishedJobsKeptMs;

  async function queuePurge(afterMs: number): Promise<void> {
    const atMs = Math.floor((afterMs - dayMs / 24) / dayMs) * dayMs + dayMs + dayMs / 24;
    const payload: PurgePayload = { atMs };
    const day = new Date(atMs).toISOString().slice(0, 10);
    await store.enqueueJob(
      { id: `${purgeJobKind}:${day}`, kind: purgeJobKind, payload, runAtMs: atMs },
      now(),
    );
  }

  return {
    handlers: {
      [purgeJobKind]: async (job) => {
        const { atMs } = job.payload as PurgePayload;
        await queuePurge(Math.max(atMs, now()));
        await store.purgeJobs(now() - keptMs);
      },
    },
    schedule: () => queuePurge(now()),
  };
}
