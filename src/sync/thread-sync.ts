import type { ThreadComment } from '../internal/rich-text.js';
import { readThread } from '../storage/comment-cache.js';
import { WriteState, type HearthDb, type OutboxRecord, type WriteError } from '../storage/db.js';
import {
  acquireEndpointSync,
  releaseEndpointSync,
  type EndpointSync,
  type ThreadChange,
} from './endpoint-sync.js';
import { mergeComments } from './merge.js';
import { SyncStatus } from './sync-status.js';

export { SyncStatus } from './sync-status.js';

/** A comment the reader wrote that the server has not stored yet. */
export interface PendingWrite {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  createdAtMs: number;
  state: WriteState;
  /** Why the server refused it, when `state` is failed. */
  error: WriteError | null;
}

/** What the element renders: a read-only view of one thread. */
export interface ThreadSnapshot {
  comments: readonly ThreadComment[];
  /** The reader's writes still in the outbox, oldest first. */
  pending: readonly PendingWrite[];
  /** True once the IndexedDB cache has been read (or found unavailable). */
  isCacheRead: boolean;
  status: SyncStatus;
  lastSyncedAtMs: number | null;
}

/** What the writing side (loaded later) needs to write to a thread. */
export interface WriteTarget {
  sync: EndpointSync;
  endpoint: string;
  thread: string;
  /** The thread's queued writes as last read. */
  pending: readonly OutboxRecord[];
  /** Resolves when the view has re-read what the last change told it (and re-rendered). */
  settled: () => Promise<void>;
}

export interface ThreadSyncOptions {
  /** Absolute endpoint URL ending in '/'. */
  endpoint: string;
  thread: string;
  databaseName: string;
  onChange: (snapshot: ThreadSnapshot) => void;
  /** Called once for each of the reader's writes this view saw go from pending to stored. */
  onDelivered?: (comment: ThreadComment) => void;
}

/** A thread before anything is known of it. */
export const initialSnapshot: ThreadSnapshot = {
  comments: [],
  pending: [],
  isCacheRead: false,
  status: SyncStatus.loading,
  lastSyncedAtMs: null,
};

function toPendingWrite(record: OutboxRecord): PendingWrite {
  const { id, payload, createdAtMs, state, lastError } = record;
  return {
    id,
    parentId: payload.parentId ?? null,
    authorName: payload.authorName,
    body: payload.body,
    createdAtMs,
    state,
    error: lastError && state === WriteState.failed ? lastError : null,
  };
}

/**
 * One element's view of one thread: the cached comments, the reader's queued writes and
 * the sync status, kept current from this tab's EndpointSync (shared per endpoint) and from
 * IndexedDB when another tab reports a change.
 *
 * Ordering rules:
 * - The cache and the outbox are read and shown before the thread is subscribed to, so the
 *   first paint never waits for the network.
 * - Re-reads of the cache and outbox run one at a time, newest request last, so an older
 *   read never overwrites a newer one.
 */
export class ThreadSync {
  #options: ThreadSyncOptions;
  #endpoint: EndpointSync;
  #comments = new Map<string, ThreadComment>();
  #outbox: OutboxRecord[] = [];
  #unsubscribe: (() => void) | null = null;
  #reads: Promise<void> = Promise.resolve();
  #isClosed = false;
  #snapshot: ThreadSnapshot = initialSnapshot;

  constructor(options: ThreadSyncOptions) {
    this.#options = options;
    this.#endpoint = acquireEndpointSync(options.endpoint, options.databaseName);
  }

  /** The latest state. */
  get snapshot(): ThreadSnapshot {
    return this.#snapshot;
  }

  /**
   * Reads the cache and the outbox, shows them, then follows the thread. Resolves once the
   * cache is shown and the first pull is asked for; that pull has finished too only when this
   * tab already leads (otherwise the leader answers later, through `onChange`).
   */
  async start(): Promise<void> {
    await this.#reread({ isCacheChanged: true, isOutboxChanged: true });
    if (this.#isClosed) return;
    this.#emit({ isCacheRead: true });
    this.#unsubscribe = this.#endpoint.subscribe(this.#options.thread, this.#handleChange);
    await Promise.all([this.pull(), this.#endpoint.requestPush()]);
  }

  /** Brings the thread up to date (through the leading tab). */
  pull(): Promise<void> {
    return this.#endpoint.requestPull(this.#options.thread);
  }

  /** Retries now what is waiting: the pull, and every queued write regardless of backoff. */
  retry(): Promise<void> {
    return this.#endpoint.retryNow();
  }

  /** Where this view's writes go: the endpoint's sync, the endpoint and the thread. */
  get writeTarget(): WriteTarget {
    const { endpoint, thread } = this.#options;
    return { sync: this.#endpoint, endpoint, thread, pending: this.#outbox, settled: () => this.#reads };
  }

  /** Stops following the thread; the endpoint's sync closes with its last user. */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#unsubscribe?.();
    releaseEndpointSync(this.#endpoint);
  }

  #handleChange = (change: ThreadChange): void => {
    if (change.comments) mergeComments(this.#comments, change.comments);
    const status = change.status ? { status: change.status } : {};
    const syncedAt = change.lastSyncedAtMs ? { lastSyncedAtMs: change.lastSyncedAtMs } : {};
    if (change.isCacheChanged || change.isOutboxChanged) {
      void this.#reread(change).then(() => this.#emit({ ...status, ...syncedAt }));
    } else {
      this.#emit({ ...status, ...syncedAt });
    }
  };

  #reread(change: ThreadChange): Promise<void> {
    this.#reads = this.#reads.then(async () => {
      const db = await this.#endpoint.db;
      if (this.#isClosed) return;
      if (change.isCacheChanged && db) await this.#rereadCache(db);
      if (change.isOutboxChanged) await this.#rereadOutbox();
    });
    return this.#reads;
  }

  async #rereadCache(db: HearthDb): Promise<void> {
    const { endpoint, thread } = this.#options;
    try {
      const cached = await readThread(db, endpoint, thread, Date.now());
      mergeComments(this.#comments, cached.comments);
    } catch (error) {
      if (import.meta.env?.DEV) console.warn('[hearth] cache read failed', error);
    }
  }

  async #rereadOutbox(): Promise<void> {
    const previous = this.#outbox;
    const writes = await this.#endpoint.listWrites();
    this.#outbox = writes.filter((record) => record.thread === this.#options.thread);
    const stillQueued = new Set(this.#outbox.map((record) => record.id));
    for (const record of previous) {
      const comment = this.#comments.get(record.id);
      if (!stillQueued.has(record.id) && comment) this.#options.onDelivered?.(comment);
    }
  }

  #emit(change: Partial<ThreadSnapshot>): void {
    if (this.#isClosed) return;
    this.#snapshot = {
      ...this.#snapshot,
      ...change,
      // A write the server stored shows once: as the stored comment, not also as pending.
      pending: this.#outbox.filter((record) => !this.#comments.has(record.id)).map(toPendingWrite),
      comments: [...this.#comments.values()],
    };
    this.#options.onChange(this.#snapshot);
  }
}
