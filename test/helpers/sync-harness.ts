import { expect } from '@open-wc/testing';
import { waitUntil } from './wait-until.js';
import type { Comment } from '../../src/protocol/comment.js';
import type { NewComment } from '../../src/protocol/new-comment.js';
import { openHearthDb, type HearthDb } from '../../src/storage/db.js';
import { tabChannelName, type TabMessage } from '../../src/sync/tab-channel.js';
import { ThreadSync, type ThreadSnapshot } from '../../src/sync/thread-sync.js';
import { installFakeEndpoint, type FakeEndpoint } from './fake-endpoint.js';
import { deleteDatabase, makeComment, testUuid, uniqueDatabaseName } from './fixtures.js';

/** Lets every queued task and promise settle, so a late snapshot would have arrived. */
export function settle(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A comment as the composer would post it, by Ada, at the top level unless overridden. */
export function newComment(overrides: Partial<NewComment> = {}): NewComment {
  return { id: testUuid(), parentId: null, authorName: 'Ada', body: 'Posted from the test', ...overrides };
}

/** The ids of `comments`, sorted, to compare sets of comments regardless of order. */
export function ids(comments: readonly Comment[]): string[] {
  return comments.map((comment) => comment.id).sort();
}

/** Runs `run` while `indexedDB.open` throws, as in a browser with IndexedDB disabled. */
export function withoutIndexedDb<T>(run: () => T): T {
  const realOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = () => {
    throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
  };
  try {
    return run();
  } finally {
    IDBFactory.prototype.open = realOpen;
  }
}

/**
 * Runs `run`, calling `onWrite(n)` as the n-th read-write IndexedDB transaction it starts
 * begins (counting from 1).
 */
export async function watchWrites(onWrite: (count: number) => void, run: () => Promise<void>): Promise<void> {
  const realTransaction = IDBDatabase.prototype.transaction;
  let writes = 0;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ): IDBTransaction {
    if (args[1] === 'readwrite') onWrite(++writes);
    return realTransaction.apply(this, args);
  } as IDBDatabase['transaction'];
  try {
    await run();
  } finally {
    IDBDatabase.prototype.transaction = realTransaction;
  }
}

/**
 * A fresh IndexedDB database for each test of the enclosing `describe`: opened before each
 * test, closed and deleted after it. Read `db` and `name` inside a test or hook.
 */
export interface TestDatabase {
  readonly name: string;
  readonly db: HearthDb;
  /** Closes `db` and opens the database again; `db` is the new connection afterwards. */
  reopen(): Promise<HearthDb>;
}

/** Registers the beforeEach/afterEach that give each test its own open {@link TestDatabase}. */
export function useTestDatabase(): TestDatabase {
  let name: string | undefined;
  let db: HearthDb | undefined;

  async function open(): Promise<HearthDb> {
    const opened = await openHearthDb(name!);
    expect(opened, 'IndexedDB should open in Chromium').not.to.equal(null);
    return opened!;
  }

  beforeEach(async () => {
    name = uniqueDatabaseName();
    db = await open();
  });

  afterEach(async () => {
    db?.close();
    db = undefined;
    if (name !== undefined) await deleteDatabase(name);
  });

  return {
    get name() {
      return name!;
    },
    get db() {
      return db!;
    },
    async reopen() {
      db?.close();
      db = await open();
      return db;
    },
  };
}

/**
 * What a sync test works with: a fake endpoint and a database name of its own, fresh for
 * each test, and every ThreadSync, database connection or other closable it opened, closed
 * after the test before the database is deleted.
 */
export interface SyncHarness {
  readonly fake: FakeEndpoint;
  readonly databaseName: string;
  /** A ThreadSync on the fake endpoint and this test's database, recording every snapshot. */
  createSync(onDelivered?: (comment: Comment) => void): { sync: ThreadSync; snapshots: ThreadSnapshot[] };
  /**
   * Starts `sync` and waits for its first pull to end: shown, stored, and told to the other
   * tabs. start() resolves before that pull when this page's EndpointSync has not been granted
   * the endpoint's Web Lock yet, and a pull shows its last page (status and all) before storing
   * it; a test that reads IndexedDB or pulls again must not start before the store is done.
   */
  startSynced(sync: ThreadSync): Promise<void>;
  /** Opens a new connection to the test database, to read back what the engine stored. */
  openDb(): Promise<HearthDb>;
  /**
   * A ThreadSync (as `createSync`) started and past its first pull, and then a new connection
   * to the test database (as `openDb`).
   */
  startSyncWithDb(): Promise<{ sync: ThreadSync; db: HearthDb }>;
  /** Closes `closable` after the test, after the ThreadSyncs and before the database is deleted. */
  closeAfterTest<T extends { close(): void }>(closable: T): T;
  /** Adds `count` comments on the thread to the fake endpoint, and returns them. */
  seed(count: number): Comment[];
  /** The `since` parameter of the fake endpoint's `index`th request. */
  sinceOf(index: number): string | null;
}

/** Registers the beforeEach/afterEach of a {@link SyncHarness} for `thread`. */
export function useSyncHarness(thread: string): SyncHarness {
  let fake: FakeEndpoint | undefined;
  let databaseName: string | undefined;
  let syncs: ThreadSync[] = [];
  let closables: Array<{ close(): void }> = [];

  beforeEach(() => {
    fake = installFakeEndpoint();
    databaseName = uniqueDatabaseName();
    syncs = [];
    closables = [];
  });

  afterEach(async () => {
    fake?.restore();
    for (const sync of syncs) sync.close();
    for (const closable of closables) closable.close();
    if (databaseName !== undefined) await deleteDatabase(databaseName);
  });

  const harness: SyncHarness = {
    get fake() {
      return fake!;
    },
    get databaseName() {
      return databaseName!;
    },
    createSync(onDelivered) {
      const snapshots: ThreadSnapshot[] = [];
      const sync = new ThreadSync({
        endpoint: harness.fake.url,
        thread,
        databaseName: harness.databaseName,
        onChange: (snapshot) => snapshots.push(snapshot),
        ...(onDelivered ? { onDelivered } : {}),
      });
      syncs.push(sync);
      return { sync, snapshots };
    },
    async startSynced(sync) {
      // Listens as another tab would: the leader tells the tabs each pull's end, after storing it.
      const otherTab = new BroadcastChannel(tabChannelName(harness.databaseName, sync.writeTarget.endpoint));
      let hasPullEnded = false;
      otherTab.onmessage = ({ data }: MessageEvent<TabMessage>) => {
        hasPullEnded ||= data.type === 'changed' && data.thread === thread && data.status !== undefined;
      };
      try {
        await sync.start();
        await waitUntil(
          () => sync.snapshot.status !== 'loading' && hasPullEnded,
          'the first pull should end, stored and told to the tabs',
        );
      } finally {
        otherTab.close();
      }
    },
    async openDb() {
      const db = await openHearthDb(harness.databaseName);
      expect(db, 'IndexedDB should open in Chromium').not.to.equal(null);
      return harness.closeAfterTest(db!);
    },
    async startSyncWithDb() {
      const { sync } = harness.createSync();
      await harness.startSynced(sync);
      const db = await harness.openDb();
      return { sync, db };
    },
    closeAfterTest(closable) {
      closables.push(closable);
      return closable;
    },
    seed(count) {
      const comments = Array.from({ length: count }, () => makeComment({ thread }));
      harness.fake.comments.push(...comments);
      return comments;
    },
    sinceOf(index) {
      return harness.fake.requests[index]!.url.searchParams.get('since');
    },
  };
  return harness;
}
