import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import { IdbStore } from '../../src/storage/idb-store.js';
import { storeChanges, storePage } from '../../src/storage/store-changes.js';
import { dbVersion } from '../../src/storage/db.js';
import { makeComment } from '../helpers/fixtures.js';
import { useTestDatabase } from '../helpers/sync-harness.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';
const thread = '/posts/test';

function byId(comments: readonly Comment[]): Comment[] {
  return [...comments].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('comment cache', () => {
  const database = useTestDatabase();

  it('creates the authorship, comments, threads, settings, outbox, drafts and votes stores at the current version', () => {
    expect(database.db.version).to.equal(dbVersion);
    expect(dbVersion).to.equal(5);
    expect([...database.db.objectStoreNames].sort()).to.deep.equal([
      'authorship',
      'comments',
      'drafts',
      'outbox',
      'settings',
      'threads',
      'votes',
    ]);
  });

  it('reads a fresh database as no comments, a null cursor and a null etag, without creating a thread row', async () => {
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 1_000)).to.deep.equal({
      comments: [],
      cursor: null,
      etag: null,
      isLocked: false,
      canNotify: false,
    });
    expect(await database.db.getAll('threads')).to.deep.equal([]);
  });

  it('round-trips comments, keyed by endpoint, thread and id', async () => {
    const a = makeComment({ thread });
    const b = makeComment({ thread, parentId: a.id });
    await storeChanges(database.db, { endpoint, thread, comments: [a, b], cursor: '17', nowMs: 5_000 });

    expect(await database.db.get('comments', [endpoint, thread, a.id])).to.deep.equal({ ...a, endpoint });
    expect(await database.db.get('comments', [endpoint, thread, b.id])).to.deep.equal({ ...b, endpoint });
    expect(await database.db.count('comments')).to.equal(2);

    const cached = await new IdbStore(database.db).readThread(endpoint, thread, 6_000);
    expect(byId(cached.comments)).to.deep.equal(byId([a, b]));
    expect(cached.cursor).to.equal('17');
    // The endpoint is a cache key, not part of the wire comment handed back.
    expect(cached.comments.every((comment) => !('endpoint' in comment))).to.equal(true);
  });

  it("keeps an author's held edit through a feed copy of the same updatedAt, not past a moderator's change", async () => {
    const pendingEdit = { body: 'Held text', heldAt: '2025-06-01T12:05:00.000Z' };
    const own = makeComment({ thread, seq: 3, pendingEdit });
    await storeChanges(database.db, { endpoint, thread, comments: [own], cursor: '3', nowMs: 1_000 });
    const voted = { ...own, votes: 1, seq: 4 };
    delete voted.pendingEdit;
    await storeChanges(database.db, { endpoint, thread, comments: [voted], cursor: '4', nowMs: 2_000 });
    expect(await database.db.get('comments', [endpoint, thread, own.id])).to.deep.equal({
      ...voted,
      pendingEdit,
      endpoint,
    });
    const approved = { ...voted, body: 'Held text', seq: 5, updatedAt: '2025-06-01T12:10:00.000Z' };
    await storeChanges(database.db, { endpoint, thread, comments: [approved], cursor: '5', nowMs: 3_000 });
    expect(await database.db.get('comments', [endpoint, thread, own.id])).to.deep.equal({
      ...approved,
      endpoint,
    });
  });

  it('stores the cursor only when one is given', async () => {
    const a = makeComment({ thread });
    await storeChanges(database.db, { endpoint, thread, comments: [a], nowMs: 1_000 });
    expect(await database.db.get('threads', [endpoint, thread])).to.deep.equal({
      endpoint,
      thread,
      cursor: null,
      syncedAtMs: 0,
      readAtMs: 1_000,
    });
    expect((await new IdbStore(database.db).readThread(endpoint, thread, 1_500)).cursor).to.equal(null);

    await storeChanges(database.db, { endpoint, thread, comments: [], cursor: 'c-7', nowMs: 2_000 });
    const rowWithCursor = { endpoint, thread, cursor: 'c-7', syncedAtMs: 2_000, readAtMs: 1_500 };
    expect(await database.db.get('threads', [endpoint, thread])).to.deep.equal(rowWithCursor);

    const b = makeComment({ thread });
    await storeChanges(database.db, { endpoint, thread, comments: [b], nowMs: 3_000 });
    // A write without a cursor leaves the row as it was.
    expect(await database.db.get('threads', [endpoint, thread])).to.deep.equal(rowWithCursor);
    expect(await database.db.count('comments')).to.equal(2);
  });

  it('keeps an etag with its cursor, and forgets it when the cursor moves without one', async () => {
    await storeChanges(database.db, {
      endpoint,
      thread,
      comments: [],
      cursor: '4',
      nowMs: 1_000,
      etag: 'W/"e-4"',
    });
    expect(await database.db.get('threads', [endpoint, thread])).to.deep.equal({
      endpoint,
      thread,
      cursor: '4',
      syncedAtMs: 1_000,
      readAtMs: 1_000,
      etag: 'W/"e-4"',
    });
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 1_500)).to.deep.equal({
      comments: [],
      cursor: '4',
      etag: 'W/"e-4"',
      isLocked: false,
      canNotify: false,
    });

    // A write without a cursor (a posted comment) leaves cursor and etag alone.
    const posted = makeComment({ thread });
    await storeChanges(database.db, { endpoint, thread, comments: [posted], nowMs: 2_000 });
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 2_500)).to.deep.equal({
      comments: [posted],
      cursor: '4',
      etag: 'W/"e-4"',
      isLocked: false,
      canNotify: false,
    });

    await storeChanges(database.db, { endpoint, thread, comments: [], cursor: '9', nowMs: 3_000 });
    const row = await database.db.get('threads', [endpoint, thread]);
    expect(row).to.deep.equal({ endpoint, thread, cursor: '9', syncedAtMs: 3_000, readAtMs: 2_500 });
    expect((await new IdbStore(database.db).readThread(endpoint, thread, 3_500)).etag).to.equal(null);
  });

  it('replaces a row with a newer seq and never with an older one', async () => {
    const original = makeComment({ thread, body: 'original', seq: 10 });
    await storeChanges(database.db, { endpoint, thread, comments: [original], cursor: '10', nowMs: 1_000 });

    const edited = { ...original, body: 'edited', seq: 20 };
    await storeChanges(database.db, { endpoint, thread, comments: [edited], cursor: '20', nowMs: 2_000 });
    expect(await database.db.get('comments', [endpoint, thread, original.id])).to.deep.equal({
      ...edited,
      endpoint,
    });

    const stale = { ...original, body: 'stale', seq: 15 };
    await storeChanges(database.db, { endpoint, thread, comments: [stale], nowMs: 3_000 });
    expect(await database.db.get('comments', [endpoint, thread, original.id])).to.deep.equal({
      ...edited,
      endpoint,
    });
    expect((await new IdbStore(database.db).readThread(endpoint, thread, 4_000)).comments).to.deep.equal([
      edited,
    ]);
  });

  it('keeps the newest copy when one batch names a comment twice, in any order', async () => {
    const newer = makeComment({ thread, body: 'newer', seq: 3 });
    const older = { ...newer, body: 'older', seq: 1 };
    await storeChanges(database.db, {
      endpoint,
      thread,
      comments: [newer, older],
      cursor: '3',
      nowMs: 1_000,
    });
    expect((await database.db.get('comments', [endpoint, thread, newer.id]))?.body).to.equal('newer');
  });

  it('keeps two endpoints and two threads apart, even for the same comment id', async () => {
    const otherThread = '/posts/test/2';
    const shared = makeComment({ thread, body: 'on endpoint one' });
    const sameIdElsewhere = { ...shared, body: 'on endpoint two', seq: 1 };
    const sameIdOtherThread = { ...shared, thread: otherThread, body: 'other thread', seq: 2 };
    const onlyOther = makeComment({ thread: otherThread });

    await storeChanges(database.db, { endpoint, thread, comments: [shared], cursor: 'e1-t1', nowMs: 1_000 });
    await storeChanges(database.db, {
      endpoint: otherEndpoint,
      thread,
      comments: [sameIdElsewhere],
      cursor: 'e2-t1',
      nowMs: 1_000,
    });
    await storeChanges(database.db, {
      endpoint,
      thread: otherThread,
      comments: [sameIdOtherThread, onlyOther],
      cursor: 'e1-t2',
      nowMs: 1_000,
    });

    expect(await database.db.count('comments')).to.equal(4);
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 2_000)).to.deep.equal({
      comments: [shared],
      cursor: 'e1-t1',
      etag: null,
      isLocked: false,
      canNotify: false,
    });
    expect(await new IdbStore(database.db).readThread(otherEndpoint, thread, 2_000)).to.deep.equal({
      comments: [sameIdElsewhere],
      cursor: 'e2-t1',
      etag: null,
      isLocked: false,
      canNotify: false,
    });
    const other = await new IdbStore(database.db).readThread(endpoint, otherThread, 2_000);
    expect(byId(other.comments)).to.deep.equal(byId([sameIdOtherThread, onlyOther]));
    expect(other.cursor).to.equal('e1-t2');
    expect(await new IdbStore(database.db).readThread(otherEndpoint, otherThread, 2_000)).to.deep.equal({
      comments: [],
      cursor: null,
      etag: null,
      isLocked: false,
      canNotify: false,
    });
  });

  it('does not mix a thread with another whose key starts the same', async () => {
    const short = makeComment({ thread: '/a' });
    const long = makeComment({ thread: '/a/b' });
    const longer = makeComment({ thread: '/a ' });
    await storeChanges(database.db, { endpoint, thread: '/a', comments: [short], cursor: '1', nowMs: 1_000 });
    await storeChanges(database.db, {
      endpoint,
      thread: '/a/b',
      comments: [long],
      cursor: '2',
      nowMs: 1_000,
    });
    await storeChanges(database.db, {
      endpoint,
      thread: '/a ',
      comments: [longer],
      cursor: '3',
      nowMs: 1_000,
    });
    expect((await new IdbStore(database.db).readThread(endpoint, '/a', 2_000)).comments).to.deep.equal([
      short,
    ]);
    expect((await new IdbStore(database.db).readThread(endpoint, '/a/b', 2_000)).comments).to.deep.equal([
      long,
    ]);
    expect((await new IdbStore(database.db).readThread(endpoint, '/a ', 2_000)).comments).to.deep.equal([
      longer,
    ]);
  });

  it('marks the thread as read at the time given', async () => {
    await storeChanges(database.db, {
      endpoint,
      thread,
      comments: [makeComment({ thread })],
      cursor: '1',
      nowMs: 1_000,
    });
    expect((await database.db.get('threads', [endpoint, thread]))?.readAtMs).to.equal(1_000);
    await new IdbStore(database.db).readThread(endpoint, thread, 9_000);
    const record = await database.db.get('threads', [endpoint, thread]);
    expect(record).to.deep.equal({ endpoint, thread, cursor: '1', syncedAtMs: 1_000, readAtMs: 9_000 });
  });

  it('keeps what it stored across closing and reopening the database', async () => {
    const a = makeComment({ thread });
    await storeChanges(database.db, { endpoint, thread, comments: [a], cursor: '5', nowMs: 1_000 });
    await database.reopen();
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 2_000)).to.deep.equal({
      comments: [a],
      cursor: '5',
      etag: null,
      isLocked: false,
      canNotify: false,
    });
  });

  // What a page says of the thread is kept with its cursor; a posted comment (no cursor) says nothing of it.
  const pageSays = [
    {
      what: 'about the thread being locked',
      field: 'locked',
      read: 'isLocked',
      says: (is: boolean) => ({ locked: is }),
    },
    {
      what: 'whether the site emails reply notifications',
      field: 'notify',
      read: 'canNotify',
      says: (is: boolean) => ({ locked: false, notify: is }),
    },
  ] as const;
  for (const { what, field, read, says } of pageSays) {
    it(`keeps what the last page said ${what}, with its cursor`, async () => {
      const readAt = async (nowMs: number) =>
        (await new IdbStore(database.db).readThread(endpoint, thread, nowMs))[read];
      await storeChanges(database.db, {
        endpoint,
        thread,
        comments: [],
        cursor: '3',
        nowMs: 1_000,
        ...says(true),
      });
      expect(await database.db.get('threads', [endpoint, thread])).to.deep.include({
        cursor: '3',
        [field]: true,
      });
      expect(await readAt(1_500)).to.equal(true);

      await storeChanges(database.db, {
        endpoint,
        thread,
        comments: [makeComment({ thread })],
        nowMs: 2_000,
      });
      expect(await readAt(2_500)).to.equal(true);

      await storeChanges(database.db, {
        endpoint,
        thread,
        comments: [],
        cursor: '4',
        nowMs: 3_000,
        ...says(false),
      });
      expect(await readAt(3_500)).to.equal(false);
    });
  }

  it('stores a page of the feed with its ETag, and what it said of the thread (absent: false)', async () => {
    const comment = makeComment({ thread });
    await storePage(database.db, {
      endpoint,
      thread,
      page: { comments: [comment], cursor: '5', locked: true, notify: true },
      etag: 'W/"e-5"',
      nowMs: 1_000,
    });
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 1_500)).to.deep.equal({
      comments: [comment],
      cursor: '5',
      etag: 'W/"e-5"',
      isLocked: true,
      canNotify: true,
    });

    await storePage(database.db, {
      endpoint,
      thread,
      page: { comments: [], cursor: '6' },
      etag: null,
      nowMs: 2_000,
    });
    expect(await new IdbStore(database.db).readThread(endpoint, thread, 2_500)).to.deep.equal({
      comments: [comment],
      cursor: '6',
      etag: null,
      isLocked: false,
      canNotify: false,
    });
  });
});
