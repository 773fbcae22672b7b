import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AdminThread, AuditEntry, QueueCount, ThreadList } from '../../src/protocol/admin.js';
import { useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}: threads, the queue's size and the audit's subjects`, () => {
    const harness = useAdminHarness(backend);
    const { request, json, insert } = harness;

    describe('GET /threads', () => {
      it('lists one site’s threads newest activity first, with counts, locks and pages', async () => {
        await insert({ thread: '/posts/old', status: 'published' });
        harness.clockMs += 60_000;
        await insert({ thread: '/posts/new', status: 'published' });
        await insert({ thread: '/posts/new' });
        await insert({ thread: 'no-path-key' });
        await insert({ site: 'docs', thread: '/docs/elsewhere' });
        const newestAt = new Date(harness.clockMs).toISOString();
        await json(
          await request('POST', '/threads/lock', {
            body: { site: 'blog', thread: '/posts/old', locked: true },
          }),
          200,
        );
        // Locked before anyone wrote: still listed, so it can be unlocked with a button.
        await json(
          await request('POST', '/threads/lock', {
            body: { site: 'blog', thread: '/posts/quiet', locked: true },
          }),
          200,
        );

        const list = await json<ThreadList>(await request('GET', '/threads?site=blog'), 200);
        assert.equal(list.nextBefore, null);
        assert.deepEqual(list.threads, [
          {
            site: 'blog',
            thread: '/posts/new',
            published: 1,
            held: 1,
            lastActivityAt: newestAt,
            locked: false,
            url: 'https://blog.example/posts/new',
          },
          {
            site: 'blog',
            thread: 'no-path-key',
            published: 0,
            held: 1,
            lastActivityAt: newestAt,
            locked: false,
            url: null,
          },
          {
            site: 'blog',
            thread: '/posts/old',
            published: 1,
            held: 0,
            lastActivityAt: new Date(Date.parse(newestAt) - 60_000).toISOString(),
            locked: true,
            url: 'https://blog.example/posts/old',
          },
          {
            site: 'blog',
            thread: '/posts/quiet',
            published: 0,
            held: 0,
            lastActivityAt: null,
            locked: true,
            url: 'https://blog.example/posts/quiet',
          },
        ] satisfies AdminThread[]);

        const seen: string[] = [];
        let before: string | null = null;
        do {
          const page: ThreadList = await json(
            await request('GET', `/threads?site=blog&limit=3${before === null ? '' : `&before=${before}`}`),
            200,
          );
          seen.push(...page.threads.map((thread) => thread.thread));
          before = page.nextBefore;
        } while (before !== null);
        assert.deepEqual(
          seen,
          list.threads.map((thread) => thread.thread),
        );
      });

      it('refuses a missing or unknown site, a bad limit and a made-up cursor, naming each', async () => {
        await assertError(await request('GET', '/threads'), 400, 'validation_failed', 'site');
        await assertError(await request('GET', '/threads?site=nowhere'), 400, 'validation_failed', 'site');
        await assertError(
          await request('GET', '/threads?site=blog&limit=0'),
          400,
          'validation_failed',
          'limit',
        );
        await assertError(
          await request('GET', '/threads?site=blog&limit=201'),
          400,
          'validation_failed',
          'limit',
        );
        for (const cursor of [
          'abc!',
          Buffer.from('[1]').toString('base64url'),
          Buffer.from('[-5,"/a"]').toString('base64url'),
        ]) {
          await assertError(
            await request('GET', `/threads?site=blog&before=${cursor}`),
            400,
            'validation_failed',
            'before',
          );
        }
        await assertError(
          await request('GET', '/threads?site=blog&before=%E0%A4%A'),
          400,
          'validation_failed',
          'before',
        );
        await assertError(await request('POST', '/threads?site=blog'), 405, 'method_not_allowed');
        await assertError(
          await request('GET', '/threads?site=blog', { token: 'x'.repeat(30) }),
          401,
          'unauthorized',
        );
      });
    });

    describe('GET /queue', () => {
      it('counts held comments and held edits, everywhere or on one site', async () => {
        await insert();
        await insert({ site: 'docs' });
        const approved = await insert();
        await json(await request('POST', `/comments/${approved.id}/approve`), 200);
        const published = await insert({ site: 'docs', status: 'published' });
        await harness.store.holdEdit(published.id, 'A held edit', harness.clockMs);

        assert.deepEqual(await json<QueueCount>(await request('GET', '/queue'), 200), {
          held: 2,
          pendingEdits: 1,
        });
        assert.deepEqual(await json<QueueCount>(await request('GET', '/queue?site=docs'), 200), {
          held: 1,
          pendingEdits: 1,
        });
        await assertError(await request('GET', '/queue?site=nowhere'), 400, 'validation_failed', 'site');
        await assertError(await request('DELETE', '/queue'), 405, 'method_not_allowed');
      });
    });

    describe('GET /audit', () => {
      it('names what each entry acted on, and falls back to the target when it is gone', async () => {
        const approved = await insert({ author: { email: 'wren@example.org' } });
        const rejected = await insert({ thread: 'no-path-key' });
        await json(await request('POST', `/comments/${approved.id}/approve`), 200);
        await json(await request('POST', `/comments/${rejected.id}/reject`), 200);
        await json(
          await request('POST', '/threads/lock', {
            body: { site: 'docs', thread: '/docs/intro', locked: true },
          }),
          200,
        );
        const kept = await json<{ id: number }>(
          await request('POST', '/bans', {
            body: { site: 'blog', kind: 'email', value: 'spam@example.org' },
          }),
          201,
        );
        const lifted = await json<{ id: number }>(
          await request('POST', '/bans', { body: { site: 'blog', kind: 'user', value: 'user-9' } }),
          201,
        );
        assert.equal((await request('DELETE', `/bans/${lifted.id}`)).status, 204);
        const gone = randomUUID();
        await harness.store.appendAudit(
          { actor: 'Ada', action: 'comment.delete', site: 'blog', target: gone, detail: '' },
          harness.clockMs,
        );
        await harness.store.appendAudit(
          { actor: 'Ada', action: 'thread.lock', site: 'retired', target: '/old', detail: '' },
          harness.clockMs,
        );

        const { entries } = await json<{ entries: AuditEntry[] }>(await request('GET', '/audit'), 200);
        const subjects = entries.map((entry) => [entry.action, entry.target, entry.subject ?? null]);
        assert.deepEqual(subjects, [
          ['thread.lock', '/old', null],
          ['comment.delete', gone, null],
          ['ban.remove', String(lifted.id), null],
          ['ban.add', String(lifted.id), null],
          ['ban.add', String(kept.id), { kind: 'ban', banKind: 'email', value: 'spam@example.org' }],
          [
            'thread.lock',
            '/docs/intro',
            { kind: 'thread', thread: '/docs/intro', url: 'https://docs.example/docs/intro' },
          ],
          [
            'comment.reject',
            rejected.id,
            { kind: 'comment', authorName: '', status: 'deleted', thread: 'no-path-key', url: null },
          ],
          [
            'comment.approve',
            approved.id,
            {
              kind: 'comment',
              authorName: 'Ada',
              status: 'published',
              thread: '/posts/queue',
              url: `https://blog.example/posts/queue#comment-${approved.id}`,
            },
          ],
        ]);
      });
    });
  });
}
