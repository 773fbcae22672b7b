import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import {
  ChangesResponseSchema,
  limits,
  type ChangesResponse,
  type Comment,
} from '../../src/protocol/index.js';
import type { AdminComment } from '../../server/src/admin/admin-comment.js';
import { createApp } from '../../server/src/app.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import type {
  AuditEntry,
  Ban,
  CommentAuthor,
  CommentRecord,
  CommentStore,
} from '../../server/src/store/comment-store.js';
import { apiBackends, startMs } from './helpers/api-harness.js';
import { commentsUrl, makeNewComment } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';

const adaToken = 'a'.repeat(32);
const graceToken = 'g'.repeat(40);
const admins = [
  { name: 'Ada', token: adaToken },
  { name: 'Grace', token: graceToken },
];
// The first site is the one the public feed serves to requests without an Origin.
const sites = [
  SiteConfigSchema.parse({
    id: 'blog',
    origins: ['https://blog.example'],
    moderation: 'all',
    proofOfWork: { enabled: false },
  }),
  SiteConfigSchema.parse({ id: 'docs', origins: ['https://docs.example'] }),
];
const admin = '/api/v1/admin';
const ipHash = 'h'.repeat(43);

type App = ReturnType<typeof createApp>;

/** Every admin route with a request that succeeds once its fixtures exist. */
interface RouteCase {
  method: string;
  /** The route as registered, e.g. `/comments/:id/approve`. */
  pattern: string;
  path: () => string;
  body?: () => unknown;
  okStatus: number;
}

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}`, () => {
    let store: CommentStore;
    let app: App;
    let cleanup: () => Promise<void>;
    let clockMs = startMs;
    const logLines: string[] = [];

    before(async () => {
      const fixture = await backend.open();
      store = fixture.store;
      cleanup = fixture.cleanup;
      app = createApp(store, { admins, sites, now: () => clockMs });
      // The audit's stdout line, captured so the suite can check it and stays quiet.
      mock.method(console, 'log', (line: string) => logLines.push(line));
    });
    after(async () => {
      mock.restoreAll();
      await cleanup();
    });

    async function request(
      method: string,
      path: string,
      options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
    ): Promise<Response> {
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
      clockMs += 1000;
      return app.request(`${admin}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    }

    async function json<T>(response: Response, status: number): Promise<T> {
      const text = await response.text();
      assert.equal(response.status, status, text);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      return JSON.parse(text) as T;
    }

    async function insert(
      options: {
        site?: string;
        thread?: string;
        status?: 'held' | 'published';
        author?: Partial<CommentAuthor>;
        body?: string;
      } = {},
    ): Promise<Comment> {
      const result = await store.insertComment({
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
        nowMs: clockMs,
      });
      assert.equal(result.kind, 'created');
      return result.comment;
    }

    async function feed(thread: string): Promise<ChangesResponse> {
      const response = await app.request(commentsUrl(thread));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json());
    }

    async function record(id: string): Promise<CommentRecord> {
      const stored = await store.getComment(id);
      assert.ok(stored, `comment ${id} is stored`);
      return stored;
    }

    const latestAudit = async (): Promise<AuditEntry | undefined> => (await store.listAudit(1))[0];
    const auditCount = async (): Promise<number> => (await store.listAudit(100_000)).length;

    /** Asserts the newest audit entry and log line describe this action by Ada. */
    async function assertAudited(action: string, site: string, target: string): Promise<AuditEntry> {
      const entry = await latestAudit();
      assert.ok(entry);
      assert.deepEqual(
        { actor: entry.actor, action: entry.action, site: entry.site, target: entry.target },
        { actor: 'Ada', action, site, target },
      );
      const line = logLines.at(-1) ?? '';
      assert.match(line, /^Hearth admin: \{/);
      assert.deepEqual(
        (({ actor, action, site, target }) => ({ actor, action, site, target }))(
          JSON.parse(line.slice('Hearth admin: '.length)) as AuditEntry,
        ),
        { actor: 'Ada', action, site, target },
      );
      return entry;
    }

    describe('authentication', () => {
      let held: Comment;
      let published: Comment;
      let toReject: Comment;
      let toDelete: Comment;
      let ban: Ban;
      let routes: RouteCase[];

      before(async () => {
        held = await insert({ thread: '/auth' });
        published = await insert({ thread: '/auth', status: 'published' });
        toReject = await insert({ thread: '/auth' });
        toDelete = await insert({ thread: '/auth', status: 'published' });
        ban = await store.addBan(
          { site: 'blog', kind: 'email', value: 'old@example.org', reason: '', createdBy: 'Ada' },
          clockMs,
        );
        routes = [
          { method: 'GET', pattern: '/me', path: () => '/me', okStatus: 200 },
          { method: 'GET', pattern: '/comments', path: () => '/comments', okStatus: 200 },
          {
            method: 'POST',
            pattern: '/comments/:id/approve',
            path: () => `/comments/${held.id}/approve`,
            okStatus: 200,
          },
          {
            method: 'POST',
            pattern: '/comments/:id/reject',
            path: () => `/comments/${toReject.id}/reject`,
            okStatus: 200,
          },
          {
            method: 'DELETE',
            pattern: '/comments/:id',
            path: () => `/comments/${toDelete.id}`,
            okStatus: 200,
          },
          {
            method: 'POST',
            pattern: '/comments/:id/pin',
            path: () => `/comments/${published.id}/pin`,
            body: () => ({ pinned: true }),
            okStatus: 200,
          },
          {
            method: 'POST',
            pattern: '/threads/lock',
            path: () => '/threads/lock',
            body: () => ({ site: 'blog', thread: '/auth', locked: true }),
            okStatus: 200,
          },
          { method: 'GET', pattern: '/bans', path: () => '/bans', okStatus: 200 },
          {
            method: 'POST',
            pattern: '/bans',
            path: () => '/bans',
            body: () => ({ site: 'blog', kind: 'email', value: 'new@example.org' }),
            okStatus: 201,
          },
          { method: 'DELETE', pattern: '/bans/:id', path: () => `/bans/${ban.id}`, okStatus: 204 },
          { method: 'GET', pattern: '/audit', path: () => '/audit', okStatus: 200 },
        ];
      });

      it('the table below covers every admin route the app registers', () => {
        const registered = app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith(`${admin}/`))
          .map((route) => `${route.method} ${route.path.slice(admin.length)}`)
          .sort();
        assert.deepEqual(registered, routes.map((route) => `${route.method} ${route.pattern}`).sort());
      });

      const badCredentials: [string, Record<string, string>][] = [
        ['no Authorization header', {}],
        ['a token differing in the last character', { Authorization: `Bearer ${'a'.repeat(31)}b` }],
        ['a shorter token', { Authorization: `Bearer ${'a'.repeat(31)}` }],
        ['a longer token', { Authorization: `Bearer ${'a'.repeat(33)}` }],
        ['the token under another scheme', { Authorization: `Basic ${adaToken}` }],
        ['an empty bearer', { Authorization: 'Bearer ' }],
        ['an author token', { Authorization: `Bearer hga_${'x'.repeat(43)}` }],
      ];

      for (const [label, headers] of badCredentials) {
        it(`answers 401 to every route, and to unknown paths, with ${label}`, async () => {
          for (const route of [...routes, { method: 'GET', path: () => '/nope', body: undefined }]) {
            const body = route.body?.();
            const response = await request(route.method, route.path(), { token: null, headers, body });
            assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="hearth-admin"');
            assert.equal(response.headers.get('cache-control'), 'no-store');
            await assertError(response, 401, 'unauthorized');
          }
        });
      }

      it('a refused request changed nothing', async () => {
        assert.equal((await record(held.id)).comment.status, 'held');
        assert.equal((await record(toReject.id)).comment.status, 'held');
        assert.equal((await record(toDelete.id)).comment.seq, toDelete.seq);
        assert.equal((await record(published.id)).comment.pinned, false);
        assert.equal((await store.getThreadState('blog', '/auth')).locked, false);
        assert.deepEqual(
          (await store.listBans('blog')).map((each) => each.value),
          ['old@example.org'],
        );
        assert.equal(await auditCount(), 0);
        assert.equal(logLines.length, 0);
      });

      it('with the right token every route in the table does its work', async () => {
        for (const route of routes) {
          const body = route.body?.();
          const response = await request(route.method, route.path(), { body });
          assert.equal(
            response.status,
            route.okStatus,
            `${route.method} ${route.pattern}: ${await response.text()}`,
          );
        }
        assert.equal((await record(held.id)).comment.status, 'published');
        assert.equal((await record(toReject.id)).comment.status, 'deleted');
        assert.equal((await record(toDelete.id)).comment.status, 'deleted');
        assert.equal((await record(published.id)).comment.pinned, true);
        assert.equal((await store.getThreadState('blog', '/auth')).locked, true);
        assert.deepEqual(
          (await store.listBans('blog')).map((each) => each.value),
          ['new@example.org'],
        );
        assert.equal(await auditCount(), 7);
      });

      it('knows each admin by their own token', async () => {
        const me = await json<{ name: string }>(await request('GET', '/me', { token: graceToken }), 200);
        assert.equal(me.name, 'Grace');
      });

      it('with no admins configured, refuses everything and says how to add one', async () => {
        const closed = createApp(store, { sites });
        for (const token of [adaToken, null]) {
          const response = await closed.request(`${admin}/me`, {
            headers: token === null ? {} : { Authorization: `Bearer ${token}` },
          });
          const text = await response.clone().text();
          await assertError(response, 401, 'unauthorized');
          assert.match(text, /HEARTH_ADMIN_TOKEN/);
          assert.match(text, /admins/);
          assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="hearth-admin"');
        }
      });

      it('does not depend on the Origin: a page on no configured site may call it', async () => {
        const response = await request('GET', '/me', { headers: { Origin: 'https://admin.example' } });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('access-control-allow-origin'), null);
      });

      it('answers 405 with Allow to a wrong method on a known path, and 404 to unknown paths', async () => {
        const wrong = await request('PUT', '/me');
        assert.equal(wrong.headers.get('allow'), 'GET, HEAD');
        await assertError(wrong, 405, 'method_not_allowed');
        await assertError(await request('GET', '/nope'), 404, 'not_found');
      });
    });

    describe('GET /me', () => {
      it('names the admin and lists every site with its moderation and origins', async () => {
        const me = await json<unknown>(await request('GET', '/me'), 200);
        assert.deepEqual(me, {
          name: 'Ada',
          sites: [
            { id: 'blog', moderation: 'all', origins: ['https://blog.example'] },
            { id: 'docs', moderation: 'none', origins: ['https://docs.example'] },
          ],
        });
      });
    });

    describe('approve', () => {
      it('publishes a held comment with a new seq, so the public feed carries it', async () => {
        const thread = '/posts/approve';
        const held = await insert({ thread, author: { userId: 'sso-7', email: 'ada@example.org' } });
        assert.deepEqual((await feed(thread)).comments, []);

        const approved = await json<AdminComment>(await request('POST', `/comments/${held.id}/approve`), 200);
        assert.equal(approved.status, 'published');
        assert.ok(approved.seq > held.seq, 'approval takes a new seq');
        assert.deepEqual(
          { site: approved.site, email: approved.email, userId: approved.userId, ipHash: approved.ipHash },
          { site: 'blog', email: 'ada@example.org', userId: 'sso-7', ipHash },
        );
        assert.equal('authorTokenHash' in approved, false);

        const [shown] = (await feed(thread)).comments;
        assert.ok(shown);
        assert.equal(shown.id, held.id);
        assert.equal(shown.seq, approved.seq);
        assert.equal(shown.status, 'published');
        assert.equal(
          'email' in shown || 'ipHash' in shown,
          false,
          'the public feed carries no private details',
        );
        const entry = await assertAudited('comment.approve', 'blog', held.id);
        assert.match(entry.detail, /\/posts\/approve/);
      });

      it('approving a published comment answers it unchanged, with no new seq or audit entry', async () => {
        const comment = await insert({ status: 'published' });
        const entries = await auditCount();
        const again = await json<AdminComment>(await request('POST', `/comments/${comment.id}/approve`), 200);
        assert.equal(again.seq, comment.seq);
        assert.equal((await record(comment.id)).comment.seq, comment.seq);
        assert.equal(await auditCount(), entries);
      });

      it('refuses a deleted comment with 409 comment_deleted, and an unknown id with 404', async () => {
        const comment = await insert();
        await store.updateComment(comment.id, { status: 'deleted' }, clockMs);
        await assertError(await request('POST', `/comments/${comment.id}/approve`), 409, 'comment_deleted');
        assert.equal((await record(comment.id)).comment.status, 'deleted');
        // Also ids no comment could have: a NUL character, which PostgreSQL refuses outright.
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${comment.id}%00`]) {
          for (const [method, suffix] of [
            ['POST', '/approve'],
            ['POST', '/reject'],
            ['DELETE', ''],
          ] as const) {
            await assertError(await request(method, `/comments/${id}${suffix}`), 404, 'not_found');
          }
          await assertError(
            await request('POST', `/comments/${id}/pin`, { body: { pinned: true } }),
            404,
            'not_found',
          );
        }
      });
    });

    describe('reject and delete', () => {
      it('rejecting a held comment leaves a tombstone in the feed', async () => {
        const thread = '/posts/reject';
        const held = await insert({ thread, body: 'Buy cheap pills' });
        const rejected = await json<AdminComment>(await request('POST', `/comments/${held.id}/reject`), 200);
        assert.equal(rejected.status, 'deleted');
        assert.equal(rejected.body, '');
        const [tombstone] = (await feed(thread)).comments;
        assert.deepEqual(
          tombstone && {
            id: tombstone.id,
            status: tombstone.status,
            body: tombstone.body,
            name: tombstone.authorName,
          },
          { id: held.id, status: 'deleted', body: '', name: '' },
        );
        await assertAudited('comment.reject', 'blog', held.id);
        await assertError(await request('POST', `/comments/${held.id}/reject`), 409, 'comment_deleted');
      });

      it('rejecting a published comment removes it like a delete', async () => {
        const thread = '/posts/reject-published';
        const comment = await insert({ thread, status: 'published' });
        const rejected = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/reject`),
          200,
        );
        assert.equal(rejected.status, 'deleted');
        assert.deepEqual(
          (await feed(thread)).comments.map((each) => [each.id, each.status, each.body]),
          [[comment.id, 'deleted', '']],
        );
        const entry = await assertAudited('comment.reject', 'blog', comment.id);
        assert.match(entry.detail, /was published/);
      });

      it('DELETE tombstones any comment with a new seq; deleting again answers the same tombstone', async () => {
        const thread = '/posts/delete';
        const comment = await insert({ thread, status: 'published', author: { userId: 'sso-9' } });
        const deleted = await json<AdminComment>(await request('DELETE', `/comments/${comment.id}`), 200);
        assert.equal(deleted.status, 'deleted');
        assert.ok(deleted.seq > comment.seq);
        // A tombstone forgets the email, but keeps what a ban by commentId needs.
        assert.deepEqual(
          { email: deleted.email, userId: deleted.userId, ipHash: deleted.ipHash },
          { email: null, userId: 'sso-9', ipHash },
        );
        const [tombstone] = (await feed(thread)).comments;
        assert.equal(tombstone?.status, 'deleted');
        assert.equal(tombstone.seq, deleted.seq);
        await assertAudited('comment.delete', 'blog', comment.id);

        const entries = await auditCount();
        const again = await json<AdminComment>(await request('DELETE', `/comments/${comment.id}`), 200);
        assert.deepEqual(again, deleted);
        assert.equal(await auditCount(), entries);
      });
    });

    describe('pin', () => {
      it('pins and unpins a published comment; the feed shows it', async () => {
        const thread = '/posts/pin';
        const comment = await insert({ thread, status: 'published' });
        const pinned = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/pin`, { body: { pinned: true } }),
          200,
        );
        assert.equal(pinned.pinned, true);
        assert.ok(pinned.seq > comment.seq);
        assert.equal((await feed(thread)).comments[0]?.pinned, true);
        await assertAudited('comment.pin', 'blog', comment.id);

        const unpinned = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/pin`, { body: { pinned: false } }),
          200,
        );
        assert.equal(unpinned.pinned, false);
        assert.equal((await feed(thread)).comments[0]?.pinned, false);
        await assertAudited('comment.unpin', 'blog', comment.id);
      });

      it('refuses held (409 validation_failed, field pinned) and deleted (409 comment_deleted) comments', async () => {
        const held = await insert();
        await assertError(
          await request('POST', `/comments/${held.id}/pin`, { body: { pinned: true } }),
          409,
          'validation_failed',
          'pinned',
        );
        const gone = await insert({ status: 'published' });
        await store.updateComment(gone.id, { status: 'deleted' }, clockMs);
        await assertError(
          await request('POST', `/comments/${gone.id}/pin`, { body: { pinned: true } }),
          409,
          'comment_deleted',
        );
        assert.equal((await record(held.id)).comment.pinned, false);
      });

      it('refuses bad bodies with 400/413/415 and changes nothing', async () => {
        const comment = await insert({ status: 'published' });
        const path = `/comments/${comment.id}/pin`;
        const entries = await auditCount();
        await assertError(
          await request('POST', path, { body: { pinned: 'yes' } }),
          400,
          'validation_failed',
          'pinned',
        );
        await assertError(await request('POST', path, { body: {} }), 400, 'validation_failed', 'pinned');
        await assertError(
          await request('POST', path, { body: { pinned: true, pined: true } }),
          400,
          'validation_failed',
          'pined',
        );
        await assertError(await request('POST', path, { body: '[true]' }), 400, 'validation_failed');
        await assertError(await request('POST', path, { body: '{"pinned": tru' }), 400, 'invalid_json');
        await assertError(await request('POST', path), 415, 'unsupported_media_type');
        await assertError(
          await request('POST', path, { body: '{"pinned":true}', headers: { 'Content-Type': 'text/plain' } }),
          415,
          'unsupported_media_type',
        );
        const huge = JSON.stringify({ pinned: true, pad: 'x'.repeat(limits.requestMaxBytes) });
        await assertError(await request('POST', path, { body: huge }), 413, 'payload_too_large');
        const stored = await record(comment.id);
        assert.deepEqual([stored.comment.seq, stored.comment.pinned], [comment.seq, false]);
        assert.equal(await auditCount(), entries);
      });
    });

    describe('thread lock', () => {
      it('locks and unlocks one site’s thread; the feed says so', async () => {
        const thread = '/posts/lock';
        const locked = await json<unknown>(
          await request('POST', '/threads/lock', { body: { site: 'blog', thread, locked: true } }),
          200,
        );
        assert.deepEqual(locked, { site: 'blog', thread, locked: true });
        assert.equal((await store.getThreadState('blog', thread)).locked, true);
        assert.equal((await store.getThreadState('docs', thread)).locked, false, 'threads are per site');
        assert.equal((await feed(thread)).locked, true);
        await assertAudited('thread.lock', 'blog', thread);

        await json(
          await request('POST', '/threads/lock', { body: { site: 'blog', thread, locked: false } }),
          200,
        );
        assert.equal((await feed(thread)).locked, false);
        await assertAudited('thread.unlock', 'blog', thread);
      });

      it('refuses an unknown site, a bad thread key or a missing flag, and changes nothing', async () => {
        const entries = await auditCount();
        const cases: [unknown, string][] = [
          [{ site: 'nope', thread: '/x', locked: true }, 'site'],
          [{ thread: '/x', locked: true }, 'site'],
          [{ site: 'blog', thread: '', locked: true }, 'thread'],
          [{ site: 'blog', thread: '..', locked: true }, 'thread'],
          [{ site: 'blog', thread: 'x'.repeat(limits.threadMaxChars + 1), locked: true }, 'thread'],
          [{ site: 'blog', thread: '/x' }, 'locked'],
          [{ site: 'blog', thread: '/x', locked: 'yes' }, 'locked'],
        ];
        for (const [body, field] of cases) {
          await assertError(
            await request('POST', '/threads/lock', { body }),
            400,
            'validation_failed',
            field,
          );
        }
        assert.equal((await store.getThreadState('nope', '/x')).locked, false);
        assert.equal((await store.getThreadState('blog', '/x')).locked, false);
        assert.equal(await auditCount(), entries);
      });
    });

    describe('bans', () => {
      let author: Comment;
      before(async () => {
        author = await insert({
          site: 'docs',
          status: 'published',
          author: { userId: 'sso-42', email: 'troll@example.org', ipHash: 'i'.repeat(43) },
        });
      });

      const derived: [string, string][] = [
        ['user', 'sso-42'],
        ['email', 'troll@example.org'],
        ['ip', 'i'.repeat(43)],
      ];
      for (const [kind, value] of derived) {
        it(`bans the ${kind} of a comment's author by commentId`, async () => {
          const ban = await json<Ban>(
            await request('POST', '/bans', {
              body: { site: 'docs', kind, commentId: author.id, reason: '  spam  ' },
            }),
            201,
          );
          assert.deepEqual(
            {
              site: ban.site,
              kind: ban.kind,
              value: ban.value,
              reason: ban.reason,
              createdBy: ban.createdBy,
            },
            { site: 'docs', kind, value, reason: 'spam', createdBy: 'Ada' },
          );
          const match = {
            userId: kind === 'user' ? value : null,
            email: kind === 'email' ? value : null,
            ipHash: kind === 'ip' ? value : null,
          };
          assert.equal((await store.findBan('docs', match))?.id, ban.id);
          assert.equal(await store.findBan('blog', match), null, 'bans are per site');
          const entry = await assertAudited('ban.add', 'docs', String(ban.id));
          assert.match(entry.detail, new RegExp(`^${kind} `));
        });
      }

      it('says which detail a comment lacks, naming kind', async () => {
        const guest = await insert({ site: 'docs', author: { email: null, userId: null, ipHash: null } });
        for (const [kind, pattern] of [
          ['email', /no email/],
          ['user', /no signed-in/],
          ['ip', /no IP hash/],
        ] as const) {
          const response = await request('POST', '/bans', {
            body: { site: 'docs', kind, commentId: guest.id },
          });
          const text = await response.clone().text();
          await assertError(response, 400, 'validation_failed', 'kind');
          assert.match(text, pattern);
        }
      });

      it('bans a value given by hand, emails lowercased; banning twice keeps one ban', async () => {
        const first = await json<Ban>(
          await request('POST', '/bans', {
            body: { site: 'blog', kind: 'email', value: ' Spam@Example.ORG ' },
          }),
          201,
        );
        assert.equal(first.value, 'spam@example.org');
        assert.equal(first.reason, '');
        const entries = await auditCount();
        const again = await json<Ban>(
          await request('POST', '/bans', {
            body: { site: 'blog', kind: 'email', value: 'spam@example.org' },
          }),
          200,
        );
        assert.equal(again.id, first.id);
        assert.equal(
          (await store.listBans('blog')).filter((ban) => ban.value === 'spam@example.org').length,
          1,
        );
        assert.equal(await auditCount(), entries);
      });

      it('lists one site’s bans, or every site’s', async () => {
        const blog = await json<{ bans: Ban[] }>(await request('GET', '/bans?site=blog'), 200);
        assert.deepEqual(blog.bans, await store.listBans('blog'));
        assert.ok(blog.bans.every((ban) => ban.site === 'blog'));
        const all = await json<{ bans: Ban[] }>(await request('GET', '/bans'), 200);
        assert.deepEqual(all.bans, [...(await store.listBans('blog')), ...(await store.listBans('docs'))]);
        assert.ok(all.bans.some((ban) => ban.site === 'docs'));
        await assertError(await request('GET', '/bans?site=nope'), 400, 'validation_failed', 'site');
      });

      it('removes a ban (204), then 404; a non-numeric id is 404', async () => {
        const ban = await json<Ban>(
          await request('POST', '/bans', { body: { site: 'docs', kind: 'user', value: 'sso-remove' } }),
          201,
        );
        const response = await request('DELETE', `/bans/${ban.id}`);
        assert.equal(response.status, 204);
        assert.equal(await response.text(), '');
        assert.equal(
          (await store.listBans('docs')).some((each) => each.id === ban.id),
          false,
        );
        const entry = await assertAudited('ban.remove', 'docs', String(ban.id));
        assert.match(entry.detail, /sso-remove/);
        await assertError(await request('DELETE', `/bans/${ban.id}`), 404, 'not_found');
        await assertError(await request('DELETE', '/bans/abc'), 404, 'not_found');
      });

      it('refuses bad ban requests with the field at fault, and changes nothing', async () => {
        const before = [...(await store.listBans('blog')), ...(await store.listBans('docs'))];
        const entries = await auditCount();
        const cases: [unknown, string][] = [
          [{ site: 'nope', kind: 'email', value: 'a@example.org' }, 'site'],
          [{ site: 'blog', kind: 'name', value: 'x' }, 'kind'],
          [{ site: 'blog', kind: 'email' }, 'value'],
          [{ site: 'blog', kind: 'email', value: 'a@example.org', commentId: author.id }, 'value'],
          [{ site: 'blog', kind: 'email', value: 'not an email' }, 'value'],
          [{ site: 'blog', kind: 'ip', value: '203.0.113.7' }, 'value'],
          [{ site: 'blog', kind: 'user', value: '' }, 'value'],
          // NUL is refused everywhere, so PostgreSQL never sees it (it would answer 500).
          [{ site: 'blog', kind: 'user', value: 'user\u00001' }, 'value'],
          [{ site: 'blog', kind: 'user', value: 'u'.repeat(257) }, 'value'],
          [{ site: 'blog', kind: 'email', value: 'a\u0000@example.org' }, 'value'],
          [{ site: 'blog', kind: 'user', value: 'x', reason: 'spam\u0000' }, 'reason'],
          [{ site: 'blog', kind: 'user', commentId: 'a\u0000b' }, 'commentId'],
          [{ site: 'blog', kind: 'user', value: 'x', reason: 'r'.repeat(501) }, 'reason'],
          [{ site: 'blog', kind: 'user', value: 'x', extra: 1 }, 'extra'],
          [{ site: 'blog', kind: 'user', commentId: '00000000-0000-4000-8000-000000000000' }, 'commentId'],
          // The comment is on docs.
          [{ site: 'blog', kind: 'user', commentId: author.id }, 'commentId'],
        ];
        for (const [body, field] of cases) {
          await assertError(await request('POST', '/bans', { body }), 400, 'validation_failed', field);
        }
        await assertError(await request('POST', '/bans', { body: 'site=blog' }), 400, 'invalid_json');
        await assertError(
          await request('POST', '/bans', { body: '{}', headers: { 'Content-Type': 'text/plain' } }),
          415,
          'unsupported_media_type',
        );
        assert.deepEqual([...(await store.listBans('blog')), ...(await store.listBans('docs'))], before);
        assert.equal(await auditCount(), entries);
      });
    });

    describe('GET /comments', () => {
      it('filters by site, status and thread, newest first, with private details but no token hash', async () => {
        const thread = '/posts/list';
        const a = await insert({ site: 'docs', thread, status: 'published' });
        const b = await insert({ site: 'docs', thread });
        await insert({ site: 'blog', thread });
        const list = await json<{ comments: AdminComment[]; nextBefore: number | null }>(
          await request('GET', `/comments?site=docs&thread=${encodeURIComponent(thread)}`),
          200,
        );
        assert.deepEqual(
          list.comments.map((comment) => comment.id),
          [b.id, a.id],
        );
        assert.equal(list.nextBefore, null);
        assert.deepEqual(
          Object.keys(list.comments[0]!).filter((key) => ['site', 'email', 'userId', 'ipHash'].includes(key)),
          ['site', 'email', 'userId', 'ipHash'],
        );
        assert.ok(list.comments.every((comment) => !('authorTokenHash' in comment)));

        const held = await json<{ comments: AdminComment[] }>(
          await request('GET', `/comments?site=docs&status=held&thread=${encodeURIComponent(thread)}`),
          200,
        );
        assert.deepEqual(
          held.comments.map((comment) => comment.id),
          [b.id],
        );
        const everywhere = await json<{ comments: AdminComment[] }>(
          await request('GET', `/comments?thread=${encodeURIComponent(thread)}`),
          200,
        );
        assert.deepEqual(everywhere.comments.map((comment) => comment.site).sort(), ['blog', 'docs', 'docs']);
      });

      it('pages backwards with nextBefore until a short page', async () => {
        const thread = '/posts/paging';
        const inserted: Comment[] = [];
        for (let i = 0; i < 5; i++) inserted.push(await insert({ site: 'docs', thread, body: `n${i}` }));
        const seen: string[] = [];
        let before: number | null = null;
        const pages: number[] = [];
        do {
          const query: string = `/comments?thread=${encodeURIComponent(thread)}&limit=2${before === null ? '' : `&before=${before}`}`;
          const page: { comments: AdminComment[]; nextBefore: number | null } = await json(
            await request('GET', query),
            200,
          );
          pages.push(page.comments.length);
          seen.push(...page.comments.map((comment) => comment.id));
          before = page.nextBefore;
          if (before !== null) assert.equal(before, page.comments.at(-1)?.seq);
        } while (before !== null);
        assert.deepEqual(pages, [2, 2, 1]);
        assert.deepEqual(seen, inserted.map((comment) => comment.id).reverse());

        // A full last page says there may be more; the next page is empty and says there is not.
        const full = await json<{ comments: AdminComment[]; nextBefore: number | null }>(
          await request('GET', `/comments?thread=${encodeURIComponent(thread)}&limit=5`),
          200,
        );
        assert.equal(full.nextBefore, inserted[0]!.seq);
        const empty = await json<{ comments: AdminComment[]; nextBefore: number | null }>(
          await request(
            'GET',
            `/comments?thread=${encodeURIComponent(thread)}&limit=5&before=${full.nextBefore}`,
          ),
          200,
        );
        assert.deepEqual(empty, { comments: [], nextBefore: null });
      });

      it('defaults to 50 and refuses bad parameters with the field at fault', async () => {
        for (let i = 0; i < 51; i++) await insert({ site: 'docs', thread: '/posts/many' });
        const page = await json<{ comments: AdminComment[]; nextBefore: number | null }>(
          await request('GET', '/comments?thread=%2Fposts%2Fmany'),
          200,
        );
        assert.equal(page.comments.length, 50);
        assert.notEqual(page.nextBefore, null);
        const cases: [string, string][] = [
          ['limit=0', 'limit'],
          ['limit=201', 'limit'],
          ['limit=ten', 'limit'],
          ['limit=1.5', 'limit'],
          ['before=0', 'before'],
          ['before=-1', 'before'],
          ['before=99999999999999999', 'before'],
          ['status=spam', 'status'],
          ['site=nope', 'site'],
          ['thread=..', 'thread'],
          ['thread=', 'thread'],
        ];
        for (const [query, field] of cases) {
          await assertError(await request('GET', `/comments?${query}`), 400, 'validation_failed', field);
        }
      });
    });

    describe('GET /audit', () => {
      it('lists entries newest first, with the limit asked for', async () => {
        await request('POST', '/threads/lock', { body: { site: 'docs', thread: '/audit', locked: true } });
        await request('POST', '/threads/lock', {
          body: { site: 'docs', thread: '/audit', locked: false },
          token: graceToken,
        });
        const { entries } = await json<{ entries: AuditEntry[] }>(
          await request('GET', '/audit?limit=2'),
          200,
        );
        assert.deepEqual(
          entries.map((entry) => [entry.actor, entry.action, entry.target]),
          [
            ['Grace', 'thread.unlock', '/audit'],
            ['Ada', 'thread.lock', '/audit'],
          ],
        );
        const all = await json<{ entries: AuditEntry[] }>(await request('GET', '/audit'), 200);
        assert.equal(all.entries.length, Math.min(100, await auditCount()));
        for (const query of ['limit=0', 'limit=501', 'limit=x']) {
          await assertError(await request('GET', `/audit?${query}`), 400, 'validation_failed', 'limit');
        }
      });
    });
  });
}
