import { expect } from '@open-wc/testing';
import { IdbStore } from '../../src/storage/idb-store.js';
import { dbVersion, openHearthDb, type HearthDb } from '../../src/storage/db.js';
import { deleteDatabase, makeComment, uniqueDatabaseName, withBodyTree } from '../helpers/fixtures.js';

const endpoint = 'https://comments.example/';
const thread = '/posts/test';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

type Rows = Partial<
  Record<'comments' | 'threads' | 'settings' | 'outbox' | 'drafts' | 'authorship', unknown[]>
>;

/** Creates a database exactly as schema version 1, 2, 3 or 4 left it, with the given rows. */
function createOldVersion(name: string, version: 1 | 2 | 3 | 4, rows: Rows) {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(name, version);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('comments', { keyPath: ['endpoint', 'thread', 'id'] });
      db.createObjectStore('threads', { keyPath: ['endpoint', 'thread'] });
      db.createObjectStore('settings', { keyPath: 'key' });
      // Version 3 changed what comments hold, not which stores exist.
      if (version >= 2) {
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-endpoint', 'endpoint');
        db.createObjectStore('drafts', { keyPath: ['endpoint', 'thread', 'key'] });
      }
      if (version >= 4) {
        db.createObjectStore('authorship', { keyPath: ['endpoint', 'id'] }).createIndex('by-thread', [
          'endpoint',
          'thread',
        ]);
      }
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const stores = [...db.objectStoreNames];
      const tx = db.transaction(stores, 'readwrite');
      for (const [store, storeRows] of Object.entries(rows)) {
        for (const row of storeRows) tx.objectStore(store).put(row);
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    };
  });
}

const allStores = ['authorship', 'comments', 'drafts', 'outbox', 'settings', 'threads', 'votes'];

describe('schema upgrade', () => {
  let name: string;
  let db: HearthDb | null;

  beforeEach(() => {
    name = uniqueDatabaseName();
    db = null;
  });

  afterEach(async () => {
    db?.close();
    await deleteDatabase(name);
  });

  it('hand-made version 1 database really is version 1 with three stores', async () => {
    await createOldVersion(name, 1, {});
    const raw = await request(indexedDB.open(name));
    expect(raw.version).to.equal(1);
    expect([...raw.objectStoreNames].sort()).to.deep.equal(['comments', 'settings', 'threads']);
    raw.close();
  });

  it('upgrades version 1 to the current version with all seven stores, the outbox by-endpoint and authorship by-thread indexes', async () => {
    await createOldVersion(name, 1, {});
    db = await openHearthDb(name);
    expect(db, 'IndexedDB should open in Chromium').not.to.equal(null);
    expect(db!.version).to.equal(dbVersion);
    expect([...db!.objectStoreNames].sort()).to.deep.equal(allStores);
    const tx = db!.transaction(['outbox', 'drafts'], 'readonly');
    const outbox = tx.objectStore('outbox');
    expect(outbox.keyPath).to.equal('id');
    expect([...outbox.indexNames]).to.deep.equal(['by-endpoint']);
    expect(outbox.index('by-endpoint').keyPath).to.equal('endpoint');
    expect(tx.objectStore('drafts').keyPath).to.deep.equal(['endpoint', 'thread', 'key']);
    await tx.done;
    const authorship = db!.transaction('authorship').store;
    expect(authorship.keyPath).to.deep.equal(['endpoint', 'id']);
    expect([...authorship.indexNames]).to.deep.equal(['by-thread']);
    expect(authorship.index('by-thread').keyPath).to.deep.equal(['endpoint', 'thread']);
  });

  it('drops version 1 cached threads (they hold no parsed bodies) and keeps settings', async () => {
    const comment = makeComment({ thread });
    await createOldVersion(name, 1, {
      comments: [{ ...comment, endpoint }],
      threads: [{ endpoint, thread, cursor: '42', syncedAtMs: 1_000, readAtMs: 1_000 }],
      settings: [{ key: 'authorName', value: 'Ada' }],
    });
    db = await openHearthDb(name);
    expect(db).not.to.equal(null);

    const cached = await new IdbStore(db!).readThread(endpoint, thread, 2_000);
    expect(cached).to.deep.equal({
      comments: [],
      cursor: null,
      etag: null,
      isLocked: false,
      canNotify: false,
    });
    expect(await db!.count('threads')).to.equal(0);
    expect(await db!.get('settings', 'authorName')).to.deep.equal({ key: 'authorName', value: 'Ada' });
    expect(await db!.count('outbox')).to.equal(0);
    expect(await db!.count('drafts')).to.equal(0);
  });

  it('upgrading version 2 keeps queued writes, drafts and settings and drops the cached threads', async () => {
    const comment = makeComment({ thread });
    const write = {
      id: 'write-1',
      endpoint,
      thread,
      op: 'post',
      payload: { id: 'write-1', authorName: 'Ada', body: 'Kept', parentId: null },
      state: 'pending',
      createdAtMs: 1_000,
      attempts: 0,
      nextAttemptAtMs: 0,
      lastError: null,
    };
    const draft = { endpoint, thread, key: 'main', body: 'Half written', updatedAtMs: 1_000 };
    await createOldVersion(name, 2, {
      comments: [{ ...comment, endpoint }],
      threads: [{ endpoint, thread, cursor: '42', syncedAtMs: 1_000, readAtMs: 1_000, etag: '"e"' }],
      settings: [{ key: 'authorName', value: 'Ada' }],
      outbox: [write],
      drafts: [draft],
    });
    db = await openHearthDb(name);
    expect(db!.version).to.equal(dbVersion);
    expect(await db!.getAll('comments')).to.deep.equal([]);
    expect(await db!.getAll('threads')).to.deep.equal([]);
    expect(await db!.getAll('outbox')).to.deep.equal([write]);
    expect(await db!.getAll('drafts')).to.deep.equal([draft]);
    expect(await db!.get('settings', 'authorName')).to.deep.equal({ key: 'authorName', value: 'Ada' });
  });

  it('upgrading version 3 keeps everything (cached threads with parsed bodies too) and adds an empty authorship store', async () => {
    const comment = { ...withBodyTree(makeComment({ thread })), endpoint };
    const threadRow = { endpoint, thread, cursor: '42', syncedAtMs: 1_000, readAtMs: 1_000, etag: '"e"' };
    const write = {
      id: 'write-3',
      endpoint,
      thread,
      op: 'post',
      payload: { id: 'write-3', authorName: 'Ada', body: 'Queued before v4', parentId: null },
      state: 'failed',
      createdAtMs: 1_000,
      attempts: 2,
      nextAttemptAtMs: 0,
      lastError: { status: 422, code: 'validation_failed', message: 'No.', field: 'body' },
    };
    const drafts = [
      { endpoint, thread, key: 'main', body: 'Half written', updatedAtMs: 1_000 },
      { endpoint, thread, key: comment.id, body: 'A reply, half written', updatedAtMs: 2_000 },
    ];
    await createOldVersion(name, 3, {
      comments: [comment],
      threads: [threadRow],
      settings: [{ key: 'authorName', value: 'Ada' }],
      outbox: [write],
      drafts,
    });
    db = await openHearthDb(name);
    expect(db!.version).to.equal(dbVersion);
    expect([...db!.objectStoreNames].sort()).to.deep.equal(allStores);
    expect(await db!.getAll('comments')).to.deep.equal([comment]);
    expect(await db!.getAll('threads')).to.deep.equal([threadRow]);
    expect(await db!.getAll('outbox')).to.deep.equal([write]);
    expect(await db!.getAll('drafts')).to.have.deep.members(drafts);
    expect(await db!.get('settings', 'authorName')).to.deep.equal({ key: 'authorName', value: 'Ada' });
    expect(await db!.count('authorship')).to.equal(0);
    // The upgraded database is usable at once: its authorship store takes rows by thread.
    await db!.put('authorship', { endpoint, id: comment.id, thread, token: 'hga_x', createdAtMs: 1 });
    expect(await db!.getAllKeysFromIndex('authorship', 'by-thread', [endpoint, thread])).to.deep.equal([
      [endpoint, comment.id],
    ]);
  });

  it('upgrading version 4 keeps everything and adds an empty votes store, read by thread', async () => {
    const comment = { ...withBodyTree(makeComment({ thread })), endpoint };
    const owned = { endpoint, id: comment.id, thread, token: 'hga_x', createdAtMs: 1 };
    const edit = {
      id: comment.id,
      endpoint,
      thread,
      op: 'edit',
      payload: { body: 'Changed before v5' },
      state: 'pending',
      createdAtMs: 1_000,
      attempts: 0,
      nextAttemptAtMs: 0,
      lastError: null,
      token: 'hga_x',
      revision: 2,
    };
    await createOldVersion(name, 4, {
      comments: [comment],
      settings: [{ key: 'authorName', value: 'Ada' }],
      outbox: [edit],
      authorship: [owned],
    });
    db = await openHearthDb(name);
    expect(db!.version).to.equal(5);
    expect([...db!.objectStoreNames].sort()).to.deep.equal(allStores);
    expect(await db!.getAll('comments')).to.deep.equal([comment]);
    expect(await db!.getAll('outbox')).to.deep.equal([edit]);
    expect(await db!.getAll('authorship')).to.deep.equal([owned]);
    expect(await db!.count('votes')).to.equal(0);
    const mark = { endpoint, thread, commentId: comment.id, isUp: true, votedAtMs: 1 };
    await db!.put('votes', mark);
    expect(await db!.get('votes', [endpoint, thread, comment.id])).to.deep.equal(mark);
  });

  it('opens a fresh database at the current version too', async () => {
    db = await openHearthDb(name);
    expect(db!.version).to.equal(dbVersion);
    expect(db!.objectStoreNames.length).to.equal(7);
  });
});
