import { createUsedSolutions } from '../abuse/used-solutions.js';
import { createPurgeSchedule, type AbuseStateStore, type RateCounter } from './abuse-state.js';

/** Spent solutions (capped, see abuse/used-solutions.ts) and rate counters in this process. */
export function createMemoryAbuseState(): AbuseStateStore {
  const usedSolutions = createUsedSolutions();
  const counters = new Map<string, RateCounter>();
  const isPurgeDue = createPurgeSchedule();

  function purge(nowMs: number): void {
    for (const [key, counter] of counters) {
      if (counter.resetMs <= nowMs) counters.delete(key);
    }
  }

  return {
    async claimSolution(key, expiresMs, nowMs) {
      return usedSolutions.claim(key, expiresMs, nowMs);
    },

    async releaseSolution(key) {
      usedSolutions.release(key);
    },

    async hitRateCounter(key, windowMs, nowMs) {
      if (isPurgeDue(nowMs)) purge(nowMs);
      const known = counters.get(key);
      const counter =
        known && known.resetMs > nowMs
          ? { count: known.count + 1, resetMs: known.resetMs }
          : { count: 1, resetMs: nowMs + windowMs };
      counters.set(key, counter);
      return { ...counter };
    },

    async refundRateCounter(key, nowMs) {
      const counter = counters.get(key);
      if (counter && counter.resetMs > nowMs && counter.count > 0) counter.count -= 1;
    },
  };
}
