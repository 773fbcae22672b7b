import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { Challenge } from 'altcha-lib/v1/types';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { createApp } from '../../server/src/app.js';
import { SiteConfigSchema, type SiteConfig } from '../../server/src/site-config.js';
import { ChangesResponseSchema, CommentSchema } from '../../src/protocol/index.js';
import { encodeAltcha, solveAltcha, solveToAltcha } from './helpers/altcha.js';
import { apiBackends, type ApiBackend } from './helpers/api-harness.js';
import { commentsUrl, makeNewComment } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';

const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const ssoSecret = 'the-blog-signs-its-readers-with-this-secret';
const thread = '/posts/hello';

const ChallengeSchema = z.strictObject({
  algorithm: z.literal('SHA-256'),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  maxnumber: z.int(),
  salt: z.string(),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

function makeSite(overrides: Record<string, unknown> = {}): SiteConfig {
  return SiteConfigSchema.parse({
    id: 'blog',
    origins: ['https://blog.example'],
    proofOfWork: { maxNumber: 1000, expiresSeconds: 600 },
    limits: { minComposeSeconds: 3 },
    sso: { secret: ssoSecret },
    ...overrides,
  });
}

const memory = apiBackends[0]!;

/** An app over a fresh store of `backend` with one site and a clock the test moves; closed after the test. */
async function makeHarness(t: TestContext, backend: ApiBackend, site = makeSite()) {
  const fixture = await backend.open();
  t.after(() => fixture.cleanup());
  const clock = { ms: t0 };
  const app = createApp(fixture.store, {
    sites: [site],
    now: () => clock.ms,
    secret: 'a-server-secret-that-is-long-enough-1234',
    admins: [{ name: 'Root', token: 'admin-token-that-is-long-enough' }],
  });
  return {
    clock,
    app,
    getChallenge: () => app.request('/api/v1/challenge'),
    async challenge(): Promise<Challenge> {
      const response = await app.request('/api/v1/challenge');
      assert.equal(response.status, 200);
      return ChallengeSchema.parse(await response.json());
    },
    post: (body: unknown, headers: Record<string, string> = {}) =>
      app.request(commentsUrl(thread), jsonPost(body, headers)),
    async feedBodies(): Promise<string[]> {
      const response = await app.request(commentsUrl(thread));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json()).comments.map((comment) => comment.body);
    },
  };
}

describe('GET /api/v1/challenge', () => {
  test('answers a fresh, uncacheable challenge with the site’s maxnumber and expiry', async (t) => {
    const { app, clock } = await makeHarness(t, memory);
    const response = await app.request('/api/v1/challenge');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const challenge = ChallengeSchema.parse(await response.json());
    assert.equal(challenge.maxnumber, 1000);
    assert.match(challenge.salt, new RegExp(`[?&]expires=${Math.floor(clock.ms / 1000) + 600}&`));
    assert.match(challenge.salt, /[?&]site=blog&/);
    // The widget reads how long to wait before posting from the signed salt.
    const composeMs = new URLSearchParams(challenge.salt.split('?')[1]).get('compose');
    assert.equal(composeMs, '3000');

    const again = ChallengeSchema.parse(await (await app.request('/api/v1/challenge')).json());
    assert.notEqual(again.salt, challenge.salt);
    assert.notEqual(again.signature, challenge.signature);
  });

  test('answers 204 with no body when the site turns proof of work off', async (t) => {
    const { getChallenge } = await makeHarness(t, memory, makeSite({ proofOfWork: { enabled: false } }));
    const response = await getChallenge();
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(await response.text(), '');
  });

  test('refuses other methods with 405 and Allow', async (t) => {
    const { app } = await makeHarness(t, memory);
    const response = await app.request('/api/v1/challenge', { method: 'POST' });
    assert.equal(response.headers.get('allow'), 'GET, HEAD, OPTIONS');
    await assertError(response, 405, 'method_not_allowed');
  });
});

for (const backend of apiBackends) {
  describe(`posting with proof of work (${backend.name})`, () => {
    test('a solved challenge posts (201); a retry of the same post is not refused', async (t) => {
      const harness = await makeHarness(t, backend);
      const altcha = await solveToAltcha(await harness.challenge());
      harness.clock.ms += 5000;
      const post = makeNewComment({ body: 'Solved honestly.', altcha });
      const created = await harness.post(post);
      assert.equal(created.status, 201, await created.clone().text());
      const comment = CommentSchema.parse(await created.json());
      assert.equal(comment.body, 'Solved honestly.');

      // The response was lost; the widget sends the very same post again.
      const retried = await harness.post(post);
      assert.equal(retried.status, 200, await retried.clone().text());
      assert.deepEqual(CommentSchema.parse(await retried.json()), comment);
      assert.deepEqual(await harness.feedBodies(), ['Solved honestly.']);
    });

    test('a solution used once is refused for another comment, which is not stored', async (t) => {
      const harness = await makeHarness(t, backend);
      const altcha = await solveToAltcha(await harness.challenge());
      harness.clock.ms += 5000;
      assert.equal((await harness.post(makeNewComment({ body: 'First', altcha }))).status, 201);
      await assertError(
        await harness.post(makeNewComment({ body: 'Second', altcha })),
        400,
        'proof_of_work_failed',
        'altcha',
      );
      assert.deepEqual(await harness.feedBodies(), ['First']);
    });

    test('a missing, malformed or wrong solution is refused and nothing is stored', async (t) => {
      const harness = await makeHarness(t, backend);
      const payload = await solveAltcha(await harness.challenge());
      harness.clock.ms += 5000;
      await assertError(await harness.post(makeNewComment()), 400, 'proof_of_work_failed', 'altcha');
      await assertError(
        await harness.post(makeNewComment({ altcha: 'bm90IGpzb24=' })),
        400,
        'proof_of_work_failed',
        'altcha',
      );
      const wrong = encodeAltcha({ ...payload, number: payload.number + 1 });
      await assertError(
        await harness.post(makeNewComment({ altcha: wrong })),
        400,
        'proof_of_work_failed',
        'altcha',
      );
      assert.deepEqual(await harness.feedBodies(), []);
    });

    test('an expired challenge is refused', async (t) => {
      const harness = await makeHarness(t, backend);
      const altcha = await solveToAltcha(await harness.challenge());
      harness.clock.ms += 600_000;
      await assertError(
        await harness.post(makeNewComment({ altcha })),
        400,
        'proof_of_work_failed',
        'altcha',
      );
      assert.deepEqual(await harness.feedBodies(), []);
    });

    test('a post sooner than minComposeSeconds after the challenge is spam', async (t) => {
      const harness = await makeHarness(t, backend);
      const altcha = await solveToAltcha(await harness.challenge());
      const response = await harness.post(makeNewComment({ altcha }));
      await assertError(response, 400, 'spam_detected');
      assert.deepEqual(await harness.feedBodies(), []);
      // The same solution, sent once a person could have written something, is fine.
      harness.clock.ms += 3000;
      assert.equal((await harness.post(makeNewComment({ altcha }))).status, 201);
    });

    test('a site with proof of work off takes a guest post without one, at once', async (t) => {
      const harness = await makeHarness(t, backend, makeSite({ proofOfWork: { enabled: false } }));
      assert.equal((await harness.post(makeNewComment({ body: 'No work needed' }))).status, 201);
      assert.deepEqual(await harness.feedBodies(), ['No work needed']);
    });

    test('signed-in (SSO) readers and admins are never asked for proof of work', async (t) => {
      const harness = await makeHarness(t, backend);
      const token = await new SignJWT({ name: 'Grace' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user-1')
        .setAudience('blog')
        .setIssuedAt(Math.floor(t0 / 1000))
        .setExpirationTime(Math.floor(t0 / 1000) + 3600)
        .sign(new TextEncoder().encode(ssoSecret));
      const sso = await harness.post(makeNewComment({ body: 'From SSO' }), {
        Authorization: `Bearer ${token}`,
      });
      assert.equal(sso.status, 201, await sso.clone().text());
      const admin = await harness.post(makeNewComment({ body: 'From admin' }), {
        Authorization: 'Bearer admin-token-that-is-long-enough',
      });
      assert.equal(admin.status, 201, await admin.clone().text());
      assert.deepEqual((await harness.feedBodies()).sort(), ['From SSO', 'From admin']);
    });
  });
}
