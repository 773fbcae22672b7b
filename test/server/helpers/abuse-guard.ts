import assert from 'node:assert/strict';
import type { Challenge } from 'altcha-lib/v1/types';
import {
  createAbuseGuard,
  type AbuseGuard,
  type PostAttempt,
} from '../../../server/src/abuse/abuse-guard.js';
import { ApiError } from '../../../server/src/http/api-error.js';
import { SiteConfigSchema, type SiteConfig } from '../../../server/src/site-config.js';
import type { CommentStore } from '../../../server/src/store/comment-store.js';
import { createMemoryStore } from '../../../server/src/store/memory-store.js';
import type { NewComment } from '../../../src/protocol/index.js';
import { solveToAltcha } from './altcha.js';
import { makeNewComment } from './fixtures.js';

const secret = 'a-server-secret-that-is-long-enough-1234';
/** The clock the abuse guard suites start at: 2025-06-01T12:00:00Z. */
export const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/** A site with proof of work up to maxNumber 1000; override any field. */
export function makeSite(overrides: Record<string, unknown> = {}): SiteConfig {
  return SiteConfigSchema.parse({
    id: 'blog',
    origins: ['https://blog.example'],
    proofOfWork: { maxNumber: 1000 },
    ...overrides,
  });
}

/** A guard over a fresh memory store, and a shorthand for building attempts. */
export function makeGuard(guardSecret = secret): { guard: AbuseGuard; store: CommentStore } {
  const store = createMemoryStore();
  return { guard: createAbuseGuard({ store, readSecret: async () => guardSecret }), store };
}

/** A post of `input` by a guest on ip-a to `/posts/a`, 10 s after t0; `rest` overrides the rest. */
export function attempt(
  site: SiteConfig,
  input: Partial<NewComment>,
  rest: Partial<PostAttempt> = {},
): PostAttempt {
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
export async function refusal(guard: AbuseGuard, post: PostAttempt): Promise<ApiError | null> {
  try {
    await guard.checkPost(post);
    return null;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
}

/** Asserts the guard refused the post with this status, code and field, and a message. */
export function assertRefused(error: ApiError | null, status: number, code: string, field?: string): void {
  assert.ok(error, `expected ${code}, but the post was let through`);
  assert.equal(error.status, status, error.message);
  assert.equal(error.code, code, error.message);
  assert.equal(error.field, field);
  assert.ok(error.message.length > 0);
}

/** Issues a challenge for `site`, which must have proof of work on. */
export async function issue(guard: AbuseGuard, site: SiteConfig, nowMs = t0): Promise<Challenge> {
  const challenge = await guard.issueChallenge(site, nowMs);
  assert.ok(challenge, 'proof of work is on for this site');
  return challenge;
}

/** Issues a challenge for `site` and returns its solution, ready for the altcha field. */
export async function solved(guard: AbuseGuard, site: SiteConfig, nowMs = t0): Promise<string> {
  return solveToAltcha(await issue(guard, site, nowMs));
}
