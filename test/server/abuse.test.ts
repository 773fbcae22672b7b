import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import type { ApiError } from '../../server/src/http/api-error.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { assertRefused, attempt, makeGuard, makeSite, refusal, solved, t0 } from './helpers/abuse-guard.js';
import { makeNewComment } from './helpers/fixtures.js';

describe('abuse guard: honeypot', () => {
  const site = makeSite({ proofOfWork: { enabled: false } });

  test('a filled-in website field is spam, named as the field', async () => {
    const { guard } = makeGuard();
    assertRefused(
      await refusal(guard, attempt(site, { website: ' http://spam.example ' })),
      400,
      'spam_detected',
      'website',
    );
  });

  test('an empty or blank website field passes', async () => {
    const { guard } = makeGuard();
    assert.equal(await refusal(guard, attempt(site, { website: '' })), null);
    assert.equal(await refusal(guard, attempt(site, { website: '   ', body: 'Other text' })), null);
  });

  test('the honeypot applies to SSO users too', async () => {
    const { guard } = makeGuard();
    assertRefused(
      await refusal(guard, attempt(site, { website: 'x' }, { isSso: true })),
      400,
      'spam_detected',
      'website',
    );
  });
});

describe('abuse guard: compose time', () => {
  test('a post sooner than minComposeSeconds after the challenge is spam, without a field', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ limits: { minComposeSeconds: 3 } });
    const altcha = await solved(guard, site, t0);
    assertRefused(await refusal(guard, attempt(site, { altcha }, { nowMs: t0 })), 400, 'spam_detected');
    assertRefused(
      await refusal(guard, attempt(site, { altcha }, { nowMs: t0 + 2999 })),
      400,
      'spam_detected',
    );
    // Refused for speed, the solution is not spent: the same post a moment later goes through.
    assert.equal(await refusal(guard, attempt(site, { altcha }, { nowMs: t0 + 3000 })), null);
  });

  test('minComposeSeconds 0 lets an instant post through', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ limits: { minComposeSeconds: 0 } });
    assert.equal(
      await refusal(guard, attempt(site, { altcha: await solved(guard, site) }, { nowMs: t0 })),
      null,
    );
  });
});

describe('abuse guard: duplicates', () => {
  const site = makeSite({ proofOfWork: { enabled: false }, limits: { duplicateWindowMinutes: 10 } });

  async function storeComment(store: CommentStore, body: string, ipHash: string | null): Promise<void> {
    const result = await store.insertComment({
      site: site.id,
      thread: '/posts/a',
      input: makeNewComment({ body }),
      author: { authorTokenHash: null, userId: null, email: null, ipHash, verified: false, avatarUrl: null },
      status: 'published',
      nowMs: t0,
    });
    assert.equal(result.kind, 'created');
  }

  test('the same body from the same network within the window is a duplicate', async () => {
    const { guard, store } = makeGuard();
    await storeComment(store, 'Same words', 'ip-a');
    assertRefused(
      await refusal(guard, attempt(site, { body: 'Same words' }, { nowMs: t0 + 9 * 60_000 })),
      409,
      'duplicate_comment',
      'body',
    );
    // Other text, another network, another site, or after the window: all fine.
    assert.equal(await refusal(guard, attempt(site, { body: 'Other words' }, { nowMs: t0 + 60_000 })), null);
    assert.equal(await refusal(guard, attempt(site, { body: 'Same words' }, { ipHash: 'ip-b' })), null);
    assert.equal(
      await refusal(
        guard,
        attempt(makeSite({ id: 'shop', proofOfWork: { enabled: false } }), { body: 'Same words' }),
      ),
      null,
    );
    assert.equal(
      await refusal(guard, attempt(site, { body: 'Same words' }, { nowMs: t0 + 10 * 60_000 + 1 })),
      null,
    );
  });

  test('without an IP hash there is nothing to compare', async () => {
    const { guard, store } = makeGuard();
    await storeComment(store, 'Same words', null);
    assert.equal(await refusal(guard, attempt(site, { body: 'Same words' }, { ipHash: null })), null);
  });
});

describe('abuse guard: rate limits', () => {
  const quiet = { proofOfWork: { enabled: false } };

  function assertRateLimited(error: ApiError | null, maxSeconds: number): number {
    assertRefused(error, 429, 'rate_limited');
    const retryAfter = error!.headers['Retry-After'];
    assert.match(retryAfter ?? '', /^\d+$/, 'Retry-After is whole seconds');
    const seconds = Number(retryAfter);
    assert.ok(seconds >= 1 && seconds <= maxSeconds, `Retry-After ${seconds} within 1..${maxSeconds}`);
    return seconds;
  }

  test('the N+1th post from one network in a minute is refused; another network is not', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ ...quiet, limits: { postsPerMinutePerIp: 3 } });
    for (let i = 0; i < 3; i++) {
      assert.equal(
        await refusal(guard, attempt(site, { body: `Comment ${i}` }, { thread: `/t/${i}` })),
        null,
      );
    }
    assertRateLimited(await refusal(guard, attempt(site, { body: 'One more' }, { thread: '/t/x' })), 60);
    assert.equal(
      await refusal(guard, attempt(site, { body: 'One more' }, { thread: '/t/x', ipHash: 'ip-b' })),
      null,
    );
  });

  test('the hourly limit answers with a wait of more than a minute', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ ...quiet, limits: { postsPerMinutePerIp: 10, postsPerHourPerIp: 2 } });
    await guard.checkPost(attempt(site, { body: 'One' }));
    await guard.checkPost(attempt(site, { body: 'Two' }));
    const seconds = assertRateLimited(await refusal(guard, attempt(site, { body: 'Three' })), 3600);
    assert.ok(seconds > 60, `Retry-After ${seconds} covers the hour`);
  });

  test('a thread takes only so many posts a minute from everyone, even unknown networks', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ ...quiet, limits: { postsPerMinutePerThread: 2 } });
    await guard.checkPost(attempt(site, { body: 'One' }, { ipHash: 'ip-a' }));
    await guard.checkPost(attempt(site, { body: 'Two' }, { ipHash: 'ip-b' }));
    assertRateLimited(await refusal(guard, attempt(site, { body: 'Three' }, { ipHash: null })), 60);
    assert.equal(
      await refusal(guard, attempt(site, { body: 'Three' }, { ipHash: null, thread: '/posts/b' })),
      null,
    );
  });

  test('an unknown network is held only by the thread limit', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ ...quiet, limits: { postsPerMinutePerIp: 1, postsPerHourPerIp: 1 } });
    for (let i = 0; i < 3; i++) {
      assert.equal(
        await refusal(guard, attempt(site, { body: `C${i}` }, { ipHash: null, thread: `/t/${i}` })),
        null,
      );
    }
  });

  test('refused posts use up no budget and spend no solution', async () => {
    const { guard } = makeGuard();
    const site = makeSite({ limits: { postsPerMinutePerIp: 1, postsPerMinutePerThread: 1 } });
    const altcha = await solved(guard, site);
    // Honeypot, missing proof and a spent thread budget: none of these counts against ip-a.
    assert.ok(await refusal(guard, attempt(site, { altcha, website: 'bot' })));
    assert.ok(await refusal(guard, attempt(site, {})));
    await guard.checkPost(attempt(site, { altcha: await solved(guard, site) }, { ipHash: 'ip-b' }));
    assertRateLimited(await refusal(guard, attempt(site, { altcha, body: 'Mine' })), 60);
    // ip-a still has its one post, and its solution was not spent by the 429.
    assert.equal(await refusal(guard, attempt(site, { altcha, body: 'Mine' }, { thread: '/posts/b' })), null);
    assertRateLimited(
      await refusal(
        guard,
        attempt(site, { altcha: await solved(guard, site), body: 'Again' }, { thread: '/posts/c' }),
      ),
      60,
    );
  });

  test('each guard counts on its own', async () => {
    const site = makeSite({ ...quiet, limits: { postsPerMinutePerIp: 1 } });
    const { guard: first } = makeGuard();
    const { guard: second } = makeGuard();
    await first.checkPost(attempt(site, { body: 'One' }));
    assert.equal(await refusal(second, attempt(site, { body: 'One' })), null);
  });

  test('the budget comes back when the minute is over', async (t) => {
    t.after(() => mock.timers.reset());
    // Rate windows follow Date.now(), not the app clock.
    mock.timers.enable({ apis: ['Date'], now: t0 });
    const { guard } = makeGuard();
    const site = makeSite({ ...quiet, limits: { postsPerMinutePerIp: 1 } });
    await guard.checkPost(attempt(site, { body: 'One' }));
    mock.timers.tick(30_000);
    const seconds = assertRateLimited(await refusal(guard, attempt(site, { body: 'Two' })), 60);
    assert.equal(seconds, 30);
    mock.timers.tick(30_001);
    assert.equal(await refusal(guard, attempt(site, { body: 'Two' })), null);
  });
});
