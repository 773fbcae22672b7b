import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Comment } from '../protocol/comment.js';

/** A comment as cached: the wire object plus the endpoint it came from. */
export interface CachedComment extends Comment {
  endpoint: string;
}

/** Where a thread's cache stands against its endpoint's change feed. */
export interface ThreadRecord {
  endpoint: string;
  thread: string;
  /** The change cursor to send as `since`; null until the first pull completes. */
  cursor: string | null;
  syncedAtMs: number;
  readAtMs: number;
}

/** A small remembered value, such as the reader's display name. */
export interface SettingRecord {
  key: string;
  value: string;
}

/**
 * The IndexedDB schema. Keys start with the endpoint so that one endpoint's cache never
 * mixes with another's. Version history:
 * - 1: comments, threads, settings.
 */
export interface HearthSchema extends DBSchema {
  comments: { key: [string, string, string]; value: CachedComment };
  threads: { key: [string, string]; value: ThreadRecord };
  settings: { key: string; value: SettingRecord };
}

export type HearthDb = IDBPDatabase<HearthSchema>;

/** Current schema version; bump it and add a step to `upgradeSchema` for every change. */
export const dbVersion = 1;

/** The database name used unless an element is given its own. */
export const defaultDatabaseName = 'hearth';

/**
 * Opens (creating or upgrading) the cache database, or resolves null where IndexedDB is
 * unavailable or refuses (private modes, disabled storage), so callers degrade to network-only.
 */
export async function openHearthDb(name: string = defaultDatabaseName): Promise<HearthDb | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    return await openDB<HearthSchema>(name, dbVersion, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('comments', { keyPath: ['endpoint', 'thread', 'id'] });
          db.createObjectStore('threads', { keyPath: ['endpoint', 'thread'] });
          db.createObjectStore('settings', { keyPath: 'key' });
        }
      },
    });
  } catch (error) {
    if (import.meta.env?.DEV) console.warn('[hearth] IndexedDB unavailable; running network-only.', error);
    return null;
  }
}
