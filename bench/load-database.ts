import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The databases the load benchmark runs against. */
export const LoadStore = { sqlite: 'sqlite', postgres: 'postgres' } as const;
export type LoadStore = (typeof LoadStore)[keyof typeof LoadStore];

/** A fresh, empty database for one benchmark cell, and how to throw it away. */
export interface BenchDatabase {
  /** The `DATABASE_URL` the server processes get. */
  url: string;
  /** Removes the SQLite directory or drops the PostgreSQL database. */
  drop(): Promise<void>;
}

/** The PostgreSQL server the bench creates its databases on (trust auth, user postgres). */
export const benchPostgresAdminUrl =
  process.env.HEARTH_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates an empty database: a SQLite file in a new temporary directory, or
 * `hearth_bench_<random>` on `benchPostgresAdminUrl`. The server's migrations create the tables.
 */
export async function createBenchDatabase(store: LoadStore): Promise<BenchDatabase> {
  if (store === LoadStore.sqlite) {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-load-'));
    return {
      url: `sqlite:${join(dir, 'hearth.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `hearth_bench_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(benchPostgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    // FORCE: a server process that failed to stop must not keep the database alive.
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdminClient(body: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: benchPostgresAdminUrl });
  await client.connect();
  try {
    await body(client);
  } finally {
    await client.end();
  }
}
