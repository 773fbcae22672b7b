/**
 * Drafts stashed in localStorage as the page goes away. An IndexedDB write begun in
 * `beforeunload` is dropped when the next page commits first (Chromium aborts it with the old
 * document; on a fast server, about one reload in four), and one begun in `pagehide`, always;
 * a localStorage write is synchronous and survives. The next restore moves the stash into
 * IndexedDB and removes it. Keys name the database, endpoint, thread and composer.
 */
const stashPrefix = 'hearth-draft:';

/** A stashed composer text and the localStorage key it sits under. */
export interface StashedDraft {
  key: string;
  body: string;
  storageKey: string;
}

function threadPrefix(database: string, endpoint: string, thread: string): string {
  // Without the closing bracket: every composer key of the thread follows it.
  return stashPrefix + JSON.stringify([database, endpoint, thread]).slice(0, -1);
}

/** Stashes a composer's text and returns its storage key; full or disabled storage stashes nothing. */
export function stashDraft(
  database: string,
  endpoint: string,
  thread: string,
  key: string,
  body: string,
): string {
  const storageKey = `${threadPrefix(database, endpoint, thread)},${JSON.stringify(key)}]`;
  try {
    localStorage.setItem(storageKey, body);
  } catch {
    // Private modes and sandboxed frames refuse localStorage; the IndexedDB write may still land.
  }
  return storageKey;
}

/** The thread's stashed drafts. */
export function readStashedDrafts(database: string, endpoint: string, thread: string): StashedDraft[] {
  const prefix = `${threadPrefix(database, endpoint, thread)},`;
  const stashed: StashedDraft[] = [];
  try {
    for (let index = 0; index < localStorage.length; index++) {
      const storageKey = localStorage.key(index);
      if (!storageKey?.startsWith(prefix)) continue;
      const key: unknown = JSON.parse(storageKey.slice(prefix.length, -1));
      const body = localStorage.getItem(storageKey);
      if (typeof key === 'string' && body !== null) stashed.push({ key, body, storageKey });
    }
  } catch {
    // Unreadable storage holds no stash worth restoring.
  }
  return stashed;
}

/** Removes a stashed draft once IndexedDB holds it. */
export function dropStashedDraft(storageKey: string): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing to remove where storage is refused.
  }
}
