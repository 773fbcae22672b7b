import { warnInDev } from '../internal/dev-warning.js';
import {
  cachedCopy,
  newestCopies,
  nextThreadRecord,
  pageChanges,
  type StoreChangesOptions,
  type StorePageOptions,
} from './cache-merge.js';
import type { HearthDb } from './db.js';

// A chunk of its own: a page is stored after the frame that paints it (see thread-pull.ts), so
// writing the cache is never on the way to a first paint, and hearth.js does without it.

export type { StoreChangesOptions, StoredPage, StorePageOptions } from './cache-merge.js';

/**
 * Merges comments into the cache and, when given a cursor, moves the thread's cursor, in one
 * transaction: a crash never leaves a cursor ahead of the comments it vouches for. The etag
 * is kept with the cursor; `locked` and `notify`, when given, are what the page said about the
 * thread, kept so a return visit knows at once.
 */
export async function storeChanges(db: HearthDb, options: StoreChangesOptions): Promise<void> {
  const { endpoint, thread } = options;
  const tx = db.transaction(['comments', 'threads'], 'readwrite');
  const store = tx.objectStore('comments');
  const threads = tx.objectStore('threads');
  // Reads all run before any write lands, so a batch naming one comment twice is first
  // reduced to its newest copy.
  const writes = newestCopies(options.comments).map(async (comment) => {
    const copy = cachedCopy(await store.get([endpoint, thread, comment.id]), comment, endpoint);
    if (copy) await store.put(copy);
  });
  const next = nextThreadRecord(await threads.get([endpoint, thread]), options);
  if (next) await threads.put(next);
  await Promise.all([...writes, tx.done]);
}

/**
 * Stores a page of changes read from the feed (see storeChanges). On a full disk it forgets the
 * threads read longest ago, never this one, trying again after each, until the page fits or
 * nothing is left to forget; any other failure leaves the page shown but uncached.
 */
export async function storePage(db: HearthDb, options: StorePageOptions): Promise<void> {
  const { endpoint, thread } = options;
  const store = () => storeChanges(db, pageChanges(options));
  try {
    await store();
  } catch (error) {
    if ((error as DOMException)?.name !== 'QuotaExceededError') return warnInDev('page not cached', error);
    const { evictLeastRecentlyRead } = await import('./eviction.js');
    while (
      await evictLeastRecentlyRead(db, { endpoint, thread }).catch(
        (error) => (warnInDev('eviction failed', error), false),
      )
    ) {
      try {
        await store();
        return;
      } catch {
        // Still too full: evict another.
      }
    }
  }
}
