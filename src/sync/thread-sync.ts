import type { Comment } from '../protocol/comment.js';
import type { NewComment } from '../protocol/new-comment.js';
import { readThread, storeChanges } from '../storage/comment-cache.js';
import { openHearthDb, type HearthDb } from '../storage/db.js';
import { readSetting, SettingKey, writeSetting } from '../storage/settings.js';
import { mergeComments } from './merge.js';
import { fetchChanges, postComment, type PostCommentResult } from './transport.js';

/** Where a thread stands against its endpoint. */
export const SyncStatus = {
  /** No answer from the endpoint yet. */
  loading: 'loading',
  /** The last pull reached the end of the change feed. */
  synced: 'synced',
  /** The last pull failed: network error, 5xx, or an unreadable reply. */
  unreachable: 'unreachable',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

/** What the element renders: a read-only view of the engine's state. */
export interface ThreadSnapshot {
  comments: readonly Comment[];
  /** True once the IndexedDB cache has been read (or found unavailable). */
  isCacheRead: boolean;
  status: SyncStatus;
  lastSyncedAtMs: number | null;
}

export interface ThreadSyncOptions {
  /** Absolute endpoint URL ending in '/'. */
  endpoint: string;
  thread: string;
  databaseName: string;
  onChange: (snapshot: ThreadSnapshot) => void;
}

/**
 * Keeps one thread's comments in step between the cache and the endpoint.
 *
 * Ordering rules:
 * - The cache is read and shown before the first request goes out.
 * - A page is shown as soon as it arrives, then stored: its comments and the cursor after
 *   it in one transaction. The in-memory cursor moves only after that transaction commits,
 *   so the next request never skips a page the cache lacks.
 * - One pull runs at a time; a pull asked for meanwhile joins the running one.
 * - A posted comment is merged without moving the cursor: the next pull brings it again,
 *   and merging it twice is harmless.
 */
export class ThreadSync {
  #options: ThreadSyncOptions;
  #db: Promise<HearthDb | null>;
  #comments = new Map<string, Comment>();
  #cursor: string | null = null;
  #etag: string | null = null;
  #abort = new AbortController();
  #pull: Promise<void> | null = null;
  #snapshot: ThreadSnapshot = {
    comments: [],
    isCacheRead: false,
    status: SyncStatus.loading,
    lastSyncedAtMs: null,
  };

  constructor(options: ThreadSyncOptions) {
    this.#options = options;
    this.#db = openHearthDb(options.databaseName);
    globalThis.addEventListener?.('online', this.#handleOnline);
  }

  /** The latest state. */
  get snapshot(): ThreadSnapshot {
    return this.#snapshot;
  }

  /** Reads the cache, shows it, then pulls what changed since. */
  async start(): Promise<void> {
    const db = await this.#db;
    if (db && !this.#abort.signal.aborted) {
      const { endpoint, thread } = this.#options;
      try {
        const cached = await readThread(db, endpoint, thread, Date.now());
        mergeComments(this.#comments, cached.comments);
        this.#cursor = cached.cursor;
        this.#etag = cached.etag;
      } catch (error) {
        if (import.meta.env?.DEV) console.warn('[hearth] cache read failed', error);
      }
    }
    this.#emit({ isCacheRead: true });
    await this.pull();
  }

  /** Pulls every change after the cursor, page by page. */
  pull(): Promise<void> {
    this.#pull ??= this.#pullPages().finally(() => {
      this.#pull = null;
    });
    return this.#pull;
  }

  async #pullPages(): Promise<void> {
    const { endpoint, thread } = this.#options;
    const signal = this.#abort.signal;
    try {
      for (;;) {
        const result = await fetchChanges(endpoint, thread, this.#cursor, this.#etag, signal);
        if (signal.aborted) return;
        if (result.kind === 'unreachable') {
          this.#emit({ status: SyncStatus.unreachable });
          return;
        }
        if (result.kind === 'not-modified') {
          this.#emit({ status: SyncStatus.synced, lastSyncedAtMs: Date.now() });
          return;
        }
        const { page } = result;
        mergeComments(this.#comments, page.comments);
        const isLast = !page.more;
        this.#emit(isLast ? { status: SyncStatus.synced, lastSyncedAtMs: Date.now() } : {});
        // An empty last page's ETag lets the next visit ask "anything new?" for a 304.
        const etag = isLast && page.comments.length === 0 ? (result.etag ?? undefined) : undefined;
        await this.#persist(page.comments, page.cursor, etag);
        this.#cursor = page.cursor;
        this.#etag = etag ?? null;
        if (isLast) return;
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  /** Sends a new comment and merges the stored copy on success. */
  async post(comment: NewComment): Promise<PostCommentResult> {
    const { endpoint, thread } = this.#options;
    const result = await postComment(endpoint, thread, comment, this.#abort.signal);
    if (result.kind === 'stored') {
      mergeComments(this.#comments, [result.comment]);
      this.#emit({});
      // The server has it now; caching it is a convenience the reader need not wait for.
      void this.#persist([result.comment], undefined);
    }
    return result;
  }

  /** The display name the reader used last, or ''. */
  async readAuthorName(): Promise<string> {
    const db = await this.#db;
    return db ? readSetting(db, SettingKey.authorName).catch(() => '') : '';
  }

  /** Remembers the reader's display name for next time. */
  async rememberAuthorName(name: string): Promise<void> {
    const db = await this.#db;
    if (db) await writeSetting(db, SettingKey.authorName, name).catch(() => undefined);
  }

  /** Stops requests and listeners and closes the database. */
  close(): void {
    this.#abort.abort();
    globalThis.removeEventListener?.('online', this.#handleOnline);
    void this.#db.then((db) => db?.close());
  }

  async #persist(comments: readonly Comment[], cursor: string | undefined, etag?: string): Promise<void> {
    const db = await this.#db;
    if (!db) return;
    // Let the page render what just arrived before structured-cloning it into IndexedDB.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { endpoint, thread } = this.#options;
    try {
      await storeChanges(db, endpoint, thread, comments, cursor, Date.now(), etag);
    } catch (error) {
      // A full or broken cache must not stop the thread from showing.
      if (import.meta.env?.DEV) console.warn('[hearth] cache write failed', error);
    }
  }

  #emit(change: Partial<ThreadSnapshot>): void {
    if (this.#abort.signal.aborted) return;
    this.#snapshot = { ...this.#snapshot, ...change, comments: [...this.#comments.values()] };
    this.#options.onChange(this.#snapshot);
  }

  #handleOnline = (): void => {
    void this.pull();
  };
}
