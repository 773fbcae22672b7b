import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Comment } from '../../src/protocol/index.js';
import type { Ban } from '../../server/src/store/comment-store.js';
import { useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}`, () => {
    const harness = useAdminHarness(backend);
    const { request, json, insert, auditCount, assertAudited } = harness;

    describe('bans', () => {
      let author: Comment;
      beforeEach(async () => {
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
          assert.equal((await harness.store.findBan('docs', match))?.id, ban.id);
          assert.equal(await harness.store.findBan('blog', match), null, 'bans are per site');
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

      it('bans a value given by hand, emails as their mailbox; banning twice keeps one ban', async () => {
        const first = await json<Ban>(
          await request('POST', '/bans', {
            body: { site: 'blog', kind: 'email', value: ' Spam+Promo@Example.ORG ' },
          }),
          201,
        );
        assert.equal(first.value, 'spam@example.org');
        assert.equal(first.reason, '');
        const entries = await auditCount();
        const again = await json<Ban>(
          await request('POST', '/bans', {
            body: { site: 'blog', kind: 'email', value: 'spam+other@example.org' },
          }),
          200,
        );
        assert.equal(again.id, first.id);
        assert.equal(
          (await harness.store.listBans('blog')).filter((ban) => ban.value === 'spam@example.org').length,
          1,
        );
        assert.equal(await auditCount(), entries);
      });

      it('lists one site’s bans, or every site’s', async () => {
        for (const [site, value] of [
          ['blog', 'sso-blog'],
          ['docs', 'sso-docs'],
          ['blog', 'sso-blog-2'],
        ]) {
          await json<Ban>(await request('POST', '/bans', { body: { site, kind: 'user', value } }), 201);
        }
        const blog = await json<{ bans: Ban[] }>(await request('GET', '/bans?site=blog'), 200);
        assert.deepEqual(blog.bans, await harness.store.listBans('blog'));
        assert.deepEqual(blog.bans.map((ban) => ban.value).sort(), ['sso-blog', 'sso-blog-2']);
        const all = await json<{ bans: Ban[] }>(await request('GET', '/bans'), 200);
        assert.deepEqual(all.bans, [
          ...(await harness.store.listBans('blog')),
          ...(await harness.store.listBans('docs')),
        ]);
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
          (await harness.store.listBans('docs')).some((each) => each.id === ban.id),
          false,
        );
        const entry = await assertAudited('ban.remove', 'docs', String(ban.id));
        assert.match(entry.detail, /sso-remove/);
        await assertError(await request('DELETE', `/bans/${ban.id}`), 404, 'not_found');
        await assertError(await request('DELETE', '/bans/abc'), 404, 'not_found');
      });

      it('refuses bad ban requests with the field at fault, and changes nothing', async () => {
        const before = [...(await harness.store.listBans('blog')), ...(await harness.store.listBans('docs'))];
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
          // Lengths in UTF-16 units; a lone surrogate would be stored as U+FFFD and match nothing.
          [{ site: 'blog', kind: 'user', value: 'x', reason: `${'😀'.repeat(250)}r` }, 'reason'],
          [{ site: 'blog', kind: 'user', value: 'x', reason: 'spam \ud83d' }, 'reason'],
          [{ site: 'blog', kind: 'user', value: 'user-\ud83d' }, 'value'],
          [{ site: 'blog', kind: 'user', value: '😀'.repeat(128) + 'u' }, 'value'],
          [{ site: 'blog', kind: 'email', value: 'a\ude00@example.org' }, 'value'],
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
        assert.deepEqual(
          [...(await harness.store.listBans('blog')), ...(await harness.store.listBans('docs'))],
          before,
        );
        assert.equal(await auditCount(), entries);
      });
    });
  });
}
