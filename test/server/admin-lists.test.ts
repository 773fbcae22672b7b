import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Comment } from '../../src/protocol/index.js';
import type { AdminComment } from '../../server/src/admin/admin-comment.js';
import type { AuditEntry } from '../../server/src/store/comment-store.js';
import { graceToken, useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}`, () => {
    const harness = useAdminHarness(backend);
    const { request, json, insert, auditCount } = harness;

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

      it('refuses a thread filter that is not valid percent-encoding, naming it', async () => {
        await assertError(
          await request('GET', '/comments?thread=%E0%A4%A'),
          400,
          'validation_failed',
          'thread',
        );
        await assertError(
          await request('GET', '/comments?site=docs&thread=%2Fa%'),
          400,
          'validation_failed',
          'thread',
        );
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
