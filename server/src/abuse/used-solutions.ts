/** Most solutions remembered at once; beyond this, posts wait instead of memory growing. */
const usedSolutionsMaxEntries = 100_000;

/** How often, at most, expired solutions are swept out: a minute, in ms. */
const sweepIntervalMs = 60_000;

/**
 * The proof-of-work solutions already spent, each remembered until its challenge expires (after
 * which verification refuses it anyway), so memory holds at most one expiry period of posts.
 */
export interface UsedSolutions {
  /**
   * Marks `key` as spent until `expiresMs`. Returns `false` when it already is, `'full'` when
   * the set is at its cap, `true` when this call claimed it. Synchronous, so
   * two concurrent posts with one solution cannot both claim it.
   */
  claim(key: string, expiresMs: number, nowMs: number): boolean | 'full';
  /** Forgets a claim, for a post refused by a later check (its client may retry with it). */
  release(key: string): void;
  /** How many solutions are remembered now. */
  readonly size: number;
}

/** An empty set of spent solutions; `maxEntries` defaults to {@link usedSolutionsMaxEntries}. */
export function createUsedSolutions(maxEntries = usedSolutionsMaxEntries): UsedSolutions {
  const expiresByKey = new Map<string, number>();
  let nextSweepMs = -Infinity;

  function sweep(nowMs: number): void {
    for (const [key, expiresMs] of expiresByKey) {
      if (expiresMs <= nowMs) expiresByKey.delete(key);
    }
    nextSweepMs = nowMs + sweepIntervalMs;
  }

  return {
    claim(key, expiresMs, nowMs) {
      // Sweeping at most once a minute keeps a flood at the cap from costing a full scan per post.
      if (nowMs >= nextSweepMs) sweep(nowMs);
      const known = expiresByKey.get(key);
      if (known !== undefined && known > nowMs) return false;
      if (expiresByKey.size >= maxEntries) return 'full';
      expiresByKey.set(key, expiresMs);
      return true;
    },
    release(key) {
      expiresByKey.delete(key);
    },
    get size() {
      return expiresByKey.size;
    },
  };
}
