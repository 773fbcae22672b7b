/**
 * Abuse-defence state every process over one database must share (abuse/abuse-guard.ts):
 * spent proof-of-work solutions and post rate counters. SQLite and PostgreSQL keep it in
 * tables; the memory store keeps it in the process, as it does everything else.
 *
 * Expired rows are purged by the store itself, at most once a minute, on a later claim or hit.
 */
export interface AbuseStateStore {
  /**
   * Marks a proof-of-work solution spent until `expiresMs` (its challenge's expiry). Atomic
   * across processes: of two claims of one key, exactly one gets `true`. `false` when the key
   * is already spent and not yet expired; `'full'` when the memory store is at its cap.
   */
  claimSolution(key: string, expiresMs: number, nowMs: number): Promise<boolean | 'full'>;
  /** Forgets a claim, for a post refused by a later check (its client may retry with it). */
  releaseSolution(key: string): Promise<void>;
  /**
   * Counts one hit on a fixed-window counter: the window opens at the first hit and lasts
   * `windowMs`. Returns the hits in the open window, this one included, and when it closes.
   */
  hitRateCounter(key: string, windowMs: number, nowMs: number): Promise<RateCounter>;
  /** Takes one hit back from a counter whose window is still open (a refused post). */
  refundRateCounter(key: string, nowMs: number): Promise<void>;
}

/** A rate counter's state after a hit. */
export interface RateCounter {
  /** Hits in the open window, the latest included. */
  count: number;
  /** When the window closes, in ms since the epoch. */
  resetMs: number;
}

/** How often, at most, a store deletes expired solutions and counters: a minute, in ms. */
const abuseStatePurgeIntervalMs = 60_000;

/**
 * When a store purges expired rows: the returned function answers true on its first call and
 * then at most once per `intervalMs` (default {@link abuseStatePurgeIntervalMs}), for `nowMs`
 * in ms since the epoch.
 */
export function createPurgeSchedule(intervalMs = abuseStatePurgeIntervalMs): (nowMs: number) => boolean {
  let nextPurgeMs = -Infinity;
  return (nowMs) => {
    if (nowMs < nextPurgeMs) return false;
    nextPurgeMs = nowMs + intervalMs;
    return true;
  };
}
