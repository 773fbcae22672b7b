import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { createPostgresStore } from '../../../server/src/store/postgres-store.js';
import type { StoreFixture } from '../store-contract.js';

/** The server the PostgreSQL suites use: a superuser connection to its maintenance database. */
export const adminPgUrl = process.env.HEARTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database made for this test process, and a way to carve fresh schemas out of it. */
export interface TestPostgres {
  /** The URL of `hearth_test_<pid>_<random>`, dropped when the test process ends. */
  url: string;
  /**
   * A URL whose connections use a new, empty schema of that database (through `search_path`),
   * so each store under test starts empty without the cost of a database; `drop` removes it.
   */
  createSchema: () => Promise<{ url: string; drop: () => Promise<void> }>;
}

let pending: Promise<TestPostgres | null> | undefined;
let schemaCount = 0;

/** A URL like `base`, on database `name`. */
function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}

/** Whether PostgreSQL answers at {@link adminPgUrl}; the error's message when not. */
async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminPgUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function create(): Promise<TestPostgres | null> {
  const problem = await probe();
  const where = new URL(adminPgUrl).host;
  if (problem !== null) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL not reachable at ${where} (${problem}), and CI=true requires it.`);
    }
    console.log(
      `PostgreSQL not reachable at ${where} (${problem}): skipping PostgreSQL suites; start it with ` +
        '`pg_ctlcluster 15 main start` or set HEARTH_TEST_PG_URL.',
    );
    return null;
  }
  const name = `hearth_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminPgUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  after(async () => {
    const dropper = new pg.Client({ connectionString: adminPgUrl });
    await dropper.connect();
    try {
      // FORCE ends connections a failed test left open.
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  });
  const url = withDatabase(adminPgUrl, name);
  return {
    url,
    createSchema: async () => {
      const schema = `store_${++schemaCount}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await client.end();
      }
      const schemaUrl = new URL(url);
      // Commits need not reach the disk in tests: that halves a store's start-up (migrations).
      schemaUrl.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
      return {
        url: schemaUrl.href,
        drop: async () => {
          const dropper = new pg.Client({ connectionString: url });
          await dropper.connect();
          try {
            await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
          } finally {
            await dropper.end();
          }
        },
      };
    },
  };
}

/**
 * The test process's PostgreSQL database, created on first call (call it at a test file's top
 * level or import time, so the drop registers on the whole file). Null, after printing one line
 * saying why, when no PostgreSQL answers, so callers skip their PostgreSQL suites; under
 * `CI=true` an unreachable server throws instead.
 */
export function useTestPostgres(): Promise<TestPostgres | null> {
  pending ??= create();
  return pending;
}

/**
 * A PostgreSQL store over a fresh schema of `testPg`; its cleanup closes it. The schema stays
 * until the test database is dropped at the end of the file: the API suites open a store per
 * test, and a DROP SCHEMA each would only add time.
 */
export async function openPostgresFixture(testPg: TestPostgres): Promise<StoreFixture> {
  const schema = await testPg.createSchema();
  const store = await createPostgresStore(schema.url);
  return { store, cleanup: () => store.close() };
}
