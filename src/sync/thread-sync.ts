import { afterNextPaint } from '../internal/after-paint.js';
import { describeReaderVotes, type QueuedVote, type ReaderVote } from '../internal/reader-votes.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { warnInDev } from '../internal/dev-warning.js';
import { WriteOp, WriteState, type OutboxRecord, type VoteRecord, type WriteError } from '../storage/db.js';
import type { LocalStore } from '../storage/local-store.js';
import { EndpointSettingKey } from '../storage/settings.js';
import { readSortOrder, SortOrder } from '../internal/thread-sort.js';
import {
  acquireEndpointSync,
  releaseEndpointSync,
  type EndpointSync,
  type ThreadChange,
} from './endpoint-sync.js';
import { mergeComments } from '../internal/merge.js';
import { SyncStatus } from './sync-status.js';

export { SyncStatus } from './sync-status.js';

/**
 * A write of the reader's that the server has not applied yet: a new comment, or an edit or
 * delete of one of theirs (which name only the new body; the rest is the cached comment's).
 */
export interface PendingWrite {
  id: string;
  op: WriteOp;
  parentId: string | null;
  authorName: string;
  /** The text to post, or the edit's new text; '' for a delete. */
  body: string;
  createdAtMs: number;
  state: WriteState;
  /** Why the server refused it, when `state` is failed. */
  error: WriteError | null;
  /** True while it waits for the page to give a fresh SSO token (after 401 `sso_token_expired`). */
  isAwaitingToken: boolean;
  /** When a write the server rate-limited (429) goes out again, in ms since the epoch; else null. */
  retryAtMs: number | null;
}

/** What the element renders: a read-only view of one thread. */
export interface ThreadSnapshot {
  comments: readonly ThreadComment[];
  /**
   * The reader's writes still in the outbox, oldest first: posts the server has not stored
   * (shown as comments of their own), and edits and deletes of stored comments.
   */
  pending: readonly PendingWrite[];
  /** Ids of the thread's comments this browser wrote as a guest (it holds their author tokens). */
  authoredIds: ReadonlySet<string>;
  /**
   * The reader's votes, by comment id: only comments they voted on from this browser. Queued
   * votes show at once (see describeReaderVotes) and are not in `pending`.
   */
  votes: ReadonlyMap<string, ReaderVote>;
  /** True when the thread is locked: shown, but closed to new comments. */
  isLocked: boolean;
  /** True when the site emails reply notifications, as the thread's latest page of changes said. */
  canNotify: boolean;
  /** How the reader orders top-level comments, remembered per endpoint; default `oldest`. */
  sortOrder: SortOrder;
  /** True once the local store's cache has been read. */
  isCacheRead: boolean;
  /**
   * How many comments the cache held when it was read (0 until then, and for a first visit):
   * a thread painted from the cache draws whole, one arriving from the network in slices.
   */
  cachedCount: number;
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
  /** Shows the thread in `order` at once and remembers it for the endpoint. */
  setSortOrder: (order: SortOrder) => void;
}

export interface ThreadSyncOptions {
  /** Absolute endpoint URL ending in '/'. */
  endpoint: string;
  thread: string;
  databaseName: string;
  onChange: (snapshot: ThreadSnapshot) => void;
  /** Called once for each of the reader's writes this view saw go from pending to stored. */
  onDelivered?: (comment: ThreadComment) => void;
  /**
   * Resolves once the cached thread, just shown, is painted (see afterNextPaint): tests give
   * their own, to hold the paint and see what happens meanwhile.
   */
  afterPaint?: () => Promise<void>;
}

/** A thread before anything is known of it. */
export const initialSnapshot: ThreadSnapshot = {
  comments: [],
  pending: [],
  authoredIds: new Set(),
  votes: new Map(),
  isLocked: false,
  canNotify: false,
  sortOrder: SortOrder.oldest,
  isCacheRead: false,
  cachedCount: 0,
  status: SyncStatus.loading,
  lastSyncedAtMs: null,
};

function toPendingWrite(record: Exclude<OutboxRecord, VoteRecord>): PendingWrite {
  const { id, op, createdAtMs, state, lastError } = record;
  const post = op === WriteOp.post ? record.payload : null;
  return {
    id,
    op,
    parentId: post?.parentId ?? null,
    authorName: post?.authorName ?? '',
    body: record.payload?.body ?? '',
    createdAtMs,
    state,
    error: lastError && state === WriteState.failed ? lastError : null,
    isAwaitingToken: waitsForToken(record),
    retryAtMs: state === WriteState.pending && lastError?.status === 429 ? record.nextAttemptAtMs : null,
  };
}

/** Whether a queued write waits for the page to give a fresh SSO token. */
function waitsForToken({ state, lastError }: OutboxRecord): boolean {
  // The code's text, not ErrorCode: the protocol's error module would bring zod to first paint.
  return state === WriteState.pending && lastError?.code === 'sso_token_expired';
}

/**
 * One element's view of one thread: the cached comments, the reader's queued writes and
 * the sync status, kept current from this tab's EndpointSync (shared per endpoint) and from
 * the local store when another tab reports a change.
 *
 * Ordering rules:
 * - A thread with no stored cursor has nothing cached to paint: it is followed and pulled while
 *   the cache and the outbox are read. What changes tell before those are shown waits, and is
 *   applied after them, so the older cache never overwrites the network's answer; the snapshot
 *   says how many comments the cache itself held (`cachedCount`).
 * - A cached thread is followed once the cache and the outbox are shown, and pulled after they
 *   paint: a return visit's first paint never waits for the network.
 * - Re-reads of the cache and outbox run one at a time, newest request last, so an older
 *   read never overwrites a newer one.
 */
export class ThreadSync {
  #options: ThreadSyncOptions;
  #endpoint: EndpointSync;
  #comments = new Map<string, ThreadComment>();
  #outbox: OutboxRecord[] = [];
  #authoredIds: ReadonlySet<string> = new Set();
  /** The reader’s votes the server stored, by comment id (from the local store). */
  #deliveredVotes = new Map<string, boolean>();
  #isLocked = false;
  #canNotify = false;
  #unsubscribe: (() => void) | null = null;
  #reads: Promise<void> = Promise.resolve();
  /** Changes told before the cache was first shown, to apply after it; null once it is shown. */
  #heldChanges: ThreadChange[] | null = [];
  #isClosed = false;
  /** Whether a pull of the thread ended since this view followed it (a change with a status). */
  #hasPullEnded = false;
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
   * Reads the cache and the outbox, shows them, then follows the thread; a thread never cached
   * is followed and pulled while they are read. Resolves once the cache is shown and the first
   * pull is asked for; that pull has finished too only when this tab already leads (otherwise
   * the leader answers later, through `onChange`).
   */
  async start(): Promise<void> {
    const { endpoint, thread } = this.#options;
    const cacheRead = Promise.all([
      this.#readSortOrder(),
      this.#reread({ isCacheChanged: true, isOutboxChanged: true }),
    ]);
    // Nothing cached to paint first: the thread is followed and pulled while the cache is read.
    const { cursor } = await (await this.#endpoint.store).readCursor(endpoint, thread);
    const pull = cursor === null && !this.#isClosed ? this.#follow() : undefined;
    const [sortOrder] = await cacheRead;
    if (this.#isClosed) return;
    const held = this.#heldChanges ?? [];
    this.#heldChanges = null;
    this.#emit({ isCacheRead: true, sortOrder, cachedCount: this.#comments.size });
    held.forEach(this.#handleChange);
    if (!pull && this.#comments.size > 0) {
      this.#subscribe();
      // A cached thread paints from hearth.js alone, before the pull fetches its reader or anything.
      await (this.#options.afterPaint ?? afterNextPaint)();
    }
    // A pull that ended while the cached thread painted (this tab came to lead and pulled the
    // threads shown, or another tab's pull ended) left it as new as a pull now would.
    await Promise.all([pull ?? (this.#hasPullEnded || this.#follow()), this.#endpoint.requestPush()]);
  }

  #subscribe(): void {
    this.#unsubscribe ??= this.#endpoint.subscribe(this.#options.thread, this.#handleChange);
  }

  /** Follows the thread and pulls it. */
  #follow(): Promise<unknown> {
    this.#subscribe();
    return this.pull();
  }

  /** Brings the thread up to date (through the leading tab). */
  pull(): Promise<unknown> {
    return this.#endpoint.requestPull(this.#options.thread);
  }

  /** Retries now what is waiting: the pull, and every queued write regardless of backoff. */
  retry(): Promise<void> {
    return this.#endpoint.retryNow();
  }

  /** Where this view's writes go: the endpoint's sync, the endpoint and the thread. */
  get writeTarget(): WriteTarget {
    const { endpoint, thread } = this.#options;
    return {
      sync: this.#endpoint,
      endpoint,
      thread,
      pending: this.#outbox,
      settled: () => this.#reads,
      setSortOrder: (order) => void this.#saveSortOrder(order),
    };
  }

  async #readSortOrder(): Promise<SortOrder> {
    const store = await this.#endpoint.store;
    return readSortOrder(await store.readEndpointSetting(this.#options.endpoint, EndpointSettingKey.sort));
  }

  async #saveSortOrder(sortOrder: SortOrder): Promise<void> {
    this.#emit({ sortOrder });
    const store = await this.#endpoint.store;
    await store
      .loadWriter()
      .then((writer) =>
        writer.writeEndpointSetting(this.#options.endpoint, EndpointSettingKey.sort, sortOrder),
      )
      .catch((error) => void warnInDev('sort order not stored', error));
  }

  /** Stops following the thread; the endpoint's sync closes with its last user. */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#unsubscribe?.();
    releaseEndpointSync(this.#endpoint);
  }

  #handleChange = (change: ThreadChange): void => {
    if (this.#heldChanges) {
      this.#heldChanges.push(change);
      return;
    }
    if (change.comments) mergeComments(this.#comments, change.comments);
    if (change.isLocked !== undefined) this.#isLocked = change.isLocked;
    if (change.canNotify !== undefined) this.#canNotify = change.canNotify;
    if (change.status) this.#hasPullEnded = true;
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
      const store = await this.#endpoint.store;
      if (this.#isClosed) return;
      if (change.isCacheChanged) await this.#rereadCache(store);
      if (change.isOutboxChanged) await this.#rereadOutbox();
    });
    return this.#reads;
  }

  async #rereadCache(store: LocalStore): Promise<void> {
    const { endpoint, thread } = this.#options;
    try {
      const cached = await store.readThread(endpoint, thread, Date.now());
      mergeComments(this.#comments, cached.comments);
      this.#isLocked = cached.isLocked;
      this.#canNotify = cached.canNotify;
    } catch (error) {
      warnInDev('cache read failed', error);
    }
  }

  /** Re-reads the queued writes and authorship (which a delivery changes in one transaction). */
  async #rereadOutbox(): Promise<void> {
    const { thread } = this.#options;
    const previous = this.#outbox;
    // The outbox read starts before anything is awaited: IndexedDB runs overlapping transactions
    // in the order they were made, so the view sees the outbox as the change that woke it left it.
    const [writes, authoredIds, deliveredVotes] = await Promise.all([
      this.#endpoint.listWrites(),
      this.#endpoint.listAuthoredIds(thread),
      this.#readDeliveredVotes(),
    ]);
    this.#outbox = writes.filter((record) => record.thread === thread);
    this.#authoredIds = new Set(authoredIds);
    this.#deliveredVotes = deliveredVotes;
    // A post leaves the outbox when stored, or turns into an edit when changed in flight.
    const stillToPost = new Set(
      this.#outbox.filter((record) => record.op === WriteOp.post).map((record) => record.id),
    );
    for (const record of previous) {
      const comment = this.#comments.get(record.id);
      if (record.op === WriteOp.post && !stillToPost.has(record.id) && comment)
        this.#options.onDelivered?.(comment);
    }
  }

  /** The reader's delivered votes in this thread, or those last read when the store fails. */
  async #readDeliveredVotes(): Promise<Map<string, boolean>> {
    const { endpoint, thread } = this.#options;
    const store = await this.#endpoint.store;
    return store
      .readVotes(endpoint, thread)
      .catch((error) => (warnInDev('votes read failed', error), this.#deliveredVotes));
  }

  #emit(change: Partial<ThreadSnapshot>): void {
    if (this.#isClosed) return;
    const queuedVotes = new Map<string, QueuedVote>();
    const writes: Array<Exclude<OutboxRecord, VoteRecord>> = [];
    for (const record of this.#outbox) {
      if (record.op === WriteOp.vote) {
        const { votesAtClick } = record;
        queuedVotes.set(record.payload.commentId, {
          isUp: record.payload.up,
          isAwaitingToken: waitsForToken(record),
          ...(votesAtClick === undefined ? {} : { votesAtClick }),
        });
      }
      // A post the server stored shows once: as the stored comment, not also as pending.
      else if (record.op !== WriteOp.post || !this.#comments.has(record.id)) writes.push(record);
    }
    // Only the comments the reader voted on: a big thread's others need no lookup.
    const serverVotes = new Map<string, number>();
    for (const id of [...this.#deliveredVotes.keys(), ...queuedVotes.keys()]) {
      serverVotes.set(id, this.#comments.get(id)?.votes ?? 0);
    }
    this.#snapshot = {
      ...this.#snapshot,
      ...change,
      pending: writes.map(toPendingWrite),
      comments: [...this.#comments.values()],
      authoredIds: this.#authoredIds,
      votes: describeReaderVotes(serverVotes, this.#deliveredVotes, queuedVotes),
      isLocked: this.#isLocked,
      canNotify: this.#canNotify,
    };
    this.#options.onChange(this.#snapshot);
  }
}
