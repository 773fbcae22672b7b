import { ErrorCode, type NewComment } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import type { SiteConfig } from '../site-config.js';
import type { CommentStore } from '../store/comment-store.js';
import { createProofOfWork, type ProofOfWorkChallenge } from './proof-of-work.js';
import { createPostRateLimits } from './rate-limits.js';
import { checkComposeTime, checkDuplicate, checkHoneypot } from './spam-checks.js';

/** A post about to be stored, as the abuse checks see it. */
export interface PostAttempt {
  site: SiteConfig;
  thread: string;
  input: NewComment;
  /** The client's IP hash, or null when unknown. */
  ipHash: string | null;
  /** True for SSO users: no proof of work or compose-time check. */
  isSso: boolean;
  nowMs: number;
}

/**
 * The spam and flood defences a post passes before it is stored: honeypot, proof of work,
 * minimum compose time, duplicate text, rate limits. Requests with the admin token skip it.
 */
export interface AbuseGuard {
  /**
   * Resolves when the post may go ahead; throws an ApiError (400, 409 or 429) when not.
   *
   * Call it once per new comment, only for ids not yet stored: it counts the post against the
   * rate limits and spends its proof-of-work solution, so a second call with the same
   * `altcha` is refused as a replay. A client retrying a post whose response it lost sends
   * the same id, finds it stored and never reaches this check, so retries stay idempotent.
   * When this throws, nothing is counted or spent, so the client may retry the same post
   * (after Retry-After for a 429). When it resolves but the post is then not stored, the
   * solution stays spent and the client needs a fresh challenge.
   *
   * Checks run cheapest and most telling first, and rate limits last so refused posts never
   * use up a person's budget: honeypot → proof of work → compose time → duplicate → rate limits.
   */
  checkPost(attempt: PostAttempt): Promise<void>;
  /** A proof-of-work challenge for a composer on `site`, or null when the site turns it off. */
  issueChallenge(site: SiteConfig, nowMs: number): Promise<ProofOfWorkChallenge | null>;
}

/** What the guard needs from the app. */
export interface AbuseGuardDeps {
  store: CommentStore;
  /** The server secret (as `createApp` resolves it): the key challenges are signed with. */
  readSecret: () => Promise<string>;
}

/**
 * Builds the guard for an app. Rate-limit counters and spent solutions live in the store
 * (store/abuse-state.ts): every app and process over one database shares them, and a fresh
 * store starts clean.
 */
export function createAbuseGuard({ store, readSecret }: AbuseGuardDeps): AbuseGuard {
  const proofOfWork = createProofOfWork(readSecret);
  const rateLimits = createPostRateLimits(store);

  /** Verifies and spends a guest's solution; returns a function that un-spends it. */
  async function spendSolution(attempt: PostAttempt): Promise<() => Promise<void>> {
    const { site, input, nowMs } = attempt;
    if (input.altcha === undefined || input.altcha === '') {
      throw proofOfWorkFailed('This post needs its proof of work. Please try again.');
    }
    const solution = await proofOfWork.verify(input.altcha, site, nowMs);
    if (solution === null) {
      throw proofOfWorkFailed('The proof of work is wrong or has expired. Please try again.');
    }
    const claimed = await store.claimSolution(solution.key, solution.expiresMs, nowMs);
    if (claimed === 'full') {
      throw new ApiError(429, ErrorCode.rateLimited, 'The server is busy. Please try again in a minute.', {
        headers: { 'Retry-After': '60' },
      });
    }
    if (!claimed) throw proofOfWorkFailed('This proof of work was already used. Please try again.');
    try {
      checkComposeTime(site, solution.issuedMs, nowMs);
    } catch (error) {
      await store.releaseSolution(solution.key);
      throw error;
    }
    return () => store.releaseSolution(solution.key);
  }

  return {
    async checkPost(attempt) {
      const { site, thread, input, ipHash, isSso, nowMs } = attempt;
      checkHoneypot(input.website);
      const needsProof = !isSso && site.proofOfWork.enabled;
      const unspend = needsProof ? await spendSolution(attempt) : async () => undefined;
      try {
        await checkDuplicate(store, site, input.body, ipHash, nowMs);
        await rateLimits.consume(site, thread, ipHash);
      } catch (error) {
        await unspend();
        throw error;
      }
    },

    async issueChallenge(site, nowMs) {
      if (!site.proofOfWork.enabled) return null;
      return proofOfWork.issue(site, nowMs);
    },
  };
}

function proofOfWorkFailed(message: string): ApiError {
  return new ApiError(400, ErrorCode.proofOfWorkFailed, message, { field: 'altcha' });
}
