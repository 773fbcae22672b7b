import { openHearthDb } from './db.js';
import { IdbStore } from './idb-store.js';
import type { LocalStore } from './local-store.js';

/**
 * Opens the local store for a database name, choosing its kind once: IndexedDB where it opens,
 * else the page's memory store (loaded only then: a rare case keeps its code off every other
 * page's critical path). Never rejects, which would leave the thread loading for good: when the
 * memory store's code fails to load (offline with a cold cache), it is tried again every five
 * seconds until it loads.
 */
export async function openLocalStore(name: string): Promise<LocalStore> {
  const db = await openHearthDb(name);
  if (db) return new IdbStore(db);
  return import('./memory-store.js').then(
    (module) => module.openMemoryStore(name),
    () => new Promise((resolve) => setTimeout(resolve, 5000)).then(() => openLocalStore(name)),
  );
}
