import { keepPendingEdit, shouldReplace } from '../internal/merge.js';
import type { ThreadComment } from '../internal/rich-text.js';
import type { ChangesResponse } from '../protocol/changes.js';
import type { CachedComment, ThreadRecord } from './db.js';

/** What a batch of changes does to a thread's cache (see storeChanges). */
export interface StoreChangesOptions {
  endpoint: string;
  thread: string;
  comments: readonly ThreadComment[];
  /** The cursor to move the thread to; absent, the thread keeps its cursor. */
  cursor?: string | undefined;
  nowMs: number;
  /** Kept with the cursor; moving the cursor without one forgets the old. */
  etag?: string | undefined;
  /** What the page said: whether a moderator locked the thread. */
  locked?: boolean;
  /** What the page said: whether the site emails reply notifications. */
  notify?: boolean;
}

/** A batch naming one comment twice, reduced to the newest copy of each. */
export function newestCopies(comments: readonly ThreadComment[]): ThreadComment[] {
  const newest = new Map<string, ThreadComment>();
  for (const comment of comments) {
    if (shouldReplace(newest.get(comment.id), comment)) newest.set(comment.id, comment);
  }
  return [...newest.values()];
}

/** The cached copy to write for `comment`, or undefined when the cache holds a newer one. */
export function cachedCopy(
  existing: CachedComment | undefined,
  comment: ThreadComment,
  endpoint: string,
): CachedComment | undefined {
  return shouldReplace(existing, comment) ? { ...keepPendingEdit(existing, comment), endpoint } : undefined;
}

/** The thread record to write after a batch, or undefined when the stored one stands. */
export function nextThreadRecord(
  previous: ThreadRecord | undefined,
  { endpoint, thread, cursor, nowMs, etag, locked, notify }: StoreChangesOptions,
): ThreadRecord | undefined {
  const record = previous ?? { endpoint, thread, cursor: null, syncedAtMs: 0, readAtMs: nowMs };
  if (cursor === undefined) return previous ? undefined : record;
  const next: ThreadRecord = { ...record, cursor, syncedAtMs: nowMs };
  if (etag === undefined) delete next.etag;
  else next.etag = etag;
  if (locked !== undefined) next.locked = locked;
  if (notify !== undefined) next.notify = notify;
  return next;
}

/** What storePage keeps of a page of changes: its comments, cursor and what it said of the thread. */
export type StoredPage = Pick<ChangesResponse, 'cursor' | 'locked' | 'notify'> & {
  comments: readonly ThreadComment[];
};

/** A page of changes read from the feed, to store with the ETag that came with it. */
export interface StorePageOptions {
  endpoint: string;
  thread: string;
  page: StoredPage;
  etag: string | null;
  nowMs: number;
}

/** The storeChanges batch a page of changes makes. */
export function pageChanges({ endpoint, thread, page, etag, nowMs }: StorePageOptions): StoreChangesOptions {
  return {
    endpoint,
    thread,
    comments: page.comments,
    cursor: page.cursor,
    nowMs,
    etag: etag ?? undefined,
    locked: page.locked === true,
    notify: page.notify === true,
  };
}
