import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import { IdbStore } from '../../src/storage/idb-store.js';
import type { ThreadRecord } from '../../src/storage/db.js';
import type { ThreadSnapshot } from '../../src/sync/thread-sync.js';
import { fetchChanges } from '../../src/sync/transport.js';
import { changesEtag, installFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint.js';
import { makeComment, withBodyTree } from '../helpers/fixtures.js';
import { ids, useSyncHarness, watchWrites } from '../helpers/sync-harness.js';

const thread = '/posts/etag';

/** The seq of the last of `comments`, as the cursor string the fake endpoint sends. */
function cursorAfter(comments: readonly Comment[]): string {
  return String(comments.at(-1)!.seq);
}

describe('ETag revalidation', () => {
  const harness = useSyncHarness(thread);
  /** The status of every reply the fake endpoint gave, in order. */
  let statuses: number[];

  beforeEach(() => {
    const fakeFetch = window.fetch;
    statuses = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const response = await fakeFetch(input, init);
      statuses.push(response.status);
      return response;
    };
  });

  function ifNoneMatchOf(index: number): string | null {
    return harness.fake.requests[index]!.headers.get('If-None-Match');
  }

  /** One visit: a ThreadSync that starts, pulls to the end, and closes. */
  async function visit(): Promise<ThreadSnapshot[]> {
    const { sync, snapshots } = harness.createSync();
    await harness.startSynced(sync);
    sync.close();
    return snapshots;
  }

  async function threadRow(): Promise<ThreadRecord | undefined> {
    const db = await harness.openDb();
    const row = await db.get('threads', [harness.fake.url, thread]);
    db.close();
    return row;
  }

  /** Runs `run`, counting the read-write IndexedDB transactions it starts. */
  async function countWrites(run: () => Promise<void>): Promise<number> {
    let writes = 0;
    await watchWrites((count) => (writes = count), run);
    return writes;
  }

  it('pulls everything on a first visit, without If-None-Match, and stores no etag for a full page', async () => {
    harness.fake.pageMaxSize = 2;
    const comments = harness.seed(3);
    const snapshots = await visit();

    expect(harness.fake.requests.map((request) => request.url.searchParams.get('since'))).to.deep.equal([
      null,
      cursorAfter(comments.slice(0, 2)),
    ]);
    expect(harness.fake.requests.map((request) => request.headers.get('If-None-Match'))).to.deep.equal([
      null,
      null,
    ]);
    expect(statuses).to.deep.equal([200, 200]);
    expect(snapshots.at(-1)!.status).to.equal('synced');
    expect(ids(snapshots.at(-1)!.comments)).to.deep.equal(ids(comments));

    const row = await threadRow();
    expect(row?.cursor).to.equal(cursorAfter(comments));
    // The last page brought a comment, so its ETag says nothing about the next request.
    expect(row).not.to.have.property('etag');
  });

  it('stores the ETag of an empty last page on a second visit with nothing new', async () => {
    const comments = harness.seed(2);
    await visit();
    const cursor = cursorAfter(comments);

    const snapshots = await visit();
    expect(harness.fake.requests).to.have.length(2);
    expect(harness.sinceOf(1)).to.equal(cursor);
    expect(ifNoneMatchOf(1)).to.equal(null);
    expect(statuses).to.deep.equal([200, 200]);
    expect(snapshots.at(-1)!.status).to.equal('synced');
    expect(ids(snapshots.at(-1)!.comments)).to.deep.equal(ids(comments));

    const etag = changesEtag(thread, Number(cursor), Number(cursor), false);
    const row = await threadRow();
    expect(row).to.include({ cursor, etag });
    const db = await harness.openDb();
    expect(await new IdbStore(db).readThread(harness.fake.url, thread, Date.now())).to.deep.include({
      cursor,
      etag,
    });
  });

  it('sends If-None-Match on a third visit and, on a 304, shows the cache and leaves IndexedDB unchanged', async () => {
    const comments = harness.seed(3);
    await visit();
    await visit();
    const cursor = cursorAfter(comments);
    const etag = changesEtag(thread, Number(cursor), Number(cursor), false);

    const db = await harness.openDb();
    const commentsBefore = await db.getAll('comments');
    const rowBefore = await db.get('threads', [harness.fake.url, thread]);
    expect(rowBefore).to.include({ cursor, etag });

    let snapshots: ThreadSnapshot[] = [];
    const writes = await countWrites(async () => {
      snapshots = await visit();
    });

    expect(harness.fake.requests).to.have.length(3);
    expect(harness.fake.requests[2]!.method).to.equal('GET');
    expect(harness.sinceOf(2)).to.equal(cursor);
    expect(ifNoneMatchOf(2)).to.equal(etag);
    expect(statuses).to.deep.equal([200, 200, 304]);

    // The cache is shown first, then the 304 confirms it: synced, with the same comments.
    expect(snapshots).to.have.length(2);
    expect(snapshots[0]!.status).to.equal('loading');
    expect(ids(snapshots[0]!.comments)).to.deep.equal(ids(comments));
    const last = snapshots[1]!;
    expect(last.status).to.equal('synced');
    expect(last.isCacheRead).to.equal(true);
    expect(last.lastSyncedAtMs).to.be.a('number');
    expect(ids(last.comments)).to.deep.equal(ids(comments));

    // The only write is the cache read marking the thread as read; nothing else moved.
    expect(writes).to.equal(1);
    expect(await db.getAll('comments')).to.deep.equal(commentsBefore);
    const rowAfter = await db.get('threads', [harness.fake.url, thread]);
    expect({ ...rowAfter, readAtMs: 0 }).to.deep.equal({ ...rowBefore, readAtMs: 0 });
  });

  it('gets a 200 with the new comment once the ETag is stale, and forgets the stored etag', async () => {
    const comments = harness.seed(2);
    await visit();
    await visit();
    const cursor = cursorAfter(comments);
    const oldEtag = changesEtag(thread, Number(cursor), Number(cursor), false);
    expect(await threadRow()).to.include({ cursor, etag: oldEtag });

    const [newer] = harness.seed(1);
    const snapshots = await visit();
    expect(harness.fake.requests).to.have.length(3);
    expect(harness.sinceOf(2)).to.equal(cursor);
    expect(ifNoneMatchOf(2)).to.equal(oldEtag);
    expect(statuses).to.deep.equal([200, 200, 200]);
    expect(snapshots.at(-1)!.status).to.equal('synced');
    expect(ids(snapshots.at(-1)!.comments)).to.deep.equal(ids([...comments, newer!]));

    const row = await threadRow();
    expect(row?.cursor).to.equal(String(newer!.seq));
    // That page was not empty, so its ETag is not kept and the old one is gone.
    expect(row).not.to.have.property('etag');
    const db = await harness.openDb();
    expect(await db.get('comments', [harness.fake.url, thread, newer!.id])).to.deep.equal({
      ...withBodyTree(newer!),
      endpoint: harness.fake.url,
    });

    // The next visit asks plainly again, and keeps the new empty page's ETag.
    await visit();
    expect(harness.sinceOf(3)).to.equal(String(newer!.seq));
    expect(ifNoneMatchOf(3)).to.equal(null);
    expect((await threadRow())?.etag).to.equal(changesEtag(thread, newer!.seq, newer!.seq, false));
  });

  it('revalidates within one ThreadSync too: a pull after an empty page gets a 304', async () => {
    const comments = harness.seed(1);
    const { sync, snapshots } = harness.createSync();
    await harness.startSynced(sync);
    await sync.pull();
    const cursor = cursorAfter(comments);
    const etag = changesEtag(thread, Number(cursor), Number(cursor), false);
    expect(ifNoneMatchOf(1)).to.equal(null);

    const emitted = snapshots.length;
    await sync.pull();
    expect(ifNoneMatchOf(2)).to.equal(etag);
    expect(statuses).to.deep.equal([200, 200, 304]);
    expect(snapshots).to.have.length(emitted + 1);
    expect(sync.snapshot.status).to.equal('synced');
    expect(ids(sync.snapshot.comments)).to.deep.equal(ids(comments));
  });
});

describe('fetchChanges and ETags', () => {
  let fake: FakeEndpoint;

  beforeEach(() => {
    fake = installFakeEndpoint();
  });

  afterEach(() => {
    fake.restore();
  });

  it('sends no If-None-Match without an etag and returns the reply’s ETag with the page', async () => {
    const comment = makeComment({ thread });
    fake.comments.push(comment);
    const result = await fetchChanges(fake.url, thread, null, null);
    expect(fake.requests[0]!.headers.get('If-None-Match')).to.equal(null);
    expect(fake.requests[0]!.headers.get('Accept')).to.equal('application/json');
    expect(result).to.deep.equal({
      kind: 'changes',
      page: { comments: [withBodyTree(comment)], cursor: String(comment.seq), more: false },
      etag: changesEtag(thread, 0, comment.seq, false),
    });
  });

  it('sends If-None-Match with an etag and returns not-modified on a 304', async () => {
    const comment = makeComment({ thread });
    fake.comments.push(comment);
    const since = String(comment.seq);
    const etag = changesEtag(thread, comment.seq, comment.seq, false);
    const result = await fetchChanges(fake.url, thread, since, etag);
    expect(fake.requests).to.have.length(1);
    expect(fake.requests[0]!.url.searchParams.get('since')).to.equal(since);
    expect(fake.requests[0]!.headers.get('If-None-Match')).to.equal(etag);
    expect(result).to.deep.equal({ kind: 'not-modified' });
  });

  it('returns not-modified for any 304, whatever the etag sent', async () => {
    fake.script.push({ status: 304 });
    expect(await fetchChanges(fake.url, thread, '5', 'W/"anything"')).to.deep.equal({
      kind: 'not-modified',
    });
  });

  it('returns the page when the etag sent is stale', async () => {
    const older = makeComment({ thread });
    fake.comments.push(older);
    const staleEtag = changesEtag(thread, older.seq, older.seq, false);
    const newer = makeComment({ thread });
    fake.comments.push(newer);
    const result = await fetchChanges(fake.url, thread, String(older.seq), staleEtag);
    expect(fake.requests[0]!.headers.get('If-None-Match')).to.equal(staleEtag);
    expect(result).to.deep.equal({
      kind: 'changes',
      page: { comments: [withBodyTree(newer)], cursor: String(newer.seq), more: false },
      etag: changesEtag(thread, older.seq, newer.seq, false),
    });
  });

  it('returns a null etag when the reply carries none', async () => {
    fake.script.push({ status: 200, body: { comments: [], cursor: '0', more: false } });
    expect(await fetchChanges(fake.url, thread, null, null)).to.deep.equal({
      kind: 'changes',
      page: { comments: [], cursor: '0', more: false },
      etag: null,
    });
  });
});
