import { expect } from '@open-wc/testing';
import { readThread } from '../../src/storage/comment-cache.js';
import { openHearthDb, type HearthDb } from '../../src/storage/db.js';
import { deleteDatabase, makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';

const endpoint = 'https://comments.example/';
const thread = '/posts/test';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Creates a database exactly as schema version 1 left it, with the given rows. */
function createVersion1(
  name: string,
  rows: { comments: unknown[]; threads: unknown[]; settings: unknown[] },
) {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('comments', { keyPath: ['endpoint', 'thread', 'id'] });
      db.createObjectStore('threads', { keyPath: ['endpoint', 'thread'] });
      db.createObjectStore('settings', { keyPath: 'key' });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['comments', 'threads', 'settings'], 'readwrite');
      for (const row of rows.comments) tx.objectStore('comments').put(row);
      for (const row of rows.threads) tx.objectStore('threads').put(row);
      for (const row of rows.settings) tx.objectStore('settings').put(row);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    };
  });
}

describe('schema upgrade from version 1', () => {
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
    await createVersion1(name, { comments: [], threads: [], settings: [] });
    const raw = await request(indexedDB.open(name));
    expect(raw.version).to.equal(1);
    expect([...raw.objectStoreNames].sort()).to.deep.equal(['comments', 'settings', 'threads']);
    raw.close();
  });

  it('upgrades to version 2 with all five stores and the outbox by-endpoint index', async () => {
    await createVersion1(name, { comments: [], threads: [], settings: [] });
    db = await openHearthDb(name);
    expect(db, 'IndexedDB should open in Chromium').not.to.equal(null);
    expect(db!.version).to.equal(2);
    expect([...db!.objectStoreNames].sort()).to.deep.equal([
      'comments',
      'drafts',
      'outbox',
      'settings',
      'threads',
    ]);
    const tx = db!.transaction(['outbox', 'drafts'], 'readonly');
    const outbox = tx.objectStore('outbox');
    expect(outbox.keyPath).to.equal('id');
    expect([...outbox.indexNames]).to.deep.equal(['by-endpoint']);
    expect(outbox.index('by-endpoint').keyPath).to.equal('endpoint');
    expect(tx.objectStore('drafts').keyPath).to.deep.equal(['endpoint', 'thread', 'key']);
    await tx.done;
  });

  it('keeps every version 1 row readable after the upgrade', async () => {
    const comment = makeComment({ thread });
    await createVersion1(name, {
      comments: [{ ...comment, endpoint }],
      threads: [{ endpoint, thread, cursor: '42', syncedAtMs: 1_000, readAtMs: 1_000 }],
      settings: [{ key: 'authorName', value: 'Ada' }],
    });
    db = await openHearthDb(name);
    expect(db).not.to.equal(null);

    const cached = await readThread(db!, endpoint, thread, 2_000);
    expect(cached.comments).to.deep.equal([comment]);
    expect(cached.cursor).to.equal('42');
    expect(cached.etag).to.equal(null);
    expect(await db!.get('settings', 'authorName')).to.deep.equal({ key: 'authorName', value: 'Ada' });
    expect(await db!.count('outbox')).to.equal(0);
    expect(await db!.count('drafts')).to.equal(0);
  });

  it('opens a fresh database at version 2 too', async () => {
    db = await openHearthDb(name);
    expect(db!.version).to.equal(2);
    expect(db!.objectStoreNames.length).to.equal(5);
  });
});
