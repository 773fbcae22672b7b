import type { ThreadComment } from '../internal/rich-text.js';
import type { AuthorshipRecord, OutboxRecord } from './db.js';
import type { EndpointSettingKey } from './settings.js';
import type { StorePageOptions } from './cache-merge.js';
import type { SettingKey } from './writer-settings.js';

/** A thread as cached: its comments and the cursor to pull changes from. */
export interface CachedThread {
  comments: ThreadComment[];
  cursor: string | null;
  /** The ETag stored with the cursor (see storeChanges), or null. */
  etag: string | null;
  /** Whether the last page of changes said the thread is locked. */
  isLocked: boolean;
  /** Whether the last page of changes said the site emails reply notifications. */
  canNotify: boolean;
}

/** A thread's change cursor and the ETag stored with it; both null before the first pull. */
export interface ThreadCursor {
  cursor: string | null;
  etag: string | null;
}

/**
 * The widget's local data under one database name: the cache of threads, the outbox, the
 * reader's authorship and votes, drafts and settings. Two implementations, one contract
 * (test/storage/local-store-contract.ts):
 * - IndexedDB (idb-store.ts): shared by the origin's tabs and kept across visits. What it
 *   refuses to store of the reader's own doing (queued writes, authorship, per-endpoint
 *   choices) it keeps in memory for the page instead.
 * - memory (memory-store.ts), where IndexedDB is unavailable: one per page and database name,
 *   gone with the page, and keeping nothing meant only for a later visit (drafts, the reader's
 *   name, email and notification choice).
 *
 * `openLocalStore` picks one, once. What only some pages need (storing pages of changes, the
 * writing part) loads on first use, in chunks of its own.
 *
 * When storage fails, reads of the cache and the votes reject, and the caller decides what that
 * reads as; `readCursor` and the reads of what the reader wrote (queued writes, authorship,
 * per-endpoint settings) never reject, and a write of the reader's is never refused (see
 * LocalWriter).
 */
export interface LocalStore {
  /** The database name the store was opened under. */
  readonly name: string;
  /** True when the origin's other tabs see what is stored here (so one tab may lead them). */
  readonly isShared: boolean;
  /** A thread's cached comments and cursor; marks it read at `nowMs` (eviction goes by it). */
  readThread(endpoint: string, thread: string, nowMs: number): Promise<CachedThread>;
  /** A thread's cursor and ETag; both null when never stored, or unreadable (never rejects). */
  readCursor(endpoint: string, thread: string): Promise<ThreadCursor>;
  /** Every queued write of an endpoint, oldest first. */
  listWrites(endpoint: string): Promise<OutboxRecord[]>;
  /** The ids of a thread's comments this browser wrote as a guest (it holds their author tokens). */
  listAuthoredIds(endpoint: string, thread: string): Promise<string[]>;
  /** The reader's delivered votes in a thread: comment id to whether it is up. */
  readVotes(endpoint: string, thread: string): Promise<Map<string, boolean>>;
  /** A value remembered for one endpoint, or ''. */
  readEndpointSetting(endpoint: string, key: EndpointSettingKey): Promise<string>;
  /**
   * Merges a page of changes into the cache and moves the thread's cursor (see storeChanges).
   * Rejects when the code that writes it cannot load; a page storage refuses stays uncached.
   */
  storePage(options: StorePageOptions): Promise<void>;
  /** The part of the store only a page that writes needs, loaded on first use. */
  loadWriter(): Promise<LocalWriter>;
  /** Lets go of the database; nothing is read or written after. */
  close(): void;
}

/** What the server answered for a delivered write (see completeWrite). */
export interface Delivery {
  record: OutboxRecord;
  /** The comment as the server stored it; null when it stored nothing (a delete of a comment it never had). */
  comment: ThreadComment | null;
  nowMs: number;
  /** Until when the author may edit the comment, when the server said. */
  editableUntilMs?: number | undefined;
}

/** The outbox and authorship: never rejects, and keeps what storage refuses for the page. */
export interface OutboxStore {
  /** Queues a write; it stays until the server has stored it or the reader discards it. */
  enqueueWrite(record: OutboxRecord): Promise<void>;
  /** Replaces the write queued under `id` with what `change` makes of it, atomically. */
  changeWrite(id: string, change: (queued: OutboxRecord | undefined) => OutboxRecord): Promise<void>;
  /** Removes a queued write. */
  removeWrite(id: string): Promise<void>;
  /** Replaces a queued write's record, unless the reader changed it since it was read. */
  updateWrite(record: OutboxRecord): Promise<void>;
  /**
   * Records a delivered write at once: it leaves the outbox (unless changed in flight), the
   * comment enters the cache, a guest's post its authorship, a vote the reader's votes.
   */
  completeWrite(delivery: Delivery): Promise<void>;
  /** Gives each queued write of the endpoint that `replace` returns a record for that record; returns how many. */
  replaceSsoTokens(endpoint: string, replace: (record: OutboxRecord) => OutboxRecord | null): Promise<number>;
  /** The comment this browser posted as a guest, with its author token, or undefined. */
  readAuthorship(endpoint: string, id: string): Promise<AuthorshipRecord | undefined>;
}

/** What the reader's writing touches: the outbox and authorship, drafts, settings, vote marks. */
export type LocalWriter = OutboxStore & WriterStore;

/** A composer's text to keep; an empty one removes the draft. */
export interface DraftOptions {
  endpoint: string;
  thread: string;
  /** 'main', or the id of the comment being answered. */
  key: string;
  body: string;
  nowMs: number;
}

/**
 * What the writing side keeps besides the outbox: drafts, the reader's settings, vote marks,
 * per-endpoint choices. Reads and writes of drafts and the reader's settings reject when storage
 * fails; the rest never do.
 */
export interface WriterStore {
  /** The thread's drafts by composer key, newest first. */
  readDrafts(endpoint: string, thread: string): Promise<Map<string, string>>;
  /** Saves a draft; the write starts within the call, so a page going away may still keep it. */
  saveDraft(draft: DraftOptions): Promise<void>;
  /** A value remembered for the reader, or ''. */
  readSetting(key: SettingKey): Promise<string>;
  writeSetting(key: SettingKey, value: string): Promise<void>;
  /** Remembers a value for one endpoint (never rejects). */
  writeEndpointSetting(endpoint: string, key: EndpointSettingKey, value: string): Promise<void>;
  /** The value remembered for one endpoint, or the one `create` makes, kept once (never rejects). */
  readOrCreateEndpointSetting(
    endpoint: string,
    key: EndpointSettingKey,
    create: () => string,
  ): Promise<string>;
  /** Marks the thread's comments `ids` as upvoted by the reader where not already; returns how many it marked. */
  markVotesUp(endpoint: string, thread: string, ids: readonly string[], nowMs: number): Promise<number>;
}
