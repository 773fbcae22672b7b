import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import type { Challenge } from 'altcha-lib/v1/types';
import { createAbuseGuard, type AbuseGuard, type PostAttempt } from '../../server/src/abuse/abuse-guard.js';
import { createUsedSolutions } from '../../server/src/abuse/used-solutions.js';
import { ApiError } from '../../server/src/http/api-error.js';
import { SiteConfigSchema, type SiteConfig } from '../../server/src/site-config.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import type { NewComment } from '../../src/protocol/index.js';
import { encodeAltcha, solveAltcha, solveToAltcha } from './helpers/altcha.js';
import { makeNewComment } from './helpers/fixtures.js';

const secret = 'a-server-secret-that-is-long-enough-1234';
const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);

function makeSite(overrides: Record<string, unknown> = {}): SiteConfig {
  return SiteConfigSchema.parse({
    id: 'blog',
    origins: ['https://blog.example'],
    proofOfWork: { maxNumber: 1000 },
    ...overrides,
  });
}

/** A guard over a fresh memory store, and a shorthand for building attempts. */
function makeGuard(guardSecret = secret): { guard: AbuseGuard; store: CommentStore } {
  const store = createMemoryStore();
  return { guard: createAbuseGuard({ store, readSecret: async () => guardSecret }), store };
}

function attempt(site: SiteConfig, input: Partial<NewComment>, rest: Partial<PostAttempt> = {}): PostAttempt {
  return {
    site,
    thread: '/posts/a',
    input: makeNewComment(input),
    ipHash: 'ip-a',
    isSso: false,
    nowMs: t0 + 10_000,
    ...rest,
  };
}

/** Runs checkPost and returns the ApiError it threw, or null when it let the post through. */
async function refusal(guard: AbuseGuard, post: PostAttempt): Promise<ApiError | null> {
  try {
    await guard.checkPost(post);
    return null;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
}

function assertRefused(error: ApiError | null, status: number, code: string, field?: string): void {
  assert.ok(error, `expected ${code}, but the post was let through`);
  assert.equal(error.status, status, error.message);
  assert.equal(error.code, code, error.message);
  assert.equal(error.field, field);
  assert.ok(error.message.length > 0);
}

async function issue(guard: AbuseGuard, site: SiteConfig, nowMs = t0): Promise<Challenge> {
  const challenge = await guard.issueChallenge(site, nowMs);
  assert.ok(challenge, 'proof of work is on for this site');
  return challenge;
}

async function solved(guard: AbuseGuard, site: SiteConfig, nowMs = t0): Promise<string> {
  return solveToAltcha(await issue(guard, site, nowMs));
}

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

describe('abuse guard: proof of work', () => {
  const site = makeSite();

  test('a solved challenge lets a guest post once; the same solution again is refused', async () => {
    const { guard } = makeGuard();
    const altcha = await solved(guard, site);
    assert.equal(await refusal(guard, attempt(site, { altcha })), null);
    assertRefused(
      await refusal(guard, attempt(site, { altcha, body: 'A different comment' })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
  });

  test('a missing or empty solution is refused, named as the altcha field', async () => {
    const { guard } = makeGuard();
    assertRefused(await refusal(guard, attempt(site, {})), 400, 'proof_of_work_failed', 'altcha');
    assertRefused(await refusal(guard, attempt(site, { altcha: '' })), 400, 'proof_of_work_failed', 'altcha');
  });

  test('malformed solutions are refused without an error of ours', async () => {
    const { guard } = makeGuard();
    const challenge = await issue(guard, site);
    const payload = await solveAltcha(challenge);
    for (const altcha of [
      'not base64 at all ✗',
      Buffer.from('not json').toString('base64'),
      Buffer.from('null').toString('base64'),
      Buffer.from('[1,2]').toString('base64'),
      encodeAltcha({ ...payload, algorithm: 'SHA-1' }),
      Buffer.from(JSON.stringify({ ...payload, number: '5' })).toString('base64'),
      Buffer.from(JSON.stringify({ ...payload, salt: undefined })).toString('base64'),
    ]) {
      assertRefused(await refusal(guard, attempt(site, { altcha })), 400, 'proof_of_work_failed', 'altcha');
    }
  });

  test('a wrong number is refused', async () => {
    const { guard } = makeGuard();
    const payload = await solveAltcha(await issue(guard, site));
    const wrong = encodeAltcha({ ...payload, number: payload.number + 1 });
    assertRefused(
      await refusal(guard, attempt(site, { altcha: wrong })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
    // The right number still works: a failed attempt spends nothing.
    assert.equal(await refusal(guard, attempt(site, { altcha: encodeAltcha(payload) })), null);
  });

  test('a salt edited to claim an earlier issue time is refused', async () => {
    const { guard } = makeGuard();
    const challenge = await issue(guard, site);
    const salt = challenge.salt.replace(/issued=\d+/, `issued=${t0 - 60_000}`);
    assert.notEqual(salt, challenge.salt);
    // Solved honestly for the edited salt: only the signature can tell.
    const payload = await solveAltcha({ ...challenge, salt, challenge: await sha256Hex(`${salt}7`) });
    assertRefused(
      await refusal(guard, attempt(site, { altcha: encodeAltcha(payload) }, { nowMs: t0 + 1000 })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
  });

  test('a challenge signed with another secret is refused', async () => {
    const { guard: other } = makeGuard('another-server-secret-that-is-long-enough');
    const { guard } = makeGuard();
    const altcha = await solved(other, site);
    assertRefused(await refusal(guard, attempt(site, { altcha })), 400, 'proof_of_work_failed', 'altcha');
  });

  test("another site's challenge is refused", async () => {
    const { guard } = makeGuard();
    const altcha = await solved(guard, makeSite({ id: 'shop' }));
    assertRefused(await refusal(guard, attempt(site, { altcha })), 400, 'proof_of_work_failed', 'altcha');
  });

  test('a challenge expires after expiresSeconds by the app clock', async () => {
    const { guard } = makeGuard();
    const expiring = makeSite({ proofOfWork: { maxNumber: 1000, expiresSeconds: 60 } });
    const first = await solved(guard, expiring);
    const second = await solved(guard, expiring);
    assert.equal(await refusal(guard, attempt(expiring, { altcha: first }, { nowMs: t0 + 59_000 })), null);
    assertRefused(
      await refusal(guard, attempt(expiring, { altcha: second, body: 'Later' }, { nowMs: t0 + 60_000 })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
  });

  test('two concurrent posts with one solution: exactly one gets through', async () => {
    const { guard } = makeGuard();
    const altcha = await solved(guard, site);
    const results = await Promise.all([
      refusal(guard, attempt(site, { altcha, body: 'One' })),
      refusal(guard, attempt(site, { altcha, body: 'Two' })),
    ]);
    assert.equal(results.filter((result) => result === null).length, 1);
    assertRefused(results.find((result) => result !== null) ?? null, 400, 'proof_of_work_failed', 'altcha');
  });

  test('SSO users need no proof of work and no compose time', async () => {
    const { guard } = makeGuard();
    assert.equal(await refusal(guard, attempt(site, {}, { isSso: true, nowMs: t0 })), null);
  });

  test('a site with proof of work off issues no challenge and asks for none', async () => {
    const { guard } = makeGuard();
    const off = makeSite({ proofOfWork: { enabled: false } });
    assert.equal(await guard.issueChallenge(off, t0), null);
    assert.equal(await refusal(guard, attempt(off, {}, { nowMs: t0 })), null);
  });

  test('challenges carry their limits: maxnumber from the site, a fresh salt each time', async () => {
    const { guard } = makeGuard();
    const first = await issue(guard, makeSite({ proofOfWork: { maxNumber: 2000 } }));
    const second = await issue(guard, site);
    assert.equal(first.maxnumber, 2000);
    assert.equal(first.algorithm, 'SHA-256');
    assert.notEqual(first.salt.split('?')[0], second.salt.split('?')[0]);
    assert.match(first.salt, new RegExp(`expires=${Math.floor(t0 / 1000) + 1800}&`));
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

describe('spent solutions', () => {
  test('are remembered until they expire, within a cap', () => {
    const used = createUsedSolutions(2);
    assert.equal(used.claim('a', t0 + 1000, t0), true);
    assert.equal(used.claim('a', t0 + 1000, t0), false);
    assert.equal(used.claim('b', t0 + 120_000, t0), true);
    assert.equal(used.claim('c', t0 + 120_000, t0), 'full');
    // A minute on, the sweep drops 'a' (expired) and makes room.
    assert.equal(used.claim('c', t0 + 120_000, t0 + 60_000), true);
    assert.equal(used.size, 2);
    used.release('c');
    assert.equal(used.claim('c', t0 + 120_000, t0 + 60_000), true);
  });
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}
