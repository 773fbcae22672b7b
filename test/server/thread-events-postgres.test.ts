import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { ChangeNotifier, ThreadChangeNotice } from '../../server/src/live/change-notifier.js';
import { createPostgresChangeNotifier } from '../../server/src/live/postgres-change-notifier.js';
import { adminPgUrl, useTestPostgres } from './helpers/postgres.js';

const postgres = await useTestPostgres();

/** Resolves with the first notice `notifier` delivers for the thread, or rejects after `ms` (default 15,000: it only bounds a hang). */
function nextNotice(
  notifier: ChangeNotifier,
  site: string,
  thread: string,
  ms = 15_000,
): Promise<ThreadChangeNotice> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no notice for ${thread} within ${ms} ms`));
    }, ms);
    const unsubscribe = notifier.subscribe(site, thread, (notice) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(notice);
    });
  });
}

describe('PostgreSQL change notifier (LISTEN/NOTIFY)', { skip: postgres === null }, () => {
  const databaseUrl = postgres?.url ?? '';
  const database = databaseUrl === '' ? '' : new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminPgUrl });
  let processA: ChangeNotifier;
  let processB: ChangeNotifier;
  // The reconnect test cuts connections on purpose; what the notifiers log about it is expected.
  const logged: string[] = [];
  const logError = (message: string) => logged.push(message);

  before(async () => {
    await admin.connect();
    processA = await createPostgresChangeNotifier({
      connectionString: databaseUrl,
      minReconnectDelayMs: 50,
      logError,
    });
    processB = await createPostgresChangeNotifier({
      connectionString: databaseUrl,
      minReconnectDelayMs: 50,
      logError,
    });
  });
  after(async () => {
    await Promise.allSettled([processA?.close(), processB?.close()]);
    await admin.end();
  });

  it('carries a publish through one process to a subscriber of the other within 1 s', async () => {
    const heard = nextNotice(processB, 'demo', '/across');
    processA.publish({ site: 'demo', thread: '/across', seq: 42 });
    assert.deepEqual(await heard, { site: 'demo', thread: '/across', seq: 42 });
  });

  it("tells the publishing process's own subscribers once, and no other thread's", async () => {
    const seen: ThreadChangeNotice[] = [];
    const unsubscribe = processA.subscribe('demo', '/own', (notice) => seen.push(notice));
    const other = processA.subscribe('demo', '/not-this', (notice) => seen.push(notice));
    const heardByB = nextNotice(processB, 'demo', '/own');
    processA.publish({ site: 'demo', thread: '/own', seq: 7 });
    processA.publish({ site: 'docs', thread: '/own', seq: 8 });
    await heardByB;
    // The copy coming back through the database has had as long as B's to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    unsubscribe();
    other();
    assert.deepEqual(seen, [{ site: 'demo', thread: '/own', seq: 7 }]);
  });

  it('reconnects a listener whose connection dropped, and asks its subscribers to pull', async () => {
    const resync = nextNotice(processB, 'demo', '/resync');
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'hearth-listen' AND pid <> pg_backend_pid()`,
      [database],
    );
    assert.ok(killed.rowCount !== null && killed.rowCount >= 2, 'both listeners were cut');
    assert.deepEqual(await resync, { site: 'demo', thread: '/resync', seq: 0 });

    const heard = nextNotice(processB, 'demo', '/after');
    processA.publish({ site: 'demo', thread: '/after', seq: 43 });
    assert.deepEqual(await heard, { site: 'demo', thread: '/after', seq: 43 });
  });
});
