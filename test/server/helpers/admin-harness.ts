import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock } from 'node:test';
import { ChangesResponseSchema, type ChangesResponse, type Comment } from '../../../src/protocol/index.js';
import { createApp } from '../../../server/src/app.js';
import { SiteConfigSchema } from '../../../server/src/site-config.js';
import type {
  AuditEntry,
  CommentAuthor,
  CommentRecord,
  CommentStore,
} from '../../../server/src/store/comment-store.js';
import { startMs, type ApiBackend } from './api-harness.js';
import { commentsUrl, makeNewComment } from './fixtures.js';

export const adaToken = 'a'.repeat(32);
export const graceToken = 'g'.repeat(40);
export const admins = [
  { name: 'Ada', token: adaToken },
  { name: 'Grace', token: graceToken },
];
// The first site is the one the public feed serves to requests without an Origin.
export const sites = [
  SiteConfigSchema.parse({
    id: 'blog',
    origins: ['https://blog.example'],
    moderation: 'all',
    proofOfWork: { enabled: false },
  }),
  SiteConfigSchema.parse({ id: 'docs', origins: ['https://docs.example'] }),
];
/** The prefix every admin route sits under. */
export const admin = '/api/v1/admin';
/** The IP hash `insert` gives a comment's author unless told otherwise. */
export const ipHash = 'h'.repeat(43);

type App = ReturnType<typeof createApp>;

/** How a test describes one comment to insert straight into the store. */
export interface AdminInsertOptions {
  site?: string;
  thread?: string;
  status?: 'held' | 'published';
  author?: Partial<CommentAuthor>;
  body?: string;
}

/**
 * The admin API over a fresh store: `admins` (Ada and Grace) on `sites` (blog, then docs), with a
 * clock that moves a second per admin request. Admin audit lines on stdout land in `logLines`.
 */
export interface AdminHarness {
  app: App;
  store: CommentStore;
  clockMs: number;
  /** Every `console.log` line since the suite started (the audit's stdout lines). */
  logLines: string[];
  /** Calls an admin route (path after `admin`) as Ada unless `token` says otherwise (null: none). */
  request: (
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ) => Promise<Response>;
  /** Asserts the status and `Cache-Control: no-store`, and parses the body. */
  json: <T>(response: Response, status: number) => Promise<T>;
  /** Inserts a comment (held on blog's `/posts/queue` by default) and returns it. */
  insert: (options?: AdminInsertOptions) => Promise<Comment>;
  /** GETs a thread's public feed on the default site, asserting 200 and the schema. */
  feed: (thread: string) => Promise<ChangesResponse>;
  /** The stored record of a comment, which must exist. */
  record: (id: string) => Promise<CommentRecord>;
  /** How many audit entries the store holds. */
  auditCount: () => Promise<number>;
  /** Asserts the newest audit entry and log line describe this action by Ada. */
  assertAudited: (action: string, site: string, target: string) => Promise<AuditEntry>;
}

/**
 * Opens `backend` afresh before each test of the enclosing suite and closes it after, so no test
 * sees another's rows; fields are ready inside tests and `beforeEach` hooks declared after it.
 */
export function useAdminHarness(backend: ApiBackend): AdminHarness {
  let cleanup: () => Promise<void> = async () => undefined;
  const latestAudit = async (): Promise<AuditEntry | undefined> => (await harness.store.listAudit(1))[0];

  const harness: AdminHarness = {
    app: undefined as unknown as App,
    store: undefined as unknown as CommentStore,
    clockMs: startMs,
    logLines: [],

    async request(method, path, options = {}) {
      const token = options.token === undefined ? adaToken : options.token;
      const headers: Record<string, string> = { ...options.headers };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
      const body =
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body);
      harness.clockMs += 1000;
      return harness.app.request(`${admin}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
    },

    async json<T>(response: Response, status: number): Promise<T> {
      const text = await response.text();
      assert.equal(response.status, status, text);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      return JSON.parse(text) as T;
    },

    async insert(options = {}) {
      const result = await harness.store.insertComment({
        site: options.site ?? 'blog',
        thread: options.thread ?? '/posts/queue',
        input: makeNewComment({ body: options.body ?? 'Hello, hearth.' }),
        author: {
          authorTokenHash: 'f'.repeat(64),
          userId: null,
          email: 'reader@example.org',
          ipHash,
          verified: false,
          avatarUrl: null,
          ...options.author,
        },
        status: options.status ?? 'held',
        nowMs: harness.clockMs,
      });
      assert.equal(result.kind, 'created');
      return result.comment;
    },

    async feed(thread) {
      const response = await harness.app.request(commentsUrl(thread));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json());
    },

    async record(id) {
      const stored = await harness.store.getComment(id);
      assert.ok(stored, `comment ${id} is stored`);
      return stored;
    },

    auditCount: async () => (await harness.store.listAudit(100_000)).length,

    async assertAudited(action, site, target) {
      const entry = await latestAudit();
      assert.ok(entry);
      assert.deepEqual(
        { actor: entry.actor, action: entry.action, site: entry.site, target: entry.target },
        { actor: 'Ada', action, site, target },
      );
      const line = harness.logLines.at(-1) ?? '';
      const logged = JSON.parse(line) as AuditEntry & { level: string; event: string };
      assert.deepEqual(
        (({ level, event, actor, action, site, target }) => ({ level, event, actor, action, site, target }))(
          logged,
        ),
        { level: 'info', event: 'admin_action', actor: 'Ada', action, site, target },
      );
      return entry;
    },
  };

  beforeEach(async () => {
    harness.clockMs = startMs;
    harness.logLines = [];
    const fixture = await backend.open();
    harness.store = fixture.store;
    cleanup = fixture.cleanup;
    harness.app = createApp(harness.store, { admins, sites, now: () => harness.clockMs });
    // The audit's stdout line, captured so the suite can check it and stays quiet.
    mock.method(console, 'log', (line: string) => harness.logLines.push(line));
  });
  afterEach(async () => {
    mock.restoreAll();
    await cleanup();
  });
  return harness;
}
