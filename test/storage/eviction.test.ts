import { expect } from '@open-wc/testing';
import { storeChanges } from '../../src/storage/comment-cache.js';
import { openHearthDb, WriteState, type HearthDb, type OutboxRecord } from '../../src/storage/db.js';
import { saveDraft } from '../../src/storage/drafts.js';
import { evictLeastRecentlyRead } from '../../src/storage/eviction.js';
import { enqueueWrite } from '../../src/storage/outbox.js';
import { deleteDatabase, makeComment, testUuid, uniqueDatabaseName } from '../helpers/fixtures.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';

describe('eviction', () => {
  let name: string;
  let db: HearthDb;

  beforeEach(async () => {
    name = uniqueDatabaseName();
    const opened = await openHearthDb(name);
    expect(opened, 'IndexedDB should open in Chromium').not.to.equal(null);
    db = opened!;
  });

  afterEach(async () => {
    db.close();
    await deleteDatabase(name);
  });

  /** Caches two comments for a thread and sets when it was last read. */
  async function cacheThread(ep: string, thread: string, readAtMs: number): Promise<void> {
    await storeChanges(db, ep, thread, [makeComment({ thread }), makeComment({ thread })], '1', readAtMs);
    const record = await db.get('threads', [ep, thread]);
    await db.put('threads', { ...record!, readAtMs });
  }

  async function commentsOf(ep: string, thread: string): Promise<number> {
    return db.count('comments', IDBKeyRange.bound([ep, thread], [ep, thread, []]));
  }

  it('returns false when there is nothing to evict', async () => {
    expect(await evictLeastRecentlyRead(db, { endpoint, thread: '/a' })).to.equal(false);
  });

  it('evicts the comments and thread row of the thread read longest ago', async () => {
    await cacheThread(endpoint, '/newer', 3_000);
    await cacheThread(endpoint, '/oldest', 1_000);
    await cacheThread(endpoint, '/middle', 2_000);

    expect(await evictLeastRecentlyRead(db, { endpoint, thread: '/newer' })).to.equal(true);

    expect(await db.get('threads', [endpoint, '/oldest'])).to.equal(undefined);
    expect(await commentsOf(endpoint, '/oldest')).to.equal(0);
    expect(await commentsOf(endpoint, '/middle')).to.equal(2);
    expect(await commentsOf(endpoint, '/newer')).to.equal(2);
    expect(await db.count('threads')).to.equal(2);
  });

  it('never evicts `keep`, even when it was read longest ago', async () => {
    await cacheThread(endpoint, '/kept', 1_000);
    await cacheThread(endpoint, '/other', 2_000);

    expect(await evictLeastRecentlyRead(db, { endpoint, thread: '/kept' })).to.equal(true);
    expect(await db.get('threads', [endpoint, '/kept'])).not.to.equal(undefined);
    expect(await commentsOf(endpoint, '/kept')).to.equal(2);
    expect(await db.get('threads', [endpoint, '/other'])).to.equal(undefined);
    expect(await commentsOf(endpoint, '/other')).to.equal(0);
  });

  it('treats the same thread on another endpoint as a different thread', async () => {
    await cacheThread(otherEndpoint, '/kept', 1_000);
    await cacheThread(endpoint, '/kept', 2_000);

    expect(await evictLeastRecentlyRead(db, { endpoint, thread: '/kept' })).to.equal(true);
    expect(await db.get('threads', [otherEndpoint, '/kept'])).to.equal(undefined);
    expect(await commentsOf(otherEndpoint, '/kept')).to.equal(0);
    expect(await commentsOf(endpoint, '/kept')).to.equal(2);
  });

  it('returns false once only `keep` is left', async () => {
    await cacheThread(endpoint, '/kept', 2_000);
    await cacheThread(endpoint, '/other', 1_000);
    const keep = { endpoint, thread: '/kept' };

    expect(await evictLeastRecentlyRead(db, keep)).to.equal(true);
    expect(await evictLeastRecentlyRead(db, keep)).to.equal(false);
    expect(await db.count('threads')).to.equal(1);
    expect(await commentsOf(endpoint, '/kept')).to.equal(2);
  });

  it('leaves queued writes and drafts of the evicted thread untouched', async () => {
    await cacheThread(endpoint, '/kept', 2_000);
    await cacheThread(endpoint, '/victim', 1_000);
    const id = testUuid();
    const write: OutboxRecord = {
      id,
      endpoint,
      thread: '/victim',
      op: 'post',
      payload: { id, parentId: null, authorName: 'Ada', body: 'Queued' },
      state: WriteState.pending,
      createdAtMs: 1_000,
      attempts: 0,
      nextAttemptAtMs: 1_000,
      lastError: null,
    };
    await enqueueWrite(db, write);
    await saveDraft(db, endpoint, '/victim', 'main', 'Half written', 1_500);

    expect(await evictLeastRecentlyRead(db, { endpoint, thread: '/kept' })).to.equal(true);

    expect(await db.get('threads', [endpoint, '/victim'])).to.equal(undefined);
    expect(await db.get('outbox', id)).to.deep.equal(write);
    expect(await db.get('drafts', [endpoint, '/victim', 'main'])).to.deep.equal({
      endpoint,
      thread: '/victim',
      key: 'main',
      body: 'Half written',
      updatedAtMs: 1_500,
    });
  });
});
