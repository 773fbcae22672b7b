import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { JobRecord, NewJob } from '../../server/src/store/job-queue.js';
import type { StoreFixture } from './store-contract.js';
import { nowMs, useStore } from './store-contract.js';

const leaseMs = 60_000;

function job(id: string, overrides: Partial<NewJob> = {}): NewJob {
  return {
    id,
    kind: 'email.reply',
    payload: { to: `${id}@example.org`, n: [1, 2] },
    runAtMs: nowMs,
    ...overrides,
  };
}

const idsOf = (jobs: readonly JobRecord[]) => jobs.map((record) => record.id);

/** The durable job queue (job-queue.ts) every backend shares. */
export function runJobQueueContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  const claim = (atMs: number, limit = 10, kinds: string[] = ['email.reply']) =>
    current.get().claimJobs({ kinds, limit, leaseMs, nowMs: atMs });

  it('queues a job once per id, keeping the first, with its payload as given', async () => {
    const store = current.get();
    assert.equal(await store.enqueueJob(job('a'), nowMs), true);
    assert.equal(await store.enqueueJob(job('a', { payload: { other: true } }), nowMs + 1), false);
    assert.deepEqual(await store.getJob('a'), {
      id: 'a',
      kind: 'email.reply',
      payload: { to: 'a@example.org', n: [1, 2] },
      subject: null,
      state: 'queued',
      attempts: 0,
      runAtMs: nowMs,
      createdAtMs: nowMs,
      finishedAtMs: null,
      lastError: null,
    });
    assert.equal(await store.getJob('missing'), null);
  });

  it('reads many jobs by id at once, those that exist, once each', async () => {
    const store = current.get();
    await store.enqueueJob(job('a'), nowMs);
    await store.enqueueJob(job('b', { payload: { other: true } }), nowMs + 1);
    const ids = ['b', 'missing', 'a', 'b', ...Array.from({ length: 500 }, (_, i) => `none-${i}`)];
    const jobs = await store.getJobs(ids);
    assert.deepEqual(
      jobs.sort((x, y) => (x.id < y.id ? -1 : 1)),
      [await store.getJob('a'), await store.getJob('b')],
    );
    assert.deepEqual(await store.getJobs([]), []);
  });

  it('claims the soonest due jobs of its kinds, up to its limit, under a lease, in id order', async () => {
    const store = current.get();
    await store.enqueueJob(job('later', { runAtMs: nowMs + 5_000 }), nowMs);
    await store.enqueueJob(job('y-due-second', { runAtMs: nowMs - 10 }), nowMs);
    await store.enqueueJob(job('z-due-first', { runAtMs: nowMs - 20 }), nowMs);
    await store.enqueueJob(job('hook', { kind: 'webhook' }), nowMs);
    await store.enqueueJob(job('a-due-third'), nowMs);

    const taken = await claim(nowMs, 2);
    assert.deepEqual(idsOf(taken), ['y-due-second', 'z-due-first']);
    assert.deepEqual(
      taken.map((record) => [record.state, record.attempts, record.runAtMs]),
      [
        ['running', 1, nowMs + leaseMs],
        ['running', 1, nowMs + leaseMs],
      ],
    );
    // While the lease lasts, nobody else takes them; the rest come when due.
    assert.deepEqual(idsOf(await claim(nowMs + 1)), ['a-due-third']);
    assert.deepEqual(idsOf(await claim(nowMs + 2)), []);
    assert.deepEqual(idsOf(await claim(nowMs + 5_000)), ['later']);
    assert.deepEqual(idsOf(await claim(nowMs, 10, ['webhook'])), ['hook']);
  });

  it('takes back a job whose worker died: its lease ends and the next claim is attempt 2', async () => {
    const store = current.get();
    await store.enqueueJob(job('a'), nowMs);
    const [first] = await claim(nowMs);
    assert.equal(first?.attempts, 1);
    const [again] = await claim(nowMs + leaseMs);
    assert.equal(again?.attempts, 2);
    // The dead worker's attempt no longer holds the job: it can neither finish nor fail it.
    assert.equal(await store.completeJob('a', 1, nowMs + leaseMs + 1), false);
    assert.equal(await store.failJob('a', 1, 'late', null, nowMs + leaseMs + 1), false);
    assert.equal(await store.completeJob('a', 2, nowMs + leaseMs + 2), true);
    assert.deepEqual(
      { ...(await store.getJob('a')), payload: undefined },
      {
        id: 'a',
        kind: 'email.reply',
        payload: undefined,
        subject: null,
        state: 'done',
        attempts: 2,
        runAtMs: nowMs + 2 * leaseMs,
        createdAtMs: nowMs,
        finishedAtMs: nowMs + leaseMs + 2,
        lastError: null,
      },
    );
    assert.deepEqual(await claim(nowMs + 10 * leaseMs), []);
  });

  it('queues a failed attempt again at its retry time with the reason, or fails it for good', async () => {
    const store = current.get();
    await store.enqueueJob(job('retry'), nowMs);
    await store.enqueueJob(job('give-up'), nowMs);
    await claim(nowMs);
    assert.equal(await store.failJob('retry', 1, '421 try later', nowMs + 30_000, nowMs + 1), true);
    assert.equal(await store.failJob('give-up', 1, '550 no such user', null, nowMs + 1), true);

    const retried = await store.getJob('retry');
    assert.deepEqual(
      [retried?.state, retried?.runAtMs, retried?.lastError],
      ['queued', nowMs + 30_000, '421 try later'],
    );
    const failed = await store.getJob('give-up');
    assert.deepEqual(
      [failed?.state, failed?.finishedAtMs, failed?.lastError],
      ['failed', nowMs + 1, '550 no such user'],
    );
    assert.deepEqual(await claim(nowMs + 29_999), []);
    const [back] = await claim(nowMs + 30_000);
    assert.deepEqual([back?.id, back?.attempts, back?.lastError], ['retry', 2, '421 try later']);
    // Done clears the reason of the attempt before.
    await store.completeJob('retry', 2, nowMs + 30_001);
    assert.equal((await store.getJob('retry'))?.lastError, null);
  });

  it('cancels the queued jobs about a subject, not the running or finished ones', async () => {
    const store = current.get();
    await store.enqueueJob(job('queued', { subject: 'comment-1' }), nowMs);
    await store.enqueueJob(job('later', { subject: 'comment-1', runAtMs: nowMs + 1_000 }), nowMs);
    await store.enqueueJob(job('other', { subject: 'comment-2' }), nowMs);
    await store.enqueueJob(job('running', { subject: 'comment-1', runAtMs: nowMs - 1 }), nowMs);
    await claim(nowMs, 1);

    assert.equal(await store.cancelJobs('comment-1', nowMs + 5), 2);
    assert.deepEqual(
      await Promise.all(
        ['queued', 'later', 'other', 'running'].map(async (id) => (await store.getJob(id))?.state),
      ),
      ['cancelled', 'cancelled', 'queued', 'running'],
    );
    assert.equal((await store.getJob('queued'))?.finishedAtMs, nowMs + 5);
    assert.deepEqual(idsOf(await claim(nowMs + 2_000)), ['other']);
    assert.equal(await store.cancelJobs('comment-1', nowMs + 6), 0);
  });

  it('lists jobs newest first, by kind, state, subject and creation, and purges finished ones', async () => {
    const store = current.get();
    await store.enqueueJob(job('old', { runAtMs: nowMs - 1 }), nowMs);
    await store.enqueueJob(job('hook', { kind: 'webhook', subject: 'webhook:blog' }), nowMs + 1);
    await store.enqueueJob(job('new'), nowMs + 2);
    const [taken] = await claim(nowMs + 3, 1);
    await store.completeJob(taken!.id, 1, nowMs + 4);

    assert.deepEqual(idsOf(await store.listJobs({ limit: 10 })), ['new', 'hook', 'old']);
    assert.deepEqual(idsOf(await store.listJobs({ limit: 2 })), ['new', 'hook']);
    assert.deepEqual(idsOf(await store.listJobs({ kind: 'email.reply', limit: 10 })), ['new', 'old']);
    assert.deepEqual(idsOf(await store.listJobs({ state: 'done', limit: 10 })), ['old']);
    assert.deepEqual(idsOf(await store.listJobs({ subject: 'webhook:blog', limit: 10 })), ['hook']);
    assert.deepEqual(idsOf(await store.listJobs({ subject: 'webhook:docs', limit: 10 })), []);
    assert.deepEqual(idsOf(await store.listJobs({ beforeCreatedAtMs: nowMs + 2, limit: 10 })), [
      'hook',
      'old',
    ]);

    assert.equal(await store.purgeJobs(nowMs + 4), 0);
    assert.equal(await store.purgeJobs(nowMs + 5), 1);
    assert.deepEqual(idsOf(await store.listJobs({ limit: 10 })), ['new', 'hook']);
  });
}
