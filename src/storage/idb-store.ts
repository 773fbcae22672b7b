import { warnInDev } from '../internal/dev-warning.js';
import type { ThreadComment } from '../internal/rich-text.js';
import {
  threadKeyRange,
  type CachedComment,
  type HearthDb,
  type OutboxRecord,
  type ThreadRecord,
} from './db.js';
import type { StorePageOptions } from './cache-merge.js';
import type { CachedThread, LocalStore, LocalWriter, ThreadCursor } from './local-store.js';
import type { MemoryStore } from './memory-store.js';
import { endpointSettingId, type EndpointSettingKey } from './settings.js';

/** A cached comment as the wire object it was, without the endpoint it is keyed by. */
function toComment({ endpoint: _endpoint, ...comment }: CachedComment): ThreadComment {
  return comment;
}

function toCursor(record: ThreadRecord | undefined): ThreadCursor {
  return { cursor: record?.cursor ?? null, etag: record?.etag ?? null };
}

/**
 * The local store in IndexedDB (see LocalStore), its reads on the critical path and its writing
 * parts loaded on first use. What the reader wrote that IndexedDB refuses (full, or closed by a
 * newer Hearth's upgrade in another tab) goes to the page's memory store for the database name
 * (see spill in idb-spill.ts), `spilled`, which every read of the reader's writes then merges.
 */
export class IdbStore implements LocalStore {
  readonly isShared = true;
  readonly name: string;
  readonly db: HearthDb;
  /** Where refused writes went, once one was. */
  spilled: MemoryStore | undefined;
  #writer: Promise<LocalWriter> | undefined;

  constructor(db: HearthDb) {
    this.db = db;
    this.name = db.name;
  }

  async readThread(endpoint: string, thread: string, nowMs: number): Promise<CachedThread> {
    const tx = this.db.transaction(['comments', 'threads'], 'readwrite');
    const [records, record] = await Promise.all([
      tx.objectStore('comments').getAll(threadKeyRange(endpoint, thread)),
      tx.objectStore('threads').get([endpoint, thread]),
    ]);
    if (record) await tx.objectStore('threads').put({ ...record, readAtMs: nowMs });
    await tx.done;
    return {
      comments: records.map(toComment),
      ...toCursor(record),
      isLocked: record?.locked === true,
      canNotify: record?.notify === true,
    };
  }

  async readCursor(endpoint: string, thread: string): Promise<ThreadCursor> {
    // Unread, a pull starts from the beginning, and merging makes the repeat harmless.
    return toCursor(
      await this.db
        .get('threads', [endpoint, thread])
        .catch((error) => void warnInDev('cursor read failed', error)),
    );
  }

  async listWrites(endpoint: string): Promise<OutboxRecord[]> {
    const stored = await this.db
      .getAllFromIndex('outbox', 'by-endpoint', endpoint)
      .catch((error) => (warnInDev('outbox read failed', error), []));
    return stored.sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  async listAuthoredIds(endpoint: string, thread: string): Promise<string[]> {
    const keys = await this.db
      .getAllKeysFromIndex('authorship', 'by-thread', [endpoint, thread])
      .catch((error) => (warnInDev('authorship read failed', error), []));
    return keys.map((key) => key[1]);
  }

  async readVotes(endpoint: string, thread: string): Promise<Map<string, boolean>> {
    const marks = await this.db.getAll('votes', threadKeyRange(endpoint, thread));
    return new Map(marks.map((mark) => [mark.commentId, mark.isUp]));
  }

  async readEndpointSetting(endpoint: string, key: EndpointSettingKey): Promise<string> {
    const stored = await this.db
      .get('settings', endpointSettingId(endpoint, key))
      .catch((error) => void warnInDev('setting read failed', error));
    return stored?.value ?? '';
  }

  storePage(options: StorePageOptions): Promise<void> {
    return import('./store-changes.js').then((module) => module.storePage(this.db, options));
  }

  loadWriter(): Promise<LocalWriter> {
    // One writer, loaded once: a write asked for as the page goes away starts before the store closes.
    // A failed load (offline with a cold cache) is tried again on the next call, not remembered.
    return (this.#writer ??= import('./idb-writer.js').then(
      (module) => new module.IdbWriter(this),
      (error: unknown) => {
        this.#writer = undefined;
        throw error;
      },
    ));
  }

  close(): void {
    // A write asked for while the writer loaded starts once it has: close after that.
    const close = () => this.db.close();
    void Promise.resolve(this.#writer).then(close, close);
  }
}
