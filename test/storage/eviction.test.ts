import { expect } from '@open-wc/testing';
import { storeChanges, storePage } from '../../src/storage/store-changes.js';
import { WriteState, type HearthDb, type OutboxRecord } from '../../src/storage/db.js';
import { saveDraft } from '../../src/storage/drafts.js';
import { evictLeastRecentlyRead } from '../../src/storage/eviction.js';
import { enqueueWrite } from '../../src/storage/outbox-writes.js';
import { makeComment, testUuid } from '../helpers/fixtures.js';
import { useTestDatabase } from '../helpers/sync-harness.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';

describe('eviction', () => {
  const database = useTestDatabase();

  /** Caches two comments for a thread and sets when it was last read. */
  async function cacheThread(ep: string, thread: string, readAtMs: number): Promise<void> {
    await storeChanges(database.db, {
      endpoint: ep,
      thread,
      comments: [makeComment({ thread }), makeComment({ thread })],
      cursor: '1',
      nowMs: readAtMs,
    });
    const record = await database.db.get('threads', [ep, thread]);
    await database.db.put('threads', { ...record!, readAtMs });
  }

  async function commentsOf(ep: string, thread: string): Promise<number> {
    return database.db.count('comments', IDBKeyRange.bound([ep, thread], [ep, thread, []]));
  }

  it('returns false when there is nothing to evict', async () => {
    expect(await evictLeastRecentlyRead(database.db, { endpoint, thread: '/a' })).to.equal(false);
  });

  it('evicts the comments and thread row of the thread read longest ago', async () => {
    await cacheThread(endpoint, '/newer', 3_000);
    await cacheThread(endpoint, '/oldest', 1_000);
    await cacheThread(endpoint, '/middle', 2_000);

    expect(await evictLeastRecentlyRead(database.db, { endpoint, thread: '/newer' })).to.equal(true);

    expect(await database.db.get('threads', [endpoint, '/oldest'])).to.equal(undefined);
    expect(await commentsOf(endpoint, '/oldest')).to.equal(0);
    expect(await commentsOf(endpoint, '/middle')).to.equal(2);
    expect(await commentsOf(endpoint, '/newer')).to.equal(2);
    expect(await database.db.count('threads')).to.equal(2);
  });

  it('never evicts `keep`, even when it was read longest ago', async () => {
    await cacheThread(endpoint, '/kept', 1_000);
    await cacheThread(endpoint, '/other', 2_000);

    expect(await evictLeastRecentlyRead(database.db, { endpoint, thread: '/kept' })).to.equal(true);
    expect(await database.db.get('threads', [endpoint, '/kept'])).not.to.equal(undefined);
    expect(await commentsOf(endpoint, '/kept')).to.equal(2);
    expect(await database.db.get('threads', [endpoint, '/other'])).to.equal(undefined);
    expect(await commentsOf(endpoint, '/other')).to.equal(0);
  });

  it('treats the same thread on another endpoint as a different thread', async () => {
    await cacheThread(otherEndpoint, '/kept', 1_000);
    await cacheThread(endpoint, '/kept', 2_000);

    expect(await evictLeastRecentlyRead(database.db, { endpoint, thread: '/kept' })).to.equal(true);
    expect(await database.db.get('threads', [otherEndpoint, '/kept'])).to.equal(undefined);
    expect(await commentsOf(otherEndpoint, '/kept')).to.equal(0);
    expect(await commentsOf(endpoint, '/kept')).to.equal(2);
  });

  it('returns false once only `keep` is left', async () => {
    await cacheThread(endpoint, '/kept', 2_000);
    await cacheThread(endpoint, '/other', 1_000);
    const keep = { endpoint, thread: '/kept' };

    expect(await evictLeastRecentlyRead(database.db, keep)).to.equal(true);
    expect(await evictLeastRecentlyRead(database.db, keep)).to.equal(false);
    expect(await database.db.count('threads')).to.equal(1);
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
    await enqueueWrite(database.db, write);
    await saveDraft(database.db, endpoint, '/victim', 'main', 'Half written', 1_500);

    expect(await evictLeastRecentlyRead(database.db, { endpoint, thread: '/kept' })).to.equal(true);

    expect(await database.db.get('threads', [endpoint, '/victim'])).to.equal(undefined);
    expect(await database.db.get('outbox', id)).to.deep.equal(write);
    expect(await database.db.get('drafts', [endpoint, '/victim', 'main'])).to.deep.equal({
      endpoint,
      thread: '/victim',
      key: 'main',
      body: 'Half written',
      updatedAtMs: 1_500,
    });
  });

  it('makes room for a page of the feed on a full disk: the threads read longest ago go, until it fits', async () => {
    await cacheThread(endpoint, '/newer', 2_000);
    await cacheThread(endpoint, '/oldest', 1_000);
    // The disk refuses the page's first two tries, as a full one would; the evictions between
    // them (transactions on the same stores) go through.
    const refused = new Set([1, 3]);
    let calls = 0;
    const fullDisk = new Proxy(database.db, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (key !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
        return (stores: ['comments', 'threads'], mode: IDBTransactionMode) => {
          if (mode === 'readwrite' && stores.length === 2 && refused.has((calls += 1))) {
            throw new DOMException('The disk is full.', 'QuotaExceededError');
          }
          return target.transaction(stores, mode);
        };
      },
    }) as HearthDb;
    const comment = makeComment({ thread: '/read' });

    await storePage(fullDisk, {
      endpoint,
      thread: '/read',
      page: { comments: [comment], cursor: '7' },
      etag: null,
      nowMs: 3_000,
    });

    expect(await database.db.get('threads', [endpoint, '/oldest'])).to.equal(undefined);
    expect(await database.db.get('threads', [endpoint, '/newer'])).to.equal(undefined);
    expect(await commentsOf(endpoint, '/read')).to.equal(1);
    expect(await database.db.get('threads', [endpoint, '/read'])).to.deep.include({ cursor: '7' });
  });
});
