import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { limits } from '../../src/protocol/limits.js';
import { ids, useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/first-visit';

describe('pulling pages on a first visit', () => {
  const harness = useSyncHarness(thread);

  /** The `limit` each request named, null where it named none. */
  function limitsAsked(): Array<string | null> {
    return harness.fake.requests.map((request) => request.url.searchParams.get('limit'));
  }

  it('reads a 1,000-comment thread in one request and stores every comment and the cursor', async () => {
    const comments = harness.seed(1000);
    const { db } = await harness.startSyncWithDb();

    expect(harness.fake.requests).to.have.length(1);
    expect(limitsAsked()).to.deep.equal([String(limits.pageMaxComments)]);
    // The page shows before it is stored: wait for the rows, then check them.
    await waitUntil(async () => (await db.count('comments')) === 1000, 'every comment should be stored');
    const rows = await db.getAll('comments');
    expect(new Set(ids(rows))).to.deep.equal(new Set(ids(comments)));
    const threadRow = await db.get('threads', [harness.fake.url, thread]);
    expect(threadRow?.cursor).to.equal(String(comments.at(-1)!.seq));
  });

  it('keeps asking for large pages until the last, storing every page in order', async () => {
    harness.fake.pageMaxSize = 3;
    const comments = harness.seed(7);
    const { sync, db } = await harness.startSyncWithDb();

    expect(harness.fake.requests.map((_, index) => harness.sinceOf(index))).to.deep.equal([
      null,
      String(comments[2]!.seq),
      String(comments[5]!.seq),
    ]);
    expect(limitsAsked()).to.deep.equal(['1000', '1000', '1000']);
    expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
    expect(new Set(ids(await db.getAll('comments')))).to.deep.equal(new Set(ids(comments)));
    const threadRow = await db.get('threads', [harness.fake.url, thread]);
    expect(threadRow?.cursor).to.equal(String(comments[6]!.seq));
  });

  it('asks for the server’s own page size once it has a cursor', async () => {
    const [first] = harness.seed(1);
    const { sync } = harness.createSync();
    await harness.startSynced(sync);
    harness.seed(2);
    await sync.pull();

    expect(limitsAsked()).to.deep.equal(['1000', null]);
    expect(harness.sinceOf(1)).to.equal(String(first!.seq));
    expect(sync.snapshot.comments).to.have.length(3);
  });

  it('works with a server that ignores limit, page by page', async () => {
    harness.fake.pageSize = 2;
    harness.fake.pageMaxSize = 2;
    const comments = harness.seed(5);
    const { sync, db } = await harness.startSyncWithDb();

    expect(harness.fake.requests).to.have.length(3);
    expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
    expect(await db.count('comments')).to.equal(5);
  });
});
