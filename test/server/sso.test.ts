import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CommentSchema, ErrorResponseSchema } from '../../src/protocol/index.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { commentsUrl, makeNewComment, testAdmin } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';
import {
  bearer,
  makeGuestToken,
  makeSite,
  makeUnsignedToken,
  signSsoToken,
  ssoSecret,
  type SsoTokenOptions,
} from './helpers/identity.js';

const hourMs = 60 * 60 * 1000;
const ssoSite = makeSite({ sso: { secret: ssoSecret } });
const otherSite = makeSite({
  id: 'other',
  origins: ['https://other.example'],
  sso: { secret: 'another-sites-secret-0123456789abcdef' },
});

type RefusedToken = [name: string, options: (nowMs: number) => SsoTokenOptions | string];

const invalidTokens: RefusedToken[] = [
  ['a forged signature (another secret)', () => ({ secret: 'not-the-sites-secret-0123456789abcdef' })],
  ["another site's audience", () => ({ audience: otherSite.id })],
  [
    "another site's token, signed with its secret",
    () => ({ audience: otherSite.id, secret: otherSite.sso!.secret }),
  ],
  ['no audience', () => ({ audience: null })],
  [
    'alg none',
    (nowMs) => makeUnsignedToken({ sub: 'user-1', name: 'Eve', aud: 'demo', exp: nowMs / 1000 + 60 }),
  ],
  ['HS512 with the right secret', () => ({ alg: 'HS512' })],
  ['no sub', () => ({ claims: { name: 'Grace Hopper' } })],
  ['an empty sub', () => ({ claims: { sub: '', name: 'Grace Hopper' } })],
  ['no name', () => ({ claims: { sub: 'user-1' } })],
  ['a blank name', () => ({ claims: { sub: 'user-1', name: '   ' } })],
  ['a name that is not a string', () => ({ claims: { sub: 'user-1', name: 42 } })],
  ['a two-line name', () => ({ claims: { sub: 'user-1', name: 'Grace\nHopper' } })],
  ['an 81-character name', () => ({ claims: { sub: 'user-1', name: 'n'.repeat(81) } })],
  ['a malformed email', () => ({ claims: { sub: 'user-1', name: 'Grace', email: 'not an email' } })],
  // PostgreSQL cannot store NUL: these must be refused as bad tokens on every store, not fail as 500s.
  ['a sub with a NUL character', () => ({ claims: { sub: 'user\u0000-1', name: 'Grace' } })],
  ['a sub with a line break', () => ({ claims: { sub: 'user-1\n', name: 'Grace' } })],
  // Stored as UTF-8, a lone surrogate would come back as U+FFFD: the user's later tokens would not match.
  ['a sub with a lone surrogate', () => ({ claims: { sub: 'user-\ud83d', name: 'Grace' } })],
  ['a name with a lone surrogate', () => ({ claims: { sub: 'user-1', name: 'Grace \ude00' } })],
  ['a name with a right-to-left override', () => ({ claims: { sub: 'user-1', name: 'Grace\u202e' } })],
  [
    'an email with a NUL character',
    () => ({ claims: { sub: 'user-1', name: 'Grace', email: 'g\u0000@x.org' } }),
  ],
  ['no exp', () => ({ expiresAtMs: null })],
  ['a lifetime of 24 h and 1 s', (nowMs) => ({ issuedAtMs: nowMs, expiresAtMs: nowMs + 24 * hourMs + 1000 })],
  ['no iat and exp 25 h away', (nowMs) => ({ issuedAtMs: null, expiresAtMs: nowMs + 25 * hourMs })],
  [
    'a 24 h lifetime that starts tomorrow',
    (nowMs) => ({ issuedAtMs: nowMs + 24 * hourMs, expiresAtMs: nowMs + 48 * hourMs }),
  ],
  ['garbage in JWT shape', () => 'abc.def.ghi'],
];

for (const backend of apiBackends) {
  describe(`SSO over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    const client = () => makeClient(api.makeApp({ sites: [ssoSite, otherSite] }));
    const token = (options: SsoTokenOptions = {}) => signSsoToken(api.clockMs, options);

    it('posts as the verified user the token names, whatever name the form sent', async () => {
      const sso = await token({
        claims: {
          sub: 'site-user-42',
          name: '  Grace Hopper  ',
          email: 'Grace@Example.ORG',
          picture: 'https://cdn.example.org/grace.png',
        },
      });
      const input = makeNewComment({ authorName: 'Someone Else', body: 'Signed in.', email: 'fake@x.org' });
      const posted = await client().postOk('/sso', input, bearer(sso));
      assert.equal(posted.authorName, 'Grace Hopper');
      assert.equal(posted.verified, true);
      assert.equal(posted.avatarUrl, 'https://cdn.example.org/grace.png');
      assert.equal('email' in posted, false, 'the email is never sent back');

      const stored = await api.store.getComment(input.id);
      assert.deepEqual(stored?.author, {
        authorTokenHash: null,
        userId: 'site-user-42',
        email: 'grace@example.org',
        ipHash: null,
        verified: true,
        avatarUrl: 'https://cdn.example.org/grace.png',
      });
      assert.deepEqual((await client().list('/sso')).comments, [posted]);

      // A retry with the same token and form is the same comment, although the form's name differs.
      const retry = await client().post('/sso', input, bearer(sso));
      assert.equal(retry.status, 200);
      assert.deepEqual(CommentSchema.parse(await retry.json()), posted);
    });

    it('ignores a picture that is not an absolute https URL', async () => {
      for (const picture of ['http://cdn.example.org/a.png', 'javascript:alert(1)', '/avatar.png', 42]) {
        const sso = await token({ claims: { sub: 'pic', name: 'Pic', picture } });
        const posted = await client().postOk('/pictures', makeNewComment(), bearer(sso));
        assert.equal(posted.avatarUrl, null, String(picture));
        assert.equal(posted.verified, true);
      }
    });

    it('accepts a lifetime of exactly 24 hours', async () => {
      const sso = await token({ expiresAtMs: api.clockMs + 24 * hourMs });
      await client().postOk('/lifetime', makeNewComment(), bearer(sso));
    });

    it('refuses an expired token with 401 sso_token_expired and stores nothing', async () => {
      const sso = await token({ issuedAtMs: api.clockMs - 2 * hourMs, expiresAtMs: api.clockMs - 1000 });
      const input = makeNewComment();
      await assertError(await client().post('/expired', input, bearer(sso)), 401, 'sso_token_expired');
      assert.equal(await api.store.getComment(input.id), null);
    });

    it('checks expiry against the server clock', async () => {
      const sso = await token();
      api.clockMs += hourMs + 1000;
      try {
        await assertError(
          await client().post('/clock', makeNewComment(), bearer(sso)),
          401,
          'sso_token_expired',
        );
      } finally {
        api.clockMs -= hourMs + 1000;
      }
    });

    for (const [name, options] of invalidTokens) {
      it(`refuses ${name} with 401 sso_token_invalid and stores nothing`, async () => {
        const made = options(api.clockMs);
        const sso = typeof made === 'string' ? made : await token(made);
        const input = makeNewComment();
        await assertError(await client().post('/invalid', input, bearer(sso)), 401, 'sso_token_invalid');
        assert.equal(await api.store.getComment(input.id), null);
        assert.deepEqual((await client().list('/invalid')).comments, []);
      });
    }

    it("verifies a token against the site the request's Origin names", async () => {
      const fromOther = { Origin: 'https://other.example' };
      const forOther = await token({ audience: otherSite.id, secret: otherSite.sso!.secret });
      const posted = await client().postOk('/per-site', makeNewComment(), {
        ...bearer(forOther),
        ...fromOther,
      });
      assert.equal(posted.verified, true);
      assert.equal((await api.store.getComment(posted.id))?.site, 'other');

      const forDemo = await token();
      await assertError(
        await client().post('/per-site', makeNewComment(), { ...bearer(forDemo), ...fromOther }),
        401,
        'sso_token_invalid',
      );
      // The comment belongs to the other site: on the demo site even an admin cannot reach it there.
      await assertError(
        await client().delete('/per-site', posted.id, bearer(testAdmin.token)),
        404,
        'not_found',
      );
      assert.deepEqual((await client().list('/per-site')).comments, []);
    });

    it('refuses SSO tokens on a site without SSO, saying so', async () => {
      const noSso = makeClient(api.makeApp({ sites: [makeSite()] }));
      const response = await noSso.post('/no-sso', makeNewComment(), bearer(await token()));
      const text = await response.clone().text();
      await assertError(response, 401, 'sso_token_invalid');
      assert.match(ErrorResponseSchema.parse(JSON.parse(text)).error.message, /does not use single sign-on/);
    });

    it('refuses a bearer token of no known kind, and a non-bearer header, with 401 auth_required', async () => {
      for (const authorization of [
        'Bearer not-a-token',
        `Bearer hga_${'a'.repeat(42)}`,
        'Basic dXNlcjpwYXNz',
        'Bearer',
      ]) {
        const input = makeNewComment();
        const response = await client().post('/unknown-token', input, { Authorization: authorization });
        await assertError(response, 401, 'auth_required');
        assert.equal(await api.store.getComment(input.id), null, authorization);
      }
    });

    it('lets an SSO author edit and delete from another device with a fresh token', async () => {
      const first = await token({ claims: { sub: 'mover', name: 'Mover' } });
      const posted = await client().postOk(
        '/devices',
        makeNewComment({ body: 'From my laptop' }),
        bearer(first),
      );

      api.clockMs += 5 * 60 * 1000;
      try {
        // The phone has its own token for the same user, and no guest author token at all.
        const phone = await token({ claims: { sub: 'mover', name: 'Mover' } });
        assert.notEqual(phone, first);
        const stranger = await token({ claims: { sub: 'someone-else', name: 'Mover' } });
        await assertError(
          await client().patch('/devices', posted.id, { body: 'Hijacked' }, bearer(stranger)),
          403,
          'not_author',
        );
        await assertError(
          await client().patch('/devices', posted.id, { body: 'Hijacked' }, bearer(makeGuestToken())),
          403,
          'not_author',
        );
        assert.equal((await api.store.getComment(posted.id))?.comment.body, 'From my laptop');

        const edited = await client().patch('/devices', posted.id, { body: 'From my phone' }, bearer(phone));
        assert.equal(edited.status, 200);
        const comment = CommentSchema.parse(await edited.json());
        assert.equal(comment.body, 'From my phone');
        assert.ok(comment.seq > posted.seq);

        const deleted = await client().delete('/devices', posted.id, bearer(phone));
        assert.equal(deleted.status, 200);
        assert.equal(CommentSchema.parse(await deleted.json()).status, 'deleted');
      } finally {
        api.clockMs -= 5 * 60 * 1000;
      }
    });

    it("lists the ids of the SSO user's own comments in a thread, for Edit on any device", async () => {
      const app = api.makeApp({ sites: [ssoSite, otherSite] });
      const mine = await token({ claims: { sub: 'lister', name: 'Lister' } });
      const other = await token({ claims: { sub: 'other', name: 'Other' } });
      const first = await makeClient(app).postOk('/mine', makeNewComment({ body: 'one' }), bearer(mine));
      await makeClient(app).postOk('/mine', makeNewComment({ body: 'not mine' }), bearer(other));
      await makeClient(app).postOk('/elsewhere', makeNewComment({ body: 'other thread' }), bearer(mine));
      const second = await makeClient(app).postOk('/mine', makeNewComment({ body: 'two' }), bearer(mine));

      const response = await app.request(`${commentsUrl('/mine')}/mine`, { headers: bearer(mine) });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await response.json(), { ids: [second.id, first.id], votedIds: [] });

      await assertError(await app.request(`${commentsUrl('/mine')}/mine`), 401, 'auth_required');
      await assertError(
        await app.request(`${commentsUrl('/mine')}/mine`, { headers: bearer(makeGuestToken()) }),
        401,
        'auth_required',
      );
    });

    it('lists the comments the SSO user upvoted in a thread, newest vote first, for any device', async () => {
      const app = api.makeApp({ sites: [ssoSite, otherSite] });
      const voter = await token({ claims: { sub: 'voter', name: 'Voter' } });
      const someone = await token({ claims: { sub: 'someone', name: 'Someone' } });
      const post = (thread: string) => makeClient(app).postOk(thread, makeNewComment(), bearer(someone));
      const vote = async (id: string, up: boolean, sso: string, voterId?: string) => {
        api.clockMs += 1000;
        const response = await app.request(`/api/v1/comments/${id}/vote`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', ...bearer(sso) },
          body: JSON.stringify({ up, ...(voterId ? { voter: voterId } : {}) }),
        });
        assert.equal(response.status, 200, await response.text());
      };
      const [first, second, takenBack, deleted, elsewhere] = [
        await post('/voted'),
        await post('/voted'),
        await post('/voted'),
        await post('/voted'),
        await post('/elsewhere'),
      ];
      await vote(first.id, true, voter);
      await vote(second.id, true, voter, randomUUID());
      await vote(takenBack.id, true, voter);
      await vote(takenBack.id, false, voter);
      await vote(deleted.id, true, voter);
      await vote(elsewhere.id, true, voter);
      await vote(first.id, true, someone);
      await api.store.updateComment(deleted.id, { status: 'deleted' }, api.clockMs);

      const listed = async (sso: string) => {
        const response = await app.request(`${commentsUrl('/voted')}/mine`, { headers: bearer(sso) });
        assert.equal(response.status, 200);
        return ((await response.json()) as { votedIds: string[] }).votedIds;
      };
      assert.deepEqual(await listed(voter), [second.id, first.id]);
      assert.deepEqual(await listed(someone), [first.id]);
    });

    it('never asks SSO users for proof of work, but still asks guests', async () => {
      const guarded = makeClient(
        api.makeApp({ sites: [makeSite({ sso: { secret: ssoSecret }, proofOfWork: { enabled: true } })] }),
      );
      await guarded.postOk('/pow', makeNewComment({ body: 'No puzzle for me' }), bearer(await token()));
      await assertError(
        await guarded.post('/pow', makeNewComment({ body: 'Guest without a puzzle' })),
        400,
        'proof_of_work_failed',
        'altcha',
      );
    });

    it('a post with a token keeps its id idempotent across identities: another user gets 409', async () => {
      const input = makeNewComment({ id: randomUUID(), body: 'Mine' });
      await client().postOk('/idem-sso', input, bearer(await token({ claims: { sub: 'a', name: 'Ann' } })));
      const other = await token({ claims: { sub: 'b', name: 'Bob' } });
      await assertError(await client().post('/idem-sso', input, bearer(other)), 409, 'id_conflict', 'id');
    });
  });
}
