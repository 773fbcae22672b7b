import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { postgresMigrations } from '../../server/src/store/migrations/postgres.js';
import { createPostgresStore } from '../../server/src/store/postgres-store.js';
import { ChangesResponseSchema, CommentSchema } from '../../src/protocol/index.js';
import { commentsUrl, makeTempDir } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { useTestPostgres } from './helpers/postgres.js';
import { killServer, spawnServer, waitForListening } from './helpers/server-process.js';
import { makeInsert } from './store-contract.js';

const testPg = await useTestPostgres();

/** Runs one query on the database a URL names (schema included) and returns its rows. */
async function queryRows<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL store specifics', { skip: testPg ? false : 'no PostgreSQL' }, () => {
  it('migrates once when several stores open a fresh database at the same time', async () => {
    const schema = await testPg!.createSchema();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(schema.url)));
      const results = await Promise.all(stores.map((store) => store.insertComment(makeInsert('/t'))));
      assert.deepEqual(
        results.map((result) => result.kind),
        ['created', 'created', 'created', 'created'],
      );
      await Promise.all(stores.map((store) => store.close()));
      assert.deepEqual(await queryRows(schema.url, 'SELECT version FROM hearth_schema_version'), [
        { version: postgresMigrations.length },
      ]);
    } finally {
      await schema.drop();
    }
  });

  it('refuses a database from a newer schema version', async () => {
    const schema = await testPg!.createSchema();
    try {
      await (await createPostgresStore(schema.url)).close();
      await queryRows(
        schema.url,
        `UPDATE hearth_schema_version SET version = ${postgresMigrations.length + 1}`,
      );
      await assert.rejects(createPostgresStore(schema.url), /newer than this server knows/);
    } finally {
      await schema.drop();
    }
  });

  it('keeps seqs as numbers past 2^32 and continues the sequence across reopening', async () => {
    const schema = await testPg!.createSchema();
    try {
      await (await createPostgresStore(schema.url)).close();
      await queryRows(schema.url, 'UPDATE change_seq SET value = 5000000000');
      const store = await createPostgresStore(schema.url);
      const result = await store.insertComment(makeInsert('/big'));
      const page = await store.listChanges('demo', '/big', 4_999_999_999, 10);
      await store.close();
      assert.ok(result.kind === 'created');
      assert.equal(result.comment.seq, 5_000_000_001);
      assert.deepEqual(page.comments, [result.comment]);
    } finally {
      await schema.drop();
    }
  });

  it('shares the job queue between stores on one database: each job is claimed once', async () => {
    const schema = await testPg!.createSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(schema.url)));
    try {
      const ids = Array.from({ length: 200 }, (_, index) => `job-${index}`);
      for (const id of ids) await stores[0]!.enqueueJob({ id, kind: 'k', payload: {}, runAtMs: 0 }, 0);
      // Every store claims in small batches at once, as worker processes would, until none is left.
      const claimed = await Promise.all(
        stores.map(async (store) => {
          const taken: string[] = [];
          for (;;) {
            const batch = await store.claimJobs({ kinds: ['k'], limit: 7, leaseMs: 60_000, nowMs: 1 });
            if (batch.length === 0) return taken;
            taken.push(...batch.map((job) => job.id));
          }
        }),
      );
      const all = claimed.flat();
      assert.equal(all.length, ids.length, 'no job was claimed twice');
      assert.deepEqual(new Set(all), new Set(ids));
      assert.ok(claimed.filter((taken) => taken.length > 0).length > 1, 'more than one store took jobs');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await schema.drop();
    }
  });

  it('issues one confirmation to stores asking for one address at once, and confirms its token once', async () => {
    const schema = await testPg!.createSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(schema.url)));
    try {
      const ask = (email: string, atMs: number) =>
        Promise.all(
          stores.map((store, index) =>
            store.requestConfirmation({
              site: 'demo',
              email,
              locale: null,
              tokenHash: `${email}-${atMs}-${index}`,
              expiresAtMs: atMs + 1_000,
              nowMs: atMs,
            }),
          ),
        );
      const issuedToken = (outcomes: string[], email: string, atMs: number) => {
        assert.deepEqual([...outcomes].sort(), ['issued', 'waiting', 'waiting', 'waiting']);
        return `${email}-${atMs}-${outcomes.indexOf('issued')}`;
      };
      // A new address, and one whose token expired: both are races for the same row.
      const fresh = issuedToken(await ask('new@x', 0), 'new@x', 0);
      await ask('expired@x', 0);
      const renewed = issuedToken(await ask('expired@x', 1_000), 'expired@x', 1_000);

      for (const [token, atMs] of [
        [fresh, 500],
        [renewed, 1_500],
      ] as const) {
        const confirmed = await Promise.all(stores.map((store) => store.confirmEmailAddress(token, atMs)));
        assert.equal(confirmed.filter((address) => address?.state === 'verified').length, 1, token);
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await schema.drop();
    }
  });

  it('serves a real server process from DATABASE_URL and keeps comments through kill -9', async () => {
    const schema = await testPg!.createSchema();
    const temp = await makeTempDir();
    try {
      const config = path.join(temp.dir, 'hearth.json');
      const site = { id: 'demo', origins: ['http://127.0.0.1:*'], proofOfWork: { enabled: false } };
      await writeFile(config, JSON.stringify({ sites: [{ ...site, limits: { minComposeSeconds: 0 } }] }));
      const env = { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: schema.url, HEARTH_CONFIG: config };
      const first = spawnServer(env);
      const origin = await waitForListening(first);
      const posted = await fetch(
        origin + commentsUrl('/durable'),
        jsonPost({ id: randomUUID(), authorName: 'Dee', body: 'Kept in PostgreSQL.' }),
      );
      assert.equal(posted.status, 201);
      const comment = CommentSchema.parse(await posted.json());
      await killServer(first, 'SIGKILL');

      const second = spawnServer(env);
      try {
        const page = await fetch((await waitForListening(second)) + commentsUrl('/durable'));
        assert.deepEqual(ChangesResponseSchema.parse(await page.json()).comments, [comment]);
      } finally {
        await killServer(second);
      }
      assert.ok(!first.output.stderr.includes('postgres://'), 'the URL is never printed');
    } finally {
      await temp.remove();
      await schema.drop();
    }
  });
});
