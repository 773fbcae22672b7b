import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { readClientIp, type ClientIpSource } from '../http/client-ip.js';
import type { AbuseStateStore } from '../store/abuse-state.js';

/** Wrong admin tokens one network may send in a window before every attempt is refused. */
export const adminTokenFailuresMax = 10;

/** The window those failures are counted in: 15 minutes, in ms, from the first. */
export const adminTokenWindowMs = 15 * 60_000;

/**
 * Counts the admin tokens a network presents, so nobody can guess tokens at the server's speed.
 * Counters live in the store (store/abuse-state.ts), so every process over one database
 * shares them, and follow the app's clock.
 */
export interface AdminTokenThrottle {
  /**
   * Counts one attempt from `network` (an IP hash) before its token is compared. Once the
   * network has spent `adminTokenFailuresMax` in the window, throws a 429 `too_many_attempts`
   * ApiError with `Retry-After` (whole seconds until the window closes), even for a right
   * token: answering a right one would tell a guesser which guess was right. Returns the
   * function that takes the attempt back, for a token that was right.
   */
  countAttempt(network: string): Promise<() => Promise<void>>;
}

/**
 * Counts one admin-token attempt by the request's network, as
 * {@link AdminTokenThrottle.countAttempt} does; resolves to null (nothing counted) for a request
 * from no known address (made in-process).
 */
export type CountAdminAttempt = (c: ClientIpSource) => Promise<(() => Promise<void>) | null>;

/** The admin API and the public API's admin identity share one count per network. */
export function createAdminAttemptCounter(options: {
  store: AbuseStateStore;
  now: () => number;
  trustProxy: boolean;
  hashIp: (ip: string | null, nowMs: number) => Promise<string | null>;
}): CountAdminAttempt {
  const throttle = createAdminTokenThrottle(options);
  return async (c) => {
    const network = await options.hashIp(readClientIp(c, options.trustProxy), options.now());
    return network === null ? null : throttle.countAttempt(network);
  };
}

function createAdminTokenThrottle(options: {
  store: AbuseStateStore;
  now: () => number;
}): AdminTokenThrottle {
  const { store } = options;
  return {
    async countAttempt(network) {
      const key = JSON.stringify(['admin-token', network]);
      const nowMs = options.now();
      const hit = await store.hitRateCounter(key, adminTokenWindowMs, nowMs);
      if (hit.count > adminTokenFailuresMax) {
        const retryAfterSeconds = Math.max(1, Math.ceil((hit.resetMs - nowMs) / 1000));
        throw new ApiError(
          429,
          ErrorCode.tooManyAttempts,
          `Too many wrong admin tokens from your network. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
          { headers: { 'Retry-After': String(retryAfterSeconds) } },
        );
      }
      return () => store.refundRateCounter(key, nowMs);
    },
  };
}
