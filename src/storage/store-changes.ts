import type { ThreadComment } from '../internal/rich-text.js';
import type { ChangesResponse } from '../protocol/changes.js';
import { keepPendingEdit, shouldReplace } from '../internal/merge.js';
import type { HearthDb, ThreadRecord } from './db.js';

// A chunk of its own: a page is stored after the frame that paints it (see thread-pull.ts), so
// writing the cache is never on the way to a first paint, and hearth.js does without it.

/**
 * Merges comments into the cache and, when given, moves the thread's cursor, in one
 * transaction: a crash never leaves a cursor ahead of the comments it vouches for. `etag`
 * is kept with the cursor; moving the cursor without one forgets the old. `locked`, when
 * given, is what the page said about the thread, and `notify` whether the site emails reply
 * notifications: kept so a return visit knows at once.
 */
export async function storeChanges(
  db: HearthDb,
  endpoint: string,
  thread: string,
  comments: readonly ThreadComment[],
  cursor: string | undefined,
  nowMs: number,
  etag?: string,
  locked?: boolean,
  notify?: boolean,
): Promise<void> {
  const tx = db.transaction(['comments', 'threads'], 'readwrite');
  const store = tx.objectStore('comments');
  const threads = tx.objectStore('threads');
  // Reads all run before any write lands, so a batch naming one comment twice is first
  // reduced to its newest copy.
  const newest = new Map<string, ThreadComment>();
  for (const comment of comments) {
    if (shouldReplace(newest.get(comment.id), comment)) newest.set(comment.id, comment);
  }
  const writes = [...newest.values()].map(async (comment) => {
    const existing = await store.get([endpoint, thread, comment.id]);
    if (shouldReplace(existing, comment))
      await store.put({ ...keepPendingEdit(existing, comment), endpoint });
  });
  const previous = await threads.get([endpoint, thread]);
  const record = previous ?? { endpoint, thread, cursor: null, syncedAtMs: 0, readAtMs: nowMs };
  if (cursor !== undefined) {
    const next: ThreadRecord = { ...record, cursor, syncedAtMs: nowMs };
    if (etag === undefined) delete next.etag;
    else next.etag = etag;
    if (locked !== undefined) next.locked = locked;
    if (notify !== undefined) next.notify = notify;
    await threads.put(next);
  } else if (!previous) await threads.put(record);
  await Promise.all([...writes, tx.done]);
}

/** What storePage keeps of a page of changes: its comments, cursor and what it said of the thread. */
export type StoredPage = Pick<ChangesResponse, 'cursor' | 'locked' | 'notify'> & {
  comments: readonly ThreadComment[];
};

/**
 * Stores a page of changes read from the feed (see storeChanges), with the ETag that came with
 * it. On a full disk it forgets the threads read longest ago, never this one, trying again after
 * each, until the page fits or nothing is left to forget; any other failure leaves the page
 * shown but uncached.
 */
export async function storePage(
  db: HearthDb,
  endpoint: string,
  thread: string,
  page: StoredPage,
  etag: string | null,
  nowMs: number,
): Promise<void> {
  const store = () =>
    storeChanges(
      db,
      endpoint,
      thread,
      page.comments,
      page.cursor,
      nowMs,
      etag ?? undefined,
      page.locked === true,
      page.notify === true,
    );
  try {
    await store();
  } catch (error) {
    if ((error as DOMException)?.name !== 'QuotaExceededError') return;
    const { evictLeastRecentlyRead } = await import('./eviction.js');
    while (await evictLeastRecentlyRead(db, { endpoint, thread }).catch(() => false)) {
      try {
        await store();
        return;
      } catch {
        // Still too full: evict another.
      }
    }
  }
}
