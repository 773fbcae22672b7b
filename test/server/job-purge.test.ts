import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createJobPurge, finishedJobsKeptMs, purgeJobKind } from '../../server/src/jobs/job-purge.js';
import { createJobWorker } from '../../server/src/jobs/job-worker.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { makeTempDir } from './helpers/fixtures.js';

const dayMs = 24 * 60 * 60_000;
// 2025-06-01T12:00:00Z.
const startMs = Date.UTC(2025, 5, 1, 12);

describe('the daily purge of finished jobs', () => {
  it('deletes jobs finished more than 30 days ago at 01:00 UTC, keeps the rest, and queues the next day', async () => {
    const temp = await makeTempDir();
    const store = createSqliteStore(path.join(temp.dir, 'purge.db'));
    let clockMs = startMs;
    const now = () => clockMs;
    try {
      const purge = createJobPurge({ store, now });
      const worker = createJobWorker({
        store,
        now,
        handlers: { ...purge.handlers, 'email.send': async () => undefined },
      });
      for (const id of ['old', 'recent']) {
        await store.enqueueJob({ id, kind: 'email.send', payload: {}, runAtMs: clockMs }, clockMs);
        await worker.runDue();
        clockMs += finishedJobsKeptMs - dayMs;
      }
      await store.enqueueJob(
        { id: 'waiting', kind: 'email.send', payload: {}, runAtMs: clockMs + 9 * dayMs },
        clockMs,
      );
      await purge.schedule();
      // Scheduling twice (a second process starting) queues one.
      await purge.schedule();
      const [first] = await store.listJobs({ kind: purgeJobKind, limit: 10 });
      const firstAtMs = Date.UTC(2025, 6, 30, 1);
      assert.deepEqual(
        [first?.runAtMs, (await store.listJobs({ kind: purgeJobKind, limit: 10 })).length],
        [firstAtMs, 1],
      );

      clockMs = firstAtMs;
      await worker.runDue();
      assert.equal(await store.getJob('old'), null, 'finished 30 days ago and more');
      assert.equal((await store.getJob('recent'))?.state, 'done');
      assert.equal((await store.getJob('waiting'))?.state, 'queued', 'never purged while unfinished');
      const next = await store.getJob(`${purgeJobKind}:2025-07-31`);
      assert.equal(next?.runAtMs, firstAtMs + dayMs);
    } finally {
      await store.close();
      await temp.remove();
    }
  });
});
