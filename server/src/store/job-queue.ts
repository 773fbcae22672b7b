/**
 * A durable queue of jobs (emails, webhooks: issue #14) kept in the store's database, so a job
 * outlives a crash or a restart and every process on the database shares it. SQLite and
 * PostgreSQL keep it in the `jobs` table; the memory store keeps it in the process.
 *
 * Invariants every backend keeps:
 * - A job's id is its idempotency key: queuing an id that exists, in any state, changes nothing.
 * - A claimed job is `running` under a lease until `runAtMs`. No other claim takes it while the
 *   lease lasts, in any process; a job whose lease ran out (its worker died) is due again.
 * - Each claim counts an attempt, and the attempt number fences the claim: only the worker
 *   holding the latest attempt can finish or fail it, so a worker that outlived its lease
 *   cannot undo what the next one did.
 * - Finished jobs (`done`, `failed`, `cancelled`) are never due again.
 */
export interface JobQueueStore {
  /** Queues a job unless one with its id exists; true when queued by this call. */
  enqueueJob(job: NewJob, nowMs: number): Promise<boolean>;
  /**
   * Takes up to `limit` due jobs of the given kinds, the soonest due: queued ones whose
   * `runAtMs` has come, and running ones whose lease has ended. Each becomes `running` with a
   * lease until `nowMs + leaseMs` and one more attempt. The batch comes in id order.
   */
  claimJobs(claim: JobClaim): Promise<JobRecord[]>;
  /** Marks attempt `attempt` of a running job done; false when that attempt no longer holds it. */
  completeJob(id: string, attempt: number, nowMs: number): Promise<boolean>;
  /**
   * Records that attempt `attempt` failed, with why: the job is queued again at `retryAtMs`, or
   * when that is null it has failed for good. False when that attempt no longer holds it.
   */
  failJob(
    id: string,
    attempt: number,
    error: string,
    retryAtMs: number | null,
    nowMs: number,
  ): Promise<boolean>;
  /** Cancels every queued job about `subject` (say, a deleted comment); returns how many. */
  cancelJobs(subject: string, nowMs: number): Promise<number>;
  /** A job, or null. */
  getJob(id: string): Promise<JobRecord | null>;
  /** The jobs with these ids that exist, in no particular order: one read however many are asked. */
  getJobs(ids: readonly string[]): Promise<JobRecord[]>;
  /** Jobs newest first (by creation, then id), for the admin page. */
  listJobs(query: JobQuery): Promise<JobRecord[]>;
  /** Deletes jobs that finished before `beforeMs`; returns how many. */
  purgeJobs(beforeMs: number): Promise<number>;
}

/** Where a job stands. */
export const JobState = {
  queued: 'queued',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

/** What `enqueueJob` is given. */
export interface NewJob {
  /** The idempotency key, e.g. `email.reply:<comment id>:<recipient>`. */
  id: string;
  /** What the job does, e.g. `email.reply` or `webhook`: a worker claims the kinds it handles. */
  kind: string;
  /** What the job needs; stored as JSON, so plain data only. */
  payload: unknown;
  /** When it is first due, in ms since the epoch. */
  runAtMs: number;
  /**
   * What the job is about, so that `cancelJobs` and `listJobs` can reach it (a comment id, or
   * `webhook:<site>` for a site's webhook deliveries), or null.
   */
  subject?: string | null;
}

/** A job as the store keeps it. */
export interface JobRecord {
  id: string;
  kind: string;
  payload: unknown;
  subject: string | null;
  state: JobState;
  /** Claims so far; the latest is the one that may finish the job. */
  attempts: number;
  /** When a queued job is due, or a running job's lease ends, in ms since the epoch. */
  runAtMs: number;
  createdAtMs: number;
  /** When it finished (done, failed or cancelled), or null. */
  finishedAtMs: number | null;
  /** Why its latest failed attempt failed, or null. */
  lastError: string | null;
}

/** What `claimJobs` asks for. */
export interface JobClaim {
  kinds: readonly string[];
  limit: number;
  /** How long the claim holds each job before another worker may take it, in ms. */
  leaseMs: number;
  nowMs: number;
}

/** Filters for `listJobs`. */
export interface JobQuery {
  kind?: string;
  state?: JobState;
  /** Only jobs about this subject. */
  subject?: string;
  /** Only jobs created before this, in ms since the epoch (paging backwards). */
  beforeCreatedAtMs?: number;
  limit: number;
}

/** A jobs row in either dialect; booleans none, times ms integers, the payload JSON. */
export interface JobRow {
  id: string;
  kind: string;
  payload: string;
  subject: string | null;
  state: string;
  attempts: number;
  run_at_ms: number;
  created_at_ms: number;
  finished_at_ms: number | null;
  last_error: string | null;
}

/** The jobs table's columns, for SELECT and RETURNING in both dialects. */
export const jobColumns =
  'id, kind, payload, subject, state, attempts, run_at_ms, created_at_ms, finished_at_ms, last_error';

/** A row as the record. */
export function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    subject: row.subject,
    state: row.state as JobState,
    attempts: row.attempts,
    runAtMs: row.run_at_ms,
    createdAtMs: row.created_at_ms,
    finishedAtMs: row.finished_at_ms,
    lastError: row.last_error,
  };
}

/** One condition of a job query: `column operator value`, the value a bound parameter. */
export interface JobCondition {
  column: 'kind' | 'state' | 'subject' | 'created_at_ms';
  operator: '=' | '<';
  value: string | number;
}

/** The conditions of `query` that are set, in one order, for both dialects. */
export function toJobConditions(query: JobQuery): JobCondition[] {
  const conditions: Array<Omit<JobCondition, 'value'> & { value: string | number | undefined }> = [
    { column: 'kind', operator: '=', value: query.kind },
    { column: 'state', operator: '=', value: query.state },
    { column: 'subject', operator: '=', value: query.subject },
    { column: 'created_at_ms', operator: '<', value: query.beforeCreatedAtMs },
  ];
  return conditions.filter((condition): condition is JobCondition => condition.value !== undefined);
}

/** The order a claimed batch comes in, in every backend. */
export const compareJobIds = (a: JobRecord, b: JobRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
