import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import { ChangesResponseSchema, type ChangesResponse } from '../../../src/protocol/index.js';
import { createApp } from '../../../server/src/app.js';
import type { ServerConfig } from '../../../server/src/config.js';
import type { CommentStore } from '../../../server/src/store/comment-store.js';
import { createMemoryStore } from '../../../server/src/store/memory-store.js';
import { createSqliteStore } from '../../../server/src/store/sqlite-store.js';
import type { StoreFixture } from '../store-contract.js';
import { commentsUrl, lenientDemoSite, makeTempDir, testAdmin } from './fixtures.js';
import { jsonPost } from './http.js';
import { openPostgresFixture, useTestPostgres } from './postgres.js';

// Top-level await: the test process's database is made (and its drop registered) on import.
const testPg = await useTestPostgres();

/** A backend the API suites run over. */
export interface ApiBackend {
  name: string;
  open: () => Promise<StoreFixture>;
}

export const apiBackends: readonly ApiBackend[] = [
  {
    name: 'memory',
    open: async () => {
      const store = createMemoryStore();
      return { store, cleanup: () => store.close() };
    },
  },
  {
    name: 'sqlite file',
    open: async () => {
      const temp = await makeTempDir();
      const store = createSqliteStore(path.join(temp.dir, 'api.db'));
      return {
        store,
        cleanup: async () => {
          await store.close();
          await temp.remove();
        },
      };
    },
  },
  // Left out, after one printed line, when no PostgreSQL answers (see helpers/postgres.ts).
  ...(testPg
    ? [
        {
          name: 'postgres',
          open: () => openPostgresFixture(testPg),
        },
      ]
    : []),
];

/** The server clock the harness starts at: 2025-06-01T12:00:00Z. */
export const startMs = Date.UTC(2025, 5, 1, 12, 0, 0);

type App = ReturnType<typeof createApp>;

/**
 * An app over a fresh store, with a clock the test moves by hand. Its config defaults to
 * `lenientDemoSite` (no proof of work, unreachable rate limits), one admin, `testAdmin`, and
 * warnings dropped;
 * `makeApp` overrides any field (pass `sites: [demoSite]` to test the real defaults).
 */
export interface ApiHarness {
  app: App;
  store: CommentStore;
  clockMs: number;
  /** Another app over the same store and clock, with config overrides. */
  makeApp: (config?: Partial<ServerConfig>) => App;
  /** POSTs a new comment as JSON, with optional extra headers (Authorization, Origin…). */
  post: (thread: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;
  /** GETs a thread's changes on the default site (no Origin), asserting 200 and the schema. */
  list: (thread: string, since?: string, headers?: Record<string, string>) => Promise<ChangesResponse>;
}

/**
 * Opens `backend` afresh before each test of the enclosing suite and closes it after, so no test
 * sees another's rows; fields are ready inside tests and `beforeEach` hooks declared after it.
 */
export function useApiHarness(backend: ApiBackend): ApiHarness {
  let cleanup: () => Promise<void> = async () => undefined;
  const harness: ApiHarness = {
    app: undefined as unknown as App,
    store: undefined as unknown as CommentStore,
    clockMs: startMs,
    makeApp: (config = {}) =>
      createApp(harness.store, {
        now: () => harness.clockMs,
        sites: [lenientDemoSite],
        admins: [testAdmin],
        // Refused origins are logged; the tests that care pass their own.
        logWarn: () => undefined,
        ...config,
      }),
    post: async (thread, body, headers = {}) =>
      harness.app.request(commentsUrl(thread), jsonPost(body, headers)),
    list: async (thread, since, headers = {}) => {
      const response = await harness.app.request(commentsUrl(thread, since), { headers });
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json());
    },
  };
  beforeEach(async () => {
    harness.clockMs = startMs;
    const fixture = await backend.open();
    harness.store = fixture.store;
    cleanup = fixture.cleanup;
    harness.app = harness.makeApp();
  });
  afterEach(async () => {
    await cleanup();
  });
  return harness;
}
