import type { JobQueueStore, JobRecord } from '../store/job-queue.js';
import { defaultRetrySchedule, nextRetryAtMs, type RetrySchedule } from './retry-schedule.js';

/** Does a job's work; throws when it failed (see {@link PermanentJobError}). */
export type JobHandler = (job: JobRecord) => Promise<void>;

/** A failure no retry can mend (a mailbox that does not exist, a payload that is wrong). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface JobWorkerOptions {
  store: JobQueueStore;
  /** The work for each kind of job; the worker claims only these kinds. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** The clock, in ms since the epoch; default `Date.now`. */
  now?: () => number;
  /** How long a claim holds a job, in ms: longer than any handler may take. Default a minute. */
  leaseMs?: number;
  /** Jobs claimed at once. Default 10. */
  batchSize?: number;
  /** How long an idle worker waits before looking again, in ms (`wake()` cuts it short). Default 1 s. */
  idleMs?: number;
  retry?: RetrySchedule;
  /** Where a failed attempt is told (never with the payload, which may hold an address). */
  logWarn?: (message: string) => void;
}

export interface JobWorker {
  /** Runs the due jobs, a batch at a time, until none is due (those the batches queued too); resolves with how many ran. */
  runDue(): Promise<number>;
  /** Keeps running due jobs until `stop()`, waiting `idleMs` (or for `wake()`) when none is due. */
  start(): void;
  /** Looks for due jobs now: call it after queuing one. */
  wake(): void;
  /** Stops looking and resolves once the job running, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs queued jobs from the store. Several workers, in one process or many, may run over one
 * database: the store's leases keep them from taking the same job.
 *
 * Invariants:
 * - A job is finished (done, or failed with its reason) only by the attempt that claimed it.
 * - A handler that throws is retried on the schedule; a {@link PermanentJobError}, or a job
 *   past the schedule's end, fails for good.
 * - A worker killed mid-job loses nothing: the job's lease ends and another claim runs it again.
 *   Handlers must therefore be safe to run twice (an email carries a stable Message-ID).
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { store, handlers } = options;
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 10;
  const idleMs = options.idleMs ?? 1_000;
  const retry = options.retry ?? defaultRetrySchedule;
  const kinds = Object.keys(handlers);
  let isRunning = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  async function runJob(job: JobRecord): Promise<void> {
    const handler = handlers[job.kind]!;
    const outcome = await Promise.resolve()
      .then(() => handler(job))
      .then(
        () => ({ isDone: true as const }),
        (error: unknown) => ({ isDone: false as const, error }),
      );
    // A store that cannot record the outcome throws to the loop: the job stays claimed and runs
    // again once its lease ends, rather than being recorded as a failure of work that was done.
    if (outcome.isDone) {
      await store.completeJob(job.id, job.attempts, now());
      return;
    }
    const { error } = outcome;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const failedAtMs = now();
    const retryAtMs =
      error instanceof PermanentJobError
        ? null
        : nextRetryAtMs(job.attempts, job.createdAtMs, failedAtMs, retry);
    await store.failJob(job.id, job.attempts, reason, retryAtMs, failedAtMs);
    options.logWarn?.(
      `job ${job.kind} ${job.id}, attempt ${job.attempts}: ${reason}; ${retryAtMs === null ? 'given up' : `next try at ${new Date(retryAtMs).toISOString()}`}`,
    );
  }

  async function runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const jobs = await store.claimJobs({ kinds, limit: batchSize, leaseMs, nowMs: now() });
      // Jobs a batch queues (an event's emails) are due at once: look again until none is.
      if (jobs.length === 0) return ran;
      for (const job of jobs) await runJob(job);
      ran += jobs.length;
    }
  }

  async function keepRunning(): Promise<void> {
    while (isRunning) {
      try {
        await runDue();
      } catch (error) {
        // The database is unreachable for a moment: the jobs wait in it.
        options.logWarn?.(`job queue: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!isRunning) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    runDue,
    start() {
      if (isRunning || kinds.length === 0) return;
      isRunning = true;
      loop = keepRunning();
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      isRunning = false;
      wakeUp?.();
      await loop;
      loop = null;
    },
  };
}
