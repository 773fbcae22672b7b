import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Hono } from 'hono';
import { ChangesResponseSchema, type ChangesResponse } from '../../../src/protocol/index.js';
import { createApp } from '../../../server/src/app.js';
import type { ServerConfig } from '../../../server/src/config.js';
import type { CommentStore } from '../../../server/src/store/comment-store.js';
import { createMemoryStore } from '../../../server/src/store/memory-store.js';
import { createSqliteStore } from '../../../server/src/store/sqlite-store.js';
import type { StoreFixture } from '../store-contract.js';
import { commentsUrl, makeTempDir } from './fixtures.js';
import { jsonPost } from './http.js';

/** A backend the API suites run over; PostgreSQL (issue #6) adds one here. */
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
];

/** The server clock the harness starts at: 2025-06-01T12:00:00Z. */
export const startMs = Date.UTC(2025, 5, 1, 12, 0, 0);

/** An app over a fresh store, with a clock the test moves by hand. */
export interface ApiHarness {
  app: Hono;
  store: CommentStore;
  clockMs: number;
  /** Another app over the same store and clock, with config overrides. */
  makeApp: (config?: Partial<ServerConfig>) => Hono;
  post: (thread: string, body: unknown) => Promise<Response>;
  /** GETs a thread's changes, asserting 200 and the response schema. */
  list: (thread: string, since?: string) => Promise<ChangesResponse>;
}

/** Opens `backend` before the enclosing suite and closes it after; fields are ready inside tests. */
export function useApiHarness(backend: ApiBackend): ApiHarness {
  let cleanup: () => Promise<void> = async () => undefined;
  const harness: ApiHarness = {
    app: undefined as unknown as Hono,
    store: undefined as unknown as CommentStore,
    clockMs: startMs,
    makeApp: (config = {}) => createApp(harness.store, { now: () => harness.clockMs, ...config }),
    post: async (thread, body) => harness.app.request(commentsUrl(thread), jsonPost(body)),
    list: async (thread, since) => {
      const response = await harness.app.request(commentsUrl(thread, since));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json());
    },
  };
  before(async () => {
    const fixture = await backend.open();
    harness.store = fixture.store;
    cleanup = fixture.cleanup;
    harness.app = harness.makeApp();
  });
  after(async () => {
    await cleanup();
  });
  return harness;
}
