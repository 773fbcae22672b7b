import { ChallengeResponseSchema, challengeDefaultMaxNumber } from '../protocol/challenge.js';
import { solveChallenge, type ProofOfWorkChallenge } from '../internal/proof-of-work-solver.js';
import { readJson, request, unreachable, type UnreachableResult } from './transport.js';
import { warnInDev } from '../internal/dev-warning.js';

export type FetchChallengeResult =
  { kind: 'challenge'; challenge: ProofOfWorkChallenge } | { kind: 'not-required' } | UnreachableResult;

/** What a post should carry as `altcha`: a solution, nothing, or nothing yet (server unreachable). */
export type ProofOfWorkResult =
  { kind: 'solved'; altcha: string } | { kind: 'not-required' } | UnreachableResult;

const notRequired = { kind: 'not-required' } as const;

/** How long a challenge lives when its salt names no expiry: the server's default. */
const defaultLifetimeMs = 1_800_000;
/** A solution is replaced when less than this remains, so a post never races the expiry. */
const refreshMarginMs = 60_000;
/**
 * A fresh challenge is kept at least this long whatever its expiry seems to say: below the
 * server's shortest lifetime (60 s), and it stops a device whose clock runs ahead from
 * refetching on every call.
 */
const minFreshMs = 30_000;
/** How long a "not required" (204) answer is trusted before asking again. */
const notRequiredRecheckMs = 600_000;

/**
 * Fetches a challenge. 204 means the site asks for no proof of work, and so does 404: an
 * endpoint that does not implement the challenge route (protocol.md) takes posts without one.
 * So does 403 (the server refuses this page's origin): the post then gets that refusal and
 * shows it as failed, instead of waiting forever for a challenge. A malformed answer is unreachable.
 * `headers` go with the request: a client outside a browser (the conformance kit) sets `Origin`.
 */
export async function fetchChallenge(
  endpoint: string,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<FetchChallengeResult> {
  // no-store: each challenge is single-use, so a cached one would only be refused.
  const response = await request(new URL('api/v1/challenge', endpoint).href, {
    headers: { Accept: 'application/json', ...headers },
    signal,
    cache: 'no-store',
  });
  const status = response?.status;
  if (status === 204 || status === 403 || status === 404) return notRequired;
  if (!response?.ok) return unreachable;
  const challenge = readChallenge(await readJson(response));
  return challenge ? { kind: 'challenge', challenge } : unreachable;
}

/** The challenge in `json`, or null unless it is a well-formed ALTCHA v1 SHA-256 challenge. */
function readChallenge(json: unknown): ProofOfWorkChallenge | null {
  const parsed = ChallengeResponseSchema.safeParse(json);
  if (!parsed.success) return null;
  const { maxnumber = challengeDefaultMaxNumber, ...challenge } = parsed.data;
  return { ...challenge, maxnumber };
}

/**
 * When, by this device's clock, a challenge received at `receivedAtMs` must be replaced.
 * Hearth's server also signs the issue time (`issued`, ms) into the salt; measuring the
 * lifetime from it rather than comparing `expires` with the local clock survives a device
 * whose clock is wrong.
 */
function readStaleAtMs(salt: string, receivedAtMs: number): number {
  const params = new URLSearchParams(salt.split('?')[1] ?? '');
  // altcha-lib's verifySolution reads either name.
  const expiresMs = Number(params.get('expires') ?? params.get('expire') ?? NaN) * 1000;
  const issuedMs = Number(params.get('issued') ?? NaN);
  let expiresLocalMs = receivedAtMs + defaultLifetimeMs;
  if (Number.isFinite(expiresMs)) {
    expiresLocalMs = Number.isFinite(issuedMs) ? receivedAtMs + (expiresMs - issuedMs) : expiresMs;
  }
  return Math.max(receivedAtMs + minFreshMs, expiresLocalMs - refreshMarginMs);
}

/**
 * How long after a challenge's issue a post may use it: Hearth's server signs its
 * `minComposeSeconds` into the salt as `compose` (ms); other servers get `fallbackMs`.
 */
function readMinComposeMs(salt: string, fallbackMs: number): number {
  const composeMs = Number(new URLSearchParams(salt.split('?')[1] ?? '').get('compose') ?? NaN);
  return Number.isFinite(composeMs) && composeMs >= 0 ? Math.min(composeMs, 60_000) : fallbackMs;
}

export interface ProofOfWorkOptions {
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * Least time between receiving a challenge and handing out its solution, in ms: the server
   * refuses a post sooner than `minComposeSeconds` after the challenge was issued as spam.
   * Used only when the challenge does not say (Hearth's server signs it in as `compose`).
   * Default 3,000, the server's default.
   */
  minComposeMs?: number;
  /**
   * Extra headers for the challenge request. A browser sets `Origin` itself; a client outside
   * one (the conformance kit) names the site it posts to with it. Default none.
   */
  headers?: Record<string, string>;
}

/** Proof-of-work solutions for one endpoint, fetched and solved ahead of need. */
export interface ProofOfWork {
  /**
   * Starts fetching and solving challenges in the background until `count` (default 1, at
   * most 5) fresh ones are ready or on their way; call it when a reader starts writing
   * (composer focus), and with the number of queued posts before sending them, so their
   * compose waits run side by side instead of one after another. Cheap when they are ready;
   * retries after a failure. The promise (which never rejects) settles with that work.
   */
  prepare(count?: number): Promise<void>;
  /**
   * A solution for one post (each is single-use; the next is started at once), `not-required`
   * when the site asks for none, or `unreachable` when the server could not be asked or
   * `signal` aborted. Waits for the background work, and until the challenge is `minComposeMs` old.
   */
  take(signal?: AbortSignal): Promise<ProofOfWorkResult>;
  /** Stops all work; later calls to take() resolve `unreachable`. */
  dispose(): void;
}

/** What one fetch-and-solve produced: a solution, or the server's "not required". */
interface Prepared {
  altcha: string | null;
  /** By now(): when it must no longer be used. */
  staleAtMs: number;
  /** By now(): when take() may hand it out. */
  usableAtMs: number;
}

interface Attempt {
  promise: Promise<Prepared | null>;
  /** undefined while in flight; null when it failed. */
  settled: Prepared | null | undefined;
  taken: boolean;
}

/** The most challenges prepared ahead at once: a server's default rate limit is 5 posts a minute. */
const maxPrepared = 5;

/**
 * Creates the proof-of-work source for a normalised endpoint (ending in '/').
 *
 * Invariants:
 * - `attempts` (fetch then solve) holds at most `maxPrepared` unspent ones, oldest first;
 *   take() hands out the oldest, so the one whose compose wait ends first.
 * - An attempt is dropped only once it failed, went stale, or its solution was taken, so
 *   every solution is handed to exactly one take().
 */
export function createProofOfWork(endpoint: string, options: ProofOfWorkOptions = {}): ProofOfWork {
  const now = options.now ?? Date.now;
  const minComposeMs = options.minComposeMs ?? 3000;
  const lifetime = new AbortController();
  let attempts: Attempt[] = [];

  async function fetchAndSolve(signal: AbortSignal): Promise<Prepared | null> {
    // fetchChallenge rejects only when aborted (disposed).
    const result = await fetchChallenge(endpoint, signal, options.headers).catch(
      (error) => (warnInDev('challenge not fetched', error), unreachable),
    );
    const receivedAtMs = now();
    if (result.kind === 'unreachable') return null;
    if (result.kind === 'not-required') {
      return { altcha: null, staleAtMs: receivedAtMs + notRequiredRecheckMs, usableAtMs: receivedAtMs };
    }
    const altcha = await solveChallenge(result.challenge, signal);
    if (altcha === null) return null;
    return {
      altcha,
      staleAtMs: readStaleAtMs(result.challenge.salt, receivedAtMs),
      usableAtMs: receivedAtMs + readMinComposeMs(result.challenge.salt, minComposeMs),
    };
  }

  function isSpent(attempt: Attempt): boolean {
    if (attempt.taken) return true;
    if (attempt.settled === undefined) return false;
    return attempt.settled === null || now() >= attempt.settled.staleAtMs;
  }

  /** The unspent attempts, started until there are `count` of them; oldest first. */
  function ensureAttempts(count: number): Attempt[] {
    attempts = attempts.filter((attempt) => !isSpent(attempt));
    while (attempts.length < Math.min(Math.max(count, 1), maxPrepared)) {
      // Never rejects: whatever went wrong, the next prepare() or take() simply tries again.
      const promise = fetchAndSolve(lifetime.signal).catch(
        (error) => (warnInDev('proof of work failed', error), null),
      );
      const attempt: Attempt = { promise, settled: undefined, taken: false };
      void attempt.promise.then((prepared) => (attempt.settled = prepared));
      attempts.push(attempt);
    }
    return attempts;
  }

  return {
    async prepare(count = 1) {
      if (lifetime.signal.aborted) return;
      // One first: a site that asks for no proof of work is not asked `count` times.
      const first = await ensureAttempts(1)[0]!.promise;
      if (!first?.altcha || lifetime.signal.aborted) return;
      await Promise.all(ensureAttempts(count).map((attempt) => attempt.promise));
    },

    async take(signal) {
      for (;;) {
        if (lifetime.signal.aborted || signal?.aborted) return unreachable;
        const attempt = ensureAttempts(1)[0]!;
        const prepared = await untilAborted(attempt.promise, signal);
        if (!prepared || lifetime.signal.aborted) return unreachable;
        if (prepared.altcha === null) return notRequired;
        // Another take() resumed first and spent it; wait for the one it started.
        if (attempt.taken) continue;
        attempt.taken = true;
        ensureAttempts(1);
        await delay(prepared.usableAtMs - now(), lifetime.signal, signal);
        if (lifetime.signal.aborted || signal?.aborted) return unreachable;
        return { kind: 'solved', altcha: prepared.altcha };
      }
    },

    dispose() {
      lifetime.abort();
      attempts = [];
    },
  };
}

/** `promise`'s value, or undefined as soon as `signal` aborts. */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  let stop = (): void => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** Resolves after `ms`, or as soon as any signal aborts. */
function delay(ms: number, ...signals: Array<AbortSignal | undefined>): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signals.some((signal) => signal?.aborted)) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      for (const signal of signals) signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const signal of signals) signal?.addEventListener('abort', done, { once: true });
  });
}

const proofsOfWork = new Map<string, ProofOfWork>();

/**
 * The page's proof of work for an endpoint, shared by the composers (which `prepare()` it as
 * the reader starts typing) and the outbox delivery (which `take()`s a solution per post).
 */
export function getProofOfWork(endpoint: string): ProofOfWork {
  let proofOfWork = proofsOfWork.get(endpoint);
  if (!proofOfWork) {
    proofOfWork = createProofOfWork(endpoint);
    proofsOfWork.set(endpoint, proofOfWork);
  }
  return proofOfWork;
}
