import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { createApp } from '../../server/src/app.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import { ChangesResponseSchema } from '../../src/protocol/index.js';
import { solveToAltcha } from './helpers/altcha.js';
import { apiBackends, type ApiBackend } from './helpers/api-harness.js';
import { commentsUrl, makeNewComment } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';

const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/**
 * An app over a fresh store of `backend` with one site (proof of work off unless asked, so each
 * test sees one defence), behind a trusted proxy so `X-Forwarded-For` names the client, and a
 * clock the test moves. The store is closed when the test ends.
 */
async function makeHarness(t: TestContext, backend: ApiBackend, siteOverrides: Record<string, unknown> = {}) {
  const fixture = await backend.open();
  t.after(() => fixture.cleanup());
  const clock = { ms: t0 };
  const site = SiteConfigSchema.parse({
    id: 'blog',
    origins: ['https://blog.example'],
    proofOfWork: { enabled: false },
    ...siteOverrides,
  });
  const app = createApp(fixture.store, {
    sites: [site],
    now: () => clock.ms,
    trustProxy: true,
    secret: 'a-server-secret-that-is-long-enough-1234',
  });
  return {
    clock,
    app,
    post: (thread: string, body: unknown, ip = '203.0.113.7') =>
      app.request(commentsUrl(thread), jsonPost(body, { 'X-Forwarded-For': ip })),
    async feedBodies(thread: string): Promise<string[]> {
      const response = await app.request(commentsUrl(thread));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json()).comments.map((comment) => comment.body);
    },
  };
}

async function assertCreated(response: Response): Promise<void> {
  assert.equal(response.status, 201, await response.clone().text());
}

/** Asserts a 429 `rate_limited` whose Retry-After is whole seconds within 1..maxSeconds. */
async function assertRateLimited(response: Response, maxSeconds: number): Promise<number> {
  const retryAfter = response.headers.get('retry-after') ?? '';
  await assertError(response, 429, 'rate_limited');
  assert.match(retryAfter, /^\d+$/, 'Retry-After is whole seconds');
  const seconds = Number(retryAfter);
  assert.ok(seconds >= 1 && seconds <= maxSeconds, `Retry-After ${seconds} within 1..${maxSeconds}`);
  return seconds;
}

for (const backend of apiBackends) {
  describe(`honeypot over HTTP (${backend.name})`, () => {
    test('a filled-in website field is refused as spam and nothing is stored', async (t) => {
      const harness = await makeHarness(t, backend);
      await assertError(
        await harness.post('/a', makeNewComment({ website: 'https://cheap-pills.example' })),
        400,
        'spam_detected',
        'website',
      );
      assert.deepEqual(await harness.feedBodies('/a'), []);
      await assertCreated(await harness.post('/a', makeNewComment({ website: '' })));
    });
  });

  describe(`duplicates over HTTP (${backend.name})`, () => {
    test('the same text from the same network is refused within the window, taken after it', async (t) => {
      const harness = await makeHarness(t, backend, { limits: { duplicateWindowMinutes: 10 } });
      await assertCreated(await harness.post('/a', makeNewComment({ body: 'Great post!' })));
      harness.clock.ms += 5 * 60_000;
      await assertError(
        await harness.post('/b', makeNewComment({ body: 'Great post!' })),
        409,
        'duplicate_comment',
        'body',
      );
      assert.deepEqual(await harness.feedBodies('/b'), []);
      // Another network may say the same thing.
      await assertCreated(await harness.post('/b', makeNewComment({ body: 'Great post!' }), '198.51.100.2'));
      harness.clock.ms += 5 * 60_000 + 1;
      await assertCreated(await harness.post('/c', makeNewComment({ body: 'Great post!' })));
    });
  });

  describe(`rate limits over HTTP (${backend.name})`, () => {
    test('the N+1th post from one network in a minute gets 429 and Retry-After; others post on', async (t) => {
      const harness = await makeHarness(t, backend, { limits: { postsPerMinutePerIp: 2 } });
      await assertCreated(await harness.post('/a', makeNewComment({ body: 'One' })));
      await assertCreated(await harness.post('/b', makeNewComment({ body: 'Two' })));
      const refused = makeNewComment({ body: 'Three' });
      await assertRateLimited(await harness.post('/c', refused), 60);
      assert.deepEqual(await harness.feedBodies('/c'), []);
      await assertCreated(await harness.post('/c', makeNewComment({ body: 'Three' }), '198.51.100.2'));
    });

    test('a thread takes only so many posts a minute, whoever sends them', async (t) => {
      const harness = await makeHarness(t, backend, { limits: { postsPerMinutePerThread: 2 } });
      await assertCreated(await harness.post('/a', makeNewComment({ body: 'One' }), '198.51.100.1'));
      await assertCreated(await harness.post('/a', makeNewComment({ body: 'Two' }), '198.51.100.2'));
      await assertRateLimited(
        await harness.post('/a', makeNewComment({ body: 'Three' }), '198.51.100.3'),
        60,
      );
      await assertCreated(await harness.post('/b', makeNewComment({ body: 'Three' }), '198.51.100.3'));
      assert.deepEqual(await harness.feedBodies('/a'), ['One', 'Two']);
    });

    test('posts refused as spam use up none of the budget', async (t) => {
      const harness = await makeHarness(t, backend, { limits: { postsPerMinutePerIp: 1 } });
      await assertError(
        await harness.post('/a', makeNewComment({ website: 'x' })),
        400,
        'spam_detected',
        'website',
      );
      await assertCreated(await harness.post('/a', makeNewComment({ body: 'Real one' })));
      await assertRateLimited(await harness.post('/a', makeNewComment({ body: 'Too many' })), 60);
    });

    test('a post refused for its rate can be sent again with the same solution', async (t) => {
      const harness = await makeHarness(t, backend, {
        proofOfWork: { maxNumber: 1000 },
        limits: { postsPerMinutePerThread: 1, minComposeSeconds: 0 },
      });
      const first = await solveToAltcha(await (await harness.app.request('/api/v1/challenge')).json());
      const second = await solveToAltcha(await (await harness.app.request('/api/v1/challenge')).json());
      await assertCreated(await harness.post('/a', makeNewComment({ body: 'One', altcha: first })));
      await assertRateLimited(await harness.post('/a', makeNewComment({ body: 'Two', altcha: second })), 60);
      // The 429 spent nothing: the same solution goes through where there is room.
      await assertCreated(await harness.post('/b', makeNewComment({ body: 'Two', altcha: second })));
    });
  });
}
