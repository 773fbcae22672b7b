import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import type { SiteConfig } from '../site-config.js';

/** One site's limiters, built from its `limits`. */
interface SiteLimiters {
  perMinutePerIp: RateLimiterMemory;
  perHourPerIp: RateLimiterMemory;
  perMinutePerThread: RateLimiterMemory;
}

/**
 * How many posts a site takes from one network (IP hash) per minute and per hour, and into one
 * thread per minute from everyone, using the site's `limits`. Counters live in this process's
 * memory (#6 moves them to PostgreSQL) and follow the real clock, not `ServerConfig.now`.
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

/** Fresh counters; each app builds its own, so apps (and tests) never share budgets. */
export function createPostRateLimits(): PostRateLimits {
  const bySite = new Map<string, SiteLimiters>();

  function limitersFor(site: SiteConfig): SiteLimiters {
    const { postsPerMinutePerIp, postsPerHourPerIp, postsPerMinutePerThread } = site.limits;
    // The numbers are part of the key, so a site whose limits differ never reuses counters.
    const key = `${site.id}:${postsPerMinutePerIp}:${postsPerHourPerIp}:${postsPerMinutePerThread}`;
    let limiters = bySite.get(key);
    if (!limiters) {
      limiters = {
        perMinutePerIp: new RateLimiterMemory({ points: postsPerMinutePerIp, duration: 60 }),
        perHourPerIp: new RateLimiterMemory({ points: postsPerHourPerIp, duration: 3600 }),
        perMinutePerThread: new RateLimiterMemory({ points: postsPerMinutePerThread, duration: 60 }),
      };
      bySite.set(key, limiters);
    }
    return limiters;
  }

  return {
    async consume(site, thread, ipHash) {
      const limiters = limitersFor(site);
      const counted: Array<[RateLimiterMemory, string]> = [[limiters.perMinutePerThread, thread]];
      if (ipHash !== null) {
        counted.push([limiters.perMinutePerIp, ipHash], [limiters.perHourPerIp, ipHash]);
      }

      // Every limiter is asked, so Retry-After can cover all the spent ones at once instead of
      // sending the client into the next refusal.
      const outcomes = await Promise.allSettled(counted.map(([limiter, key]) => limiter.consume(key)));
      const refusals = outcomes.filter((outcome) => outcome.status === 'rejected');
      if (refusals.length === 0) return;

      // A refused post must not use up budget: the memory limiter counts even what it refuses.
      await Promise.all(counted.map(([limiter, key]) => limiter.reward(key)));
      let waitMs = 0;
      for (const refusal of refusals) {
        if (!(refusal.reason instanceof RateLimiterRes)) throw refusal.reason;
        waitMs = Math.max(waitMs, refusal.reason.msBeforeNext);
      }
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
