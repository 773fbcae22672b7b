import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreFixture } from './store-contract.js';
import { nowMs, useStore } from './store-contract.js';

/** Spent proof-of-work solutions and post rate counters, shared through the store. */
export function runAbuseStateContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);

  describe('spent solutions', () => {
    it('claims a solution once until it expires', async () => {
      const store = current.get();
      assert.equal(await store.claimSolution('s1', nowMs + 1_000, nowMs), true);
      assert.equal(await store.claimSolution('s1', nowMs + 1_000, nowMs + 999), false);
      assert.equal(await store.claimSolution('s2', nowMs + 1_000, nowMs), true);
      // Expired, the key may be claimed again (verification refuses the old challenge anyway).
      assert.equal(await store.claimSolution('s1', nowMs + 5_000, nowMs + 1_000), true);
      assert.equal(await store.claimSolution('s1', nowMs + 5_000, nowMs + 2_000), false);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const store = current.get();
      const claims = await Promise.all(
        Array.from({ length: 8 }, () => store.claimSolution('race', nowMs + 60_000, nowMs)),
      );
      assert.equal(claims.filter((claimed) => claimed === true).length, 1);
    });

    it('forgets a released claim', async () => {
      const store = current.get();
      assert.equal(await store.claimSolution('s', nowMs + 60_000, nowMs), true);
      await store.releaseSolution('s');
      assert.equal(await store.claimSolution('s', nowMs + 60_000, nowMs), true);
      await store.releaseSolution('never-claimed');
    });

    it('purges expired solutions without losing live ones', async () => {
      const store = current.get();
      assert.equal(await store.claimSolution('old', nowMs + 1_000, nowMs), true);
      assert.equal(await store.claimSolution('live', nowMs + 600_000, nowMs), true);
      // Past the purge interval, a claim sweeps out 'old'; 'live' stays spent.
      assert.equal(await store.claimSolution('new', nowMs + 600_000, nowMs + 120_000), true);
      assert.equal(await store.claimSolution('live', nowMs + 600_000, nowMs + 120_000), false);
      assert.equal(await store.claimSolution('old', nowMs + 600_000, nowMs + 120_000), true);
    });
  });

  describe('rate counters', () => {
    it('counts hits in a window that opens at the first hit', async () => {
      const store = current.get();
      assert.deepEqual(await store.hitRateCounter('k', 60_000, nowMs), { count: 1, resetMs: nowMs + 60_000 });
      assert.deepEqual(await store.hitRateCounter('k', 60_000, nowMs + 10_000), {
        count: 2,
        resetMs: nowMs + 60_000,
      });
      assert.deepEqual(await store.hitRateCounter('other', 60_000, nowMs + 10_000), {
        count: 1,
        resetMs: nowMs + 70_000,
      });
      // The window closed: the count starts over with a new window.
      assert.deepEqual(await store.hitRateCounter('k', 60_000, nowMs + 60_000), {
        count: 1,
        resetMs: nowMs + 120_000,
      });
    });

    it('counts concurrent hits without losing any', async () => {
      const store = current.get();
      const hits = await Promise.all(
        Array.from({ length: 10 }, () => store.hitRateCounter('busy', 60_000, nowMs)),
      );
      assert.deepEqual(
        hits.map((hit) => hit.count).sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
    });

    it('refunds a hit only within its window and never below zero', async () => {
      const store = current.get();
      await store.hitRateCounter('k', 60_000, nowMs);
      await store.hitRateCounter('k', 60_000, nowMs);
      await store.refundRateCounter('k', nowMs + 1);
      assert.equal((await store.hitRateCounter('k', 60_000, nowMs + 2)).count, 2);
      await store.refundRateCounter('k', nowMs + 3);
      await store.refundRateCounter('k', nowMs + 3);
      await store.refundRateCounter('k', nowMs + 3);
      assert.equal((await store.hitRateCounter('k', 60_000, nowMs + 4)).count, 1);
      await store.refundRateCounter('k', nowMs + 60_000);
      await store.refundRateCounter('unknown', nowMs);
      assert.equal((await store.hitRateCounter('k', 60_000, nowMs + 59_999)).count, 2);
    });
  });
}
