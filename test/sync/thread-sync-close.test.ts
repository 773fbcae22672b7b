import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { settle, useSyncHarness, watchWrites } from '../helpers/sync-harness.js';

const thread = '/posts/test';

describe('ThreadSync', () => {
  const harness = useSyncHarness(thread);

  describe('close()', () => {
    it('aborts the request in flight and emits nothing afterwards', async () => {
      harness.seed(2);
      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await harness.fake.waitForRequests(1);
      await settle();
      const emitted = snapshots.length;
      expect(emitted).to.equal(1);

      sync.close();
      release();
      await started;
      await settle();
      expect(snapshots).to.have.length(emitted);
      expect(sync.snapshot.status).to.equal('loading');

      // The database was closed, so deleting it is not blocked, and nothing was cached.
      const db = await harness.openDb();
      expect(await db.count('comments')).to.equal(0);
    });

    it('emits nothing when closed before the cache is read', async () => {
      harness.seed(1);
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      sync.close();
      await started;
      await settle();
      expect(snapshots).to.deep.equal([]);
      expect(sync.snapshot.isCacheRead).to.equal(false);
      expect(harness.fake.requests).to.have.length(0);
    });

    /**
     * Runs `run` with `onWrite` called as the `count`-th read-write IndexedDB transaction
     * starts, which is the moment a ThreadSync is between a reply and its snapshot.
     */
    async function duringWrite(count: number, onWrite: () => void, run: () => Promise<void>): Promise<void> {
      await watchWrites((writes) => {
        if (writes === count) onWrite();
      }, run);
    }

    it('shows a page before caching it, and emits nothing more when closed meanwhile', async () => {
      harness.seed(2);
      harness.fake.pageMaxSize = 1;
      const { sync, snapshots } = harness.createSync();
      let emittedAtClose = -1;
      // Write 1 is the cache read (it marks the thread read); write 2 stores the first page.
      await duringWrite(
        2,
        () => {
          emittedAtClose = snapshots.length;
          sync.close();
        },
        async () => {
          await sync.start();
          await waitUntil(() => emittedAtClose !== -1, 'the first page should be stored');
        },
      );
      await settle();
      // The cache-read snapshot, then the first page, shown before its write began (the
      // second page may have been shown too: it is fetched while the first is stored).
      expect(emittedAtClose).to.be.at.least(2);
      expect(snapshots).to.have.length(emittedAtClose);
      expect(snapshots[1]!.comments).to.have.length(1);
      expect(snapshots[1]!.status).to.equal('loading');
    });

    it('stops pulling when the browser comes back online', async () => {
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      sync.close();
      window.dispatchEvent(new Event('online'));
      await settle();
      expect(harness.fake.requests).to.have.length(1);
    });
  });
});
