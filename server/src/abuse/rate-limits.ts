import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import type { SiteConfig } from '../site-config.js';
import type { AbuseStateStore } from '../store/abuse-state.js';

/** One fixed-window limit a post is counted against. */
interface CountedLimit {
  key: string;
  points: number;
  windowMs: number;
}

/**
 * How many posts a site takes from one network (IP hash) per minute and per hour, and into one
 * thread per minute from everyone, using the site's `limits`. Counters live in the store
 * (store/abuse-state.ts), so every process over one database shares them, and follow the real
 * clock (`Date.now()`), not `ServerConfig.now`.
 */
export interface PostRateLimits {
  /**
   * Counts one post against every limit that applies (the thread's, and the network's when
   * `ipHash` is known). When any limit is spent, counts nothing and throws a 429
   * `rate_limited` ApiError whose `Retry-After` (whole seconds, at least 1) covers every
   * spent limit.
   */
  consume(site: SiteConfig, thread: string, ipHash: string | null): Promise<void>;
}

/** Limits counted in `store`; apps over one store (or one database) share their budgets. */
export function createPostRateLimits(store: AbuseStateStore): PostRateLimits {
  return {
    async consume(site, thread, ipHash) {
      const { postsPerMinutePerIp, postsPerHourPerIp, postsPerMinutePerThread } = site.limits;
      // The numbers are part of the key, so a site whose limits change never reuses counters.
      const limit = (scope: string, points: number, windowMs: number, subject: string): CountedLimit => ({
        key: JSON.stringify(['post', site.id, scope, points, subject]),
        points,
        windowMs,
      });
      const counted = [limit('thread/minute', postsPerMinutePerThread, 60_000, thread)];
      if (ipHash !== null) {
        counted.push(
          limit('ip/minute', postsPerMinutePerIp, 60_000, ipHash),
          limit('ip/hour', postsPerHourPerIp, 3_600_000, ipHash),
        );
      }

      // Every counter is asked, so Retry-After can cover all the spent ones at once instead of
      // sending the client into the next refusal.
      const nowMs = Date.now();
      const hits = await Promise.all(
        counted.map(({ key, windowMs }) => store.hitRateCounter(key, windowMs, nowMs)),
      );
      const spent = hits.filter((hit, index) => hit.count > counted[index]!.points);
      if (spent.length === 0) return;

      // A refused post must not use up budget: take back what this attempt counted.
      await Promise.all(counted.map(({ key }) => store.refundRateCounter(key, nowMs)));
      const waitMs = Math.max(...spent.map((hit) => hit.resetMs - nowMs));
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new ApiError(
        429,
        ErrorCode.rateLimited,
        `You are posting too quickly. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
        { headers: { 'Retry-After': String(retryAfterSeconds) } },
      );
    },
  };
}

function describeWait(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? 'a second' : `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
