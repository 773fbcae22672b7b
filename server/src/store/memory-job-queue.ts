import { compareJobIds, JobState, toJobConditions, type JobQueueStore, type JobRecord } from './job-queue.js';

/** The job queue in the process, for the memory store: the same rules, gone with the process. */
export function createMemoryJobQueue(): JobQueueStore {
  const jobs = new Map<string, JobRecord>();
  const isFinished = (job: JobRecord) =>
    job.state === JobState.done || job.state === JobState.failed || job.state === JobState.cancelled;
  const byDue = (a: JobRecord, b: JobRecord) => a.runAtMs - b.runAtMs || (a.id < b.id ? -1 : 1);
  /** The job `attempt` holds, running; else undefined. */
  const heldBy = (id: string, attempt: number) => {
    const job = jobs.get(id);
    return job?.state === JobState.running && job.attempts === attempt ? job : undefined;
  };

  return {
    async enqueueJob({ id, kind, payload, runAtMs, subject = null }, nowMs) {
      if (jobs.has(id)) return false;
      jobs.set(id, {
        id,
        kind,
        payload: JSON.parse(JSON.stringify(payload)) as unknown,
        subject,
        state: JobState.queued,
        attempts: 0,
        runAtMs,
        createdAtMs: nowMs,
        finishedAtMs: null,
        lastError: null,
      });
      return true;
    },

    async claimJobs({ kinds, limit, leaseMs, nowMs }) {
      const due = [...jobs.values()]
        .filter((job) => !isFinished(job) && job.runAtMs <= nowMs && kinds.includes(job.kind))
        .sort(byDue)
        .slice(0, Math.max(0, limit));
      for (const job of due) {
        Object.assign(job, { state: JobState.running, attempts: job.attempts + 1, runAtMs: nowMs + leaseMs });
      }
      return due.map((job) => structuredClone(job)).sort(compareJobIds);
    },

    async completeJob(id, attempt, nowMs) {
      const job = heldBy(id, attempt);
      if (job) Object.assign(job, { state: JobState.done, finishedAtMs: nowMs, lastError: null });
      return job !== undefined;
    },

    async failJob(id, attempt, error, retryAtMs, nowMs) {
      const job = heldBy(id, attempt);
      if (!job) return false;
      if (retryAtMs === null)
        Object.assign(job, { state: JobState.failed, finishedAtMs: nowMs, lastError: error });
      else Object.assign(job, { state: JobState.queued, runAtMs: retryAtMs, lastError: error });
      return true;
    },

    async cancelJobs(subject, nowMs) {
      let count = 0;
      for (const job of jobs.values()) {
        if (job.subject !== subject || job.state !== JobState.queued) continue;
        Object.assign(job, { state: JobState.cancelled, finishedAtMs: nowMs });
        count += 1;
      }
      return count;
    },

    async getJob(id) {
      const job = jobs.get(id);
      return job ? structuredClone(job) : null;
    },

    async getJobs(ids) {
      return [...new Set(ids)].flatMap((id) => {
        const job = jobs.get(id);
        return job ? [structuredClone(job)] : [];
      });
    },

    async listJobs(query) {
      const fields = {
        kind: 'kind',
        state: 'state',
        subject: 'subject',
        created_at_ms: 'createdAtMs',
      } as const;
      const conditions = toJobConditions(query);
      return [...jobs.values()]
        .filter((job) =>
          conditions.every(({ column, operator, value }) =>
            operator === '='
              ? job[fields[column]] === value
              : (job[fields[column]] as number) < (value as number),
          ),
        )
        .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : -1))
        .slice(0, Math.max(0, query.limit))
        .map((job) => structuredClone(job));
    },

    async purgeJobs(beforeMs) {
      let count = 0;
      for (const [id, job] of jobs) {
        if (!isFinished(job) || (job.finishedAtMs ?? Infinity) >= beforeMs) continue;
        jobs.delete(id);
        count += 1;
      }
      return count;
    },
  };
}
