import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJobWorker, PermanentJobError, type JobHandler } from '../../server/src/jobs/job-worker.js';
import { nextRetryAtMs, type RetrySchedule } from '../../server/src/jobs/retry-schedule.js';
import type { JobRecord } from '../../server/src/store/job-queue.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';

const startMs = Date.UTC(2026, 11, 7, 9, 0, 0);
const minuteMs = 60_000;
const schedule: RetrySchedule = {
  firstDelayMs: minuteMs,
  maxDelayMs: 8 * minuteMs,
  giveUpAfterMs: 30 * minuteMs,
};

/** A memory store, a clock the test moves, and a worker over both running `handler` for kind `k`. */
function setUp(handler: JobHandler) {
  const store = createMemoryStore();
  const clock = { nowMs: startMs };
  const warnings: string[] = [];
  const worker = createJobWorker({
    store,
    handlers: { k: handler },
    now: () => clock.nowMs,
    retry: schedule,
    logWarn: (message) => warnings.push(message),
  });
  const enqueue = (id: string, runAtMs = clock.nowMs) =>
    store.enqueueJob({ id, kind: 'k', payload: { id }, runAtMs, subject: null }, clock.nowMs);
  return { store, clock, worker, warnings, enqueue };
}

describe('nextRetryAtMs', () => {
  it('doubles the wait from the first delay up to the largest, and gives up past the end', () => {
    const created = startMs;
    assert.equal(nextRetryAtMs(1, created, startMs, schedule), startMs + minuteMs);
    assert.equal(nextRetryAtMs(2, created, startMs, schedule), startMs + 2 * minuteMs);
    assert.equal(nextRetryAtMs(4, created, startMs, schedule), startMs + 8 * minuteMs);
    assert.equal(nextRetryAtMs(9, created, startMs, schedule), startMs + 8 * minuteMs);
    assert.equal(nextRetryAtMs(1, created, startMs + 29 * minuteMs, schedule), startMs + 30 * minuteMs);
    assert.equal(nextRetryAtMs(1, created, startMs + 29 * minuteMs + 1, schedule), null);
  });
});

describe('the job worker', () => {
  it('runs each due job once, with its payload, and marks it done; a job not yet due waits', async () => {
    const seen: unknown[] = [];
    const { store, clock, worker, enqueue } = setUp(async (job) => {
      seen.push(job.payload);
    });
    await enqueue('a');
    await enqueue('b');
    await enqueue('later', startMs + minuteMs);

    assert.equal(await worker.runDue(), 2);
    assert.deepEqual(seen, [{ id: 'a' }, { id: 'b' }]);
    assert.deepEqual(
      [(await store.getJob('a'))?.state, (await store.getJob('later'))?.state],
      ['done', 'queued'],
    );
    assert.equal(await worker.runDue(), 0);
    clock.nowMs += minuteMs;
    assert.equal(await worker.runDue(), 1);
    assert.deepEqual(seen.at(-1), { id: 'later' });
  });

  it('retries a failing job on the schedule with its reason, and gives up past its end', async () => {
    let tries = 0;
    const { store, clock, worker, warnings, enqueue } = setUp(async () => {
      tries += 1;
      throw new Error(`421 busy (try ${tries})`);
    });
    await enqueue('a');
    const dueTimes: number[] = [];
    for (let step = 0; step < 40 && (await store.getJob('a'))?.state === 'queued'; step += 1) {
      const job = (await store.getJob('a'))!;
      clock.nowMs = job.runAtMs;
      dueTimes.push(job.runAtMs - startMs);
      await worker.runDue();
    }
    // Tried at once, then after 1, 2, 4, 8, 8 and 8 minutes; the next would pass 30 minutes.
    assert.deepEqual(
      dueTimes.map((ms) => ms / minuteMs),
      [0, 1, 3, 7, 15, 23],
    );
    const failed = (await store.getJob('a'))!;
    assert.deepEqual(
      [failed.state, failed.attempts, failed.lastError],
      ['failed', 6, 'Error: 421 busy (try 6)'],
    );
    assert.equal(warnings.length, 6);
    assert.match(warnings.at(-1)!, /^job k a, attempt 6: Error: 421 busy \(try 6\); given up$/);
  });

  it('fails a job for good at once on a PermanentJobError', async () => {
    const { store, worker, enqueue } = setUp(async () => {
      throw new PermanentJobError('550 no such mailbox');
    });
    await enqueue('a');
    await worker.runDue();
    const job = await store.getJob('a');
    assert.deepEqual(
      [job?.state, job?.attempts, job?.lastError],
      ['failed', 1, 'PermanentJobError: 550 no such mailbox'],
    );
  });

  it('runs once again a job whose worker died holding it, once the lease has ended', async () => {
    const ran: JobRecord[] = [];
    const { store, clock, worker, enqueue } = setUp(async (job) => {
      ran.push(job);
    });
    await enqueue('a');
    // A worker takes it and dies before finishing: nothing ends its lease but time.
    await store.claimJobs({ kinds: ['k'], limit: 1, leaseMs: minuteMs, nowMs: clock.nowMs });
    assert.equal(await worker.runDue(), 0);
    clock.nowMs += minuteMs;
    assert.equal(await worker.runDue(), 1);
    assert.deepEqual(
      ran.map((job) => [job.id, job.attempts]),
      [['a', 2]],
    );
    assert.equal((await store.getJob('a'))?.state, 'done');
  });

  it('leaves a job claimed when the store cannot record that it was done, and runs it again later', async () => {
    const store = createMemoryStore();
    const clock = { nowMs: startMs };
    let runs = 0;
    const handlers = { k: async () => void (runs += 1) };
    const failing = createJobWorker({
      store: { ...store, completeJob: async () => Promise.reject(new Error('database unreachable')) },
      handlers,
      now: () => clock.nowMs,
    });
    await store.enqueueJob({ id: 'a', kind: 'k', payload: {}, runAtMs: clock.nowMs }, clock.nowMs);
    await assert.rejects(failing.runDue(), /database unreachable/);
    const claimed = await store.getJob('a');
    assert.deepEqual([claimed?.state, claimed?.lastError, runs], ['running', null, 1]);

    clock.nowMs = claimed!.runAtMs;
    const healthy = createJobWorker({ store, handlers, now: () => clock.nowMs });
    assert.equal(await healthy.runDue(), 1);
    assert.deepEqual([(await store.getJob('a'))?.state, runs], ['done', 2]);
  });

  it('runs jobs queued while it waits once woken, and stops only after the job it is running', async () => {
    let release: () => void = () => undefined;
    const started: string[] = [];
    const finished: string[] = [];
    const { store, worker, enqueue } = setUp(async (job) => {
      started.push(job.id);
      await new Promise<void>((resolve) => (release = resolve));
      finished.push(job.id);
    });
    worker.start();
    await enqueue('a');
    worker.wake();
    while (started.length === 0) await new Promise((resolve) => setImmediate(resolve));

    let isStopped = false;
    const stopped = worker.stop().then(() => (isStopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(isStopped, false, 'stop waits for the running job');
    release();
    await stopped;
    assert.deepEqual(finished, ['a']);
    assert.equal((await store.getJob('a'))?.state, 'done');
  });
});
