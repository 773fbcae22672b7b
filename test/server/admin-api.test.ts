import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Comment } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import type { Ban } from '../../server/src/store/comment-store.js';
import { adaToken, admin, graceToken, sites, useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

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
    const harness = useAdminHarness(backend);
    const { request, json, record, auditCount, logLines, insert } = harness;

    describe('authentication', () => {
      let held: Comment;
      let published: Comment;
      let toReject: Comment;
      let toDelete: Comment;
      let ban: Ban;
      let routes: RouteCase[];

      beforeEach(async () => {
        held = await insert({ thread: '/auth' });
        published = await insert({ thread: '/auth', status: 'published' });
        toReject = await insert({ thread: '/auth' });
        toDelete = await insert({ thread: '/auth', status: 'published' });
        ban = await harness.store.addBan(
          { site: 'blog', kind: 'email', value: 'old@example.org', reason: '', createdBy: 'Ada' },
          harness.clockMs,
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
            pattern: '/comments/:id/edit/approve',
            path: () => `/comments/${published.id}/edit/approve`,
            okStatus: 200,
          },
          {
            method: 'POST',
            pattern: '/comments/:id/edit/reject',
            path: () => `/comments/${published.id}/edit/reject`,
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
          { method: 'GET', pattern: '/threads', path: () => '/threads?site=blog', okStatus: 200 },
          { method: 'GET', pattern: '/queue', path: () => '/queue', okStatus: 200 },
          { method: 'GET', pattern: '/webhooks', path: () => '/webhooks', okStatus: 200 },
          {
            method: 'GET',
            pattern: '/sites/:site/export',
            path: () => '/sites/blog/export',
            okStatus: 200,
          },
        ];
      });

      it('the table below covers every admin route the app registers', () => {
        // Hono lists a route once per handler, so once more per validator in its signature.
        const registered = [
          ...new Set(
            harness.app.routes
              .filter((route) => route.method !== 'ALL' && route.path.startsWith(`${admin}/`))
              .map((route) => `${route.method} ${route.path.slice(admin.length)}`),
          ),
        ].sort();
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
        assert.equal((await harness.store.getThreadState('blog', '/auth')).locked, false);
        assert.deepEqual(
          (await harness.store.listBans('blog')).map((each) => each.value),
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
        assert.equal((await harness.store.getThreadState('blog', '/auth')).locked, true);
        assert.deepEqual(
          (await harness.store.listBans('blog')).map((each) => each.value),
          ['new@example.org'],
        );
        // Each change above, and the export: it changes nothing, but who exported is recorded.
        assert.equal(await auditCount(), 8);
      });

      it('knows each admin by their own token', async () => {
        const me = await json<{ name: string }>(await request('GET', '/me', { token: graceToken }), 200);
        assert.equal(me.name, 'Grace');
      });

      it('with no admins configured, refuses everything and says how to add one', async () => {
        const closed = createApp(harness.store, { sites });
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
  });
}
