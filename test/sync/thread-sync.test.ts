import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { Comment } from '../../src/protocol/comment.js';
import { makeComment, withBodyTree } from '../helpers/fixtures.js';
import { tabChannelName, type TabMessage } from '../../src/sync/tab-channel.js';
import { ThreadSync } from '../../src/sync/thread-sync.js';
import { ids, settle, useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/test';

describe('ThreadSync', () => {
  const harness = useSyncHarness(thread);

  /** Runs a first sync to completion so the database holds the thread, then closes it. */
  async function primeCache(): Promise<void> {
    const { sync } = harness.createSync();
    await harness.startSynced(sync);
    expect(sync.snapshot.status).to.equal('synced');
    // A page is stored after the frame that paints it: the next visit must find it stored.
    const db = await harness.openDb();
    await waitUntil(
      async () => (await db.count('comments')) === sync.snapshot.comments.length,
      'the first visit should be stored',
    );
    sync.close();
  }

  describe('start()', () => {
    it('shows the cache as read before the first request is answered', async () => {
      harness.seed(2);
      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await harness.fake.waitForRequests(1);
      await settle();

      expect(snapshots).to.have.length(1);
      expect(snapshots[0]).to.deep.equal({
        comments: [],
        pending: [],
        authoredIds: new Set(),
        votes: new Map(),
        isLocked: false,
        canNotify: false,
        sortOrder: 'oldest',
        isCacheRead: true,
        cachedCount: 0,
        status: 'loading',
        lastSyncedAtMs: null,
      });

      release();
      await started;
      await waitUntil(() => sync.snapshot.status !== 'loading');
      const last = snapshots.at(-1)!;
      expect(last.status).to.equal('synced');
      expect(ids(last.comments)).to.deep.equal(ids(harness.fake.comments));
      expect(last.lastSyncedAtMs).to.be.a('number');
      expect(sync.snapshot).to.equal(last);
    });

    it('says how many comments the cache held: none on a first visit, all of them on a return', async () => {
      harness.seed(3);
      const first = harness.createSync();
      await harness.startSynced(first.sync);
      expect(first.snapshots.find((snapshot) => snapshot.isCacheRead)?.cachedCount).to.equal(0);
      first.sync.close();
      await primeCache();

      const again = harness.createSync();
      await harness.startSynced(again.sync);
      const read = again.snapshots.find((snapshot) => snapshot.isCacheRead)!;
      expect([read.cachedCount, read.comments.length]).to.deep.equal([3, 3]);
      expect(again.sync.snapshot.cachedCount).to.equal(3);
    });

    it('pulls a cached thread once when this tab comes to lead while painting it', async () => {
      harness.seed(2);
      await primeCache();
      const cursor = (await (await harness.openDb()).get('threads', [harness.fake.url, thread]))!.cursor;
      // Another tab leads the endpoint until this one has shown its cache.
      const lockName = tabChannelName(harness.databaseName, harness.fake.url);
      let letGo = (): void => undefined;
      await new Promise<void>((granted) => {
        void navigator.locks.request(lockName, () => {
          granted();
          return new Promise<void>((resolve) => (letGo = resolve));
        });
      });
      // The paint lasts until this tab, leading from then on, has pulled the thread and stored it.
      const otherTab = harness.closeAfterTest(new BroadcastChannel(lockName));
      const leaderPulled = new Promise<void>((resolve) => {
        otherTab.onmessage = ({ data }: MessageEvent<TabMessage>) => {
          if (data.type === 'changed' && data.status !== undefined) resolve();
        };
      });
      const sync = harness.closeAfterTest(
        new ThreadSync({
          endpoint: harness.fake.url,
          thread,
          databaseName: harness.databaseName,
          onChange: (snapshot) => snapshot.isCacheRead && letGo(),
          afterPaint: () => leaderPulled,
        }),
      );

      await sync.start();
      expect(harness.fake.requests).to.have.length(2);
      expect(harness.sinceOf(1)).to.equal(cursor);
      expect(sync.snapshot.status).to.equal('synced');
    });

    it('asks without since first and with since=<cursor> afterwards', async () => {
      const [first] = harness.seed(1);
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      expect(harness.fake.requests).to.have.length(1);
      expect(harness.fake.requests[0]!.method).to.equal('GET');
      expect(harness.fake.requests[0]!.url.pathname).to.equal(
        `/api/v1/threads/${encodeURIComponent(thread)}/comments`,
      );
      expect(harness.sinceOf(0)).to.equal(null);
      // Without a cursor it asks for the largest pages the protocol allows.
      expect(harness.fake.requests[0]!.url.search).to.equal('?limit=1000');

      await sync.pull();
      expect(harness.fake.requests).to.have.length(2);
      expect(harness.sinceOf(1)).to.equal(String(first!.seq));

      const [second] = harness.seed(1);
      await sync.pull();
      expect(harness.sinceOf(2)).to.equal(String(first!.seq));
      await sync.pull();
      expect(harness.sinceOf(3)).to.equal(String(second!.seq));
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids([first!, second!]));
    });

    it('follows pages until more is false and stores every comment and the last cursor', async () => {
      harness.fake.pageMaxSize = 2;
      const comments = harness.seed(5);
      const { sync, snapshots } = harness.createSync();
      await harness.startSynced(sync);

      expect(harness.fake.requests.map((request) => request.url.searchParams.get('since'))).to.deep.equal([
        null,
        String(comments[1]!.seq),
        String(comments[3]!.seq),
      ]);
      const last = snapshots.at(-1)!;
      expect(last.status).to.equal('synced');
      expect(ids(last.comments)).to.deep.equal(ids(comments));
      // Each finished page is shown as it arrives, not only at the end.
      expect(snapshots.map((snapshot) => snapshot.comments.length)).to.deep.equal([0, 2, 4, 5]);
      expect(snapshots.slice(0, -1).every((snapshot) => snapshot.status === 'loading')).to.equal(true);

      const db = await harness.openDb();
      const rows = await db.getAll('comments');
      expect(ids(rows)).to.deep.equal(ids(comments));
      expect(rows.every((row) => row.endpoint === harness.fake.url && row.thread === thread)).to.equal(true);
      const threadRow = await db.get('threads', [harness.fake.url, thread]);
      expect(threadRow?.cursor).to.equal(String(comments[4]!.seq));
    });

    it('on a second visit shows the cached thread, then asks only for changes since the stored cursor', async () => {
      const cachedComments = harness.seed(3);
      await primeCache();
      const newer = harness.seed(1);

      const release = harness.fake.hold();
      const { sync, snapshots } = harness.createSync();
      const started = sync.start();
      await harness.fake.waitForRequests(2);
      await settle();

      expect(snapshots).to.have.length(1);
      expect(snapshots[0]!.isCacheRead).to.equal(true);
      expect(snapshots[0]!.status).to.equal('loading');
      expect(ids(snapshots[0]!.comments)).to.deep.equal(ids(cachedComments));
      expect(harness.sinceOf(1)).to.equal(String(cachedComments[2]!.seq));

      release();
      await started;
      await waitUntil(() => sync.snapshot.status !== 'loading');
      expect(snapshots.at(-1)!.status).to.equal('synced');
      expect(ids(snapshots.at(-1)!.comments)).to.deep.equal(ids([...cachedComments, ...newer]));
      expect(harness.fake.requests).to.have.length(2);
    });

    it('replaces a cached comment when a change with a higher seq arrives', async () => {
      const [original, other] = harness.seed(2);
      await primeCache();

      const edited: Comment = { ...original!, body: 'Edited body', seq: other!.seq + 100 };
      harness.fake.comments.splice(harness.fake.comments.indexOf(original!), 1);
      harness.fake.comments.push(edited);

      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      expect(harness.sinceOf(1)).to.equal(String(other!.seq));
      const shown = sync.snapshot.comments.find((comment) => comment.id === original!.id);
      expect(shown).to.deep.equal(withBodyTree(edited));
      expect(sync.snapshot.comments).to.have.length(2);

      const db = await harness.openDb();
      expect(await db.get('comments', [harness.fake.url, thread, original!.id])).to.deep.equal({
        ...withBodyTree(edited),
        endpoint: harness.fake.url,
      });
      expect((await db.get('threads', [harness.fake.url, thread]))?.cursor).to.equal(String(edited.seq));
    });
  });

  describe('when the endpoint fails', () => {
    it('reports unreachable and keeps showing the cached comments when the network is down', async () => {
      const comments = harness.seed(2);
      await primeCache();
      harness.fake.isDown = true;

      const { sync, snapshots } = harness.createSync();
      await harness.startSynced(sync);
      expect(harness.fake.requests).to.have.length(2);
      const last = snapshots.at(-1)!;
      expect(last.status).to.equal('unreachable');
      expect(last.isCacheRead).to.equal(true);
      expect(ids(last.comments)).to.deep.equal(ids(comments));
      expect(last.lastSyncedAtMs).to.equal(null);
    });

    it('reports unreachable with no comments when there is no cache either', async () => {
      harness.fake.isDown = true;
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      expect(sync.snapshot).to.deep.equal({
        comments: [],
        pending: [],
        authoredIds: new Set(),
        votes: new Map(),
        isLocked: false,
        canNotify: false,
        sortOrder: 'oldest',
        isCacheRead: true,
        cachedCount: 0,
        status: 'unreachable',
        lastSyncedAtMs: null,
      });
    });

    it('reports unreachable on a 500', async () => {
      harness.seed(1);
      harness.fake.script.push({ status: 500, body: { error: { code: 'internal_error', message: 'Boom' } } });
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      expect(sync.snapshot.status).to.equal('unreachable');
      expect(sync.snapshot.comments).to.deep.equal([]);

      const db = await harness.openDb();
      expect(await db.count('comments')).to.equal(0);
      expect(await db.get('threads', [harness.fake.url, thread])).to.equal(undefined);
    });

    it('reports not-hearth on a 200 that is not the protocol and leaves the cache as it was', async () => {
      const comments = harness.seed(2);
      await primeCache();
      const db = await harness.openDb();
      const rowsBefore = await db.getAll('comments');
      const threadBefore = await db.get('threads', [harness.fake.url, thread]);

      const poisoned = { ...makeComment({ thread }), seq: '999' };
      harness.fake.script.push({ status: 200, body: { comments: [poisoned], cursor: '999', more: false } });
      const { sync } = harness.createSync();
      await harness.startSynced(sync);

      expect(harness.fake.requests).to.have.length(2);
      // Not an outage to wait out: the endpoint answered, but not as a Hearth server does.
      expect(sync.snapshot.status).to.equal('not-hearth');
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
      expect(await db.getAll('comments')).to.deep.equal(rowsBefore);
      const threadAfter = await db.get('threads', [harness.fake.url, thread]);
      expect(threadAfter?.cursor).to.equal(threadBefore?.cursor);
      expect(threadAfter?.syncedAtMs).to.equal(threadBefore?.syncedAtMs);

      // The next pull still asks from the last good cursor.
      await sync.pull();
      expect(harness.sinceOf(2)).to.equal(threadBefore!.cursor);
      expect(sync.snapshot.status).to.equal('synced');
    });

    it('reports not-hearth on a 200 that is not JSON (a page, not an API)', async () => {
      const realFetch = window.fetch;
      window.fetch = async () => new Response('<html>a blog page</html>', { status: 200 });
      try {
        const { sync } = harness.createSync();
        await harness.startSynced(sync);
        expect(sync.snapshot.status).to.equal('not-hearth');
      } finally {
        window.fetch = realFetch;
      }
    });

    it('recovers on the next pull once the endpoint is back', async () => {
      const comments = harness.seed(2);
      harness.fake.isDown = true;
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      expect(sync.snapshot.status).to.equal('unreachable');
      harness.fake.isDown = false;
      await sync.pull();
      expect(sync.snapshot.status).to.equal('synced');
      expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
      expect(harness.sinceOf(1)).to.equal(null);
    });
  });

  describe('pull()', () => {
    it('shares one request between concurrent calls', async () => {
      harness.seed(2);
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      expect(harness.fake.requests).to.have.length(1);

      const release = harness.fake.hold();
      const first = sync.pull();
      const second = sync.pull();
      expect(second).to.equal(first);
      await harness.fake.waitForRequests(2);
      const third = sync.pull();
      expect(third).to.equal(first);
      release();
      await Promise.all([first, second, third]);
      expect(harness.fake.requests).to.have.length(2);

      await sync.pull();
      expect(harness.fake.requests).to.have.length(3);
    });

    it('pulls again when the browser comes back online', async () => {
      harness.seed(1);
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      window.dispatchEvent(new Event('online'));
      await harness.fake.waitForRequests(2);
      expect(harness.fake.requests).to.have.length(2);
    });

    it('pulls anew when the browser comes back online during a pull, rather than joining it', async () => {
      harness.seed(1);
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      // A pull whose request has gone out, its answer not yet in: it cannot have seen what
      // happened since, so coming back online must ask again after it.
      const release = harness.fake.hold();
      void sync.pull();
      await harness.fake.waitForRequests(2);
      window.dispatchEvent(new Event('online'));
      await settle(100);
      release();
      await harness.fake.waitForRequests(3);
      expect(harness.fake.requests.map((request) => request.method)).to.deep.equal(['GET', 'GET', 'GET']);
    });
  });
});
