import { afterPaintWhenIdle } from '../internal/after-paint.js';
import { warnInDev } from '../internal/dev-warning.js';
import { pageMaxComments } from '../protocol/page-max.js';
import type { LocalStore } from '../storage/local-store.js';
import type { ThreadChange } from './endpoint-sync.js';
import type { ChangesPage } from './read-changes.js';
import { SyncStatus } from './sync-status.js';
import { fetchChanges } from './transport.js';

/** What a pull needs from the EndpointSync running it. */
export interface PullHost {
  /** Absolute endpoint URL ending in '/'. */
  endpoint: string;
  store: Promise<LocalStore>;
  /** Aborted when the endpoint's sync closes. */
  signal: AbortSignal;
  /** Tells this tab's views only. */
  notify(thread: string, change: ThreadChange): void;
  /** Tells this tab's views and the other tabs. */
  announce(thread: string, change: ThreadChange): void;
  /** Tells the other tabs only that the thread changed (they re-read the cache). */
  tellTabs(thread: string, change: Pick<ThreadChange, 'status' | 'lastSyncedAtMs'>): void;
}

/**
 * Brings one thread's cache up to date from the server: pages of changes from the stored
 * cursor on, each shown in this tab at once and then stored, until the last page. Resolves
 * true when any page brought comments, once every page read is stored.
 *
 * Invariants:
 * - Without a cursor (a first visit) every page asks for `pageMaxComments` comments,
 *   so a thread of that size takes one round trip; with one, the server's own size suffices.
 * - The next page is asked for while the last one is stored, and pages are stored in the
 *   order they came: a stored cursor never runs ahead of the comments it covers.
 * - The other tabs hear of the pull only once its last page is stored, or once the pages read
 *   are stored when the pull is cut short by closing.
 */
export async function pullPages(host: PullHost, thread: string): Promise<boolean> {
  const { endpoint, signal } = host;
  const store = await host.store;
  // The cache is the truth: another tab may have led before this one.
  let { cursor, etag } = await store.readCursor(endpoint, thread);
  const limit = cursor === null ? pageMaxComments : undefined;
  let hasComments = false;
  let stored: Promise<void> = Promise.resolve();
  let isTold = false;
  try {
    for (;;) {
      const result = await fetchChanges(endpoint, thread, cursor, etag, signal, limit);
      if (signal.aborted) return hasComments;
      if (result.kind === 'not-modified') {
        await stored;
        host.announce(thread, { status: SyncStatus.synced, lastSyncedAtMs: Date.now() });
        return hasComments;
      }
      if (result.kind !== 'changes') {
        // Unreachable, or unavailable to this page: the kind is the status.
        await stored;
        host.announce(thread, { status: result.kind });
        return hasComments;
      }
      const { page } = result;
      const isLast = !page.more;
      const synced = isLast ? { status: SyncStatus.synced, lastSyncedAtMs: Date.now() } : {};
      // Shown before it is stored: reading must not wait for the store.
      host.notify(thread, {
        comments: page.comments,
        isLocked: page.locked === true,
        canNotify: page.notify === true,
        ...synced,
      });
      etag = isLast && page.comments.length === 0 ? result.etag : null;
      hasComments ||= page.comments.length > 0;
      const pageEtag = etag;
      stored = stored.then(() => storePage(store, endpoint, thread, page, pageEtag));
      cursor = page.cursor;
      if (isLast) {
        await stored;
        host.tellTabs(thread, synced);
        isTold = true;
        return hasComments;
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    return hasComments;
  } finally {
    // Closing waits for the pull: what was read is still stored.
    await stored;
    // Closed mid-pull (the last element of the endpoint went away): a view that read the cache
    // before these pages landed, in another tab or in a new element of this one, reads it again.
    if (signal.aborted && hasComments && !isTold) host.tellTabs(thread, {});
  }
}

async function storePage(
  store: LocalStore,
  endpoint: string,
  thread: string,
  page: ChangesPage,
  etag: string | null,
): Promise<void> {
  // Let the page paint what just arrived, and the rest of the thread, before structured-cloning
  // it into IndexedDB.
  await afterPaintWhenIdle();
  // Offline with a cold HTTP cache the chunk may not load: the page stays shown, uncached.
  await store
    .storePage({ endpoint, thread, page, etag, nowMs: Date.now() })
    .catch((error) => void warnInDev('page not cached', error));
}
