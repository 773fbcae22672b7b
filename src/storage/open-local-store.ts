import { openHearthDb } from './db.js';
import { IdbStore } from './idb-store.js';
import type { LocalStore } from './local-store.js';

/**
 * Opens the local store for a database name, choosing its kind once: IndexedDB where it opens,
 * else the page's memory store (loaded only then: a rare case keeps its code off every other
 * page's critical path).
 */
export async function openLocalStore(name: string): Promise<LocalStore> {
  const db = await openHearthDb(name);
  return db ? new IdbStore(db) : import('./memory-store.js').then((module) => module.openMemoryStore(name));
}
