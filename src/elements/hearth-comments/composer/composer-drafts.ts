import { warnInDev } from '../../../internal/dev-warning.js';
import { dropStashedDraft, readStashedDrafts, stashDraft } from '../../../storage/draft-stash.js';
import type { LocalWriter } from '../../../storage/local-store.js';
import { loadWriter, readThreadDrafts, saveThreadDraft } from '../../../sync/thread-writer.js';
import type { WriteTarget } from '../../../sync/thread-sync.js';

/** How long typing pauses before the draft is written to IndexedDB. */
const draftSaveDelayMs = 300;

/**
 * The drafts of one thread's composers: read once when the thread opens, saved as the reader
 * types (debounced), flushed when the element goes away, cleared once a write is queued.
 *
 * While a save waits for its debounce, leaving the page (a reload, a close, a navigation) or
 * hiding it flushes it: unload runs no `disconnectedCallback`. The write must start in the
 * `beforeunload` task itself, and Chromium may still drop it when the next page commits first,
 * so the text is also stashed in localStorage (see draft-stash.ts) for the next restore. The
 * listeners exist only while a save waits, so an idle page keeps its back/forward caching.
 */
export class ComposerDrafts {
  #readTarget: () => WriteTarget | null;
  /**
   * Where drafts are kept and the database name they are stashed under, once a restore has
   * waited for them: leaving the page writes without awaiting. Null for a store that keeps no
   * drafts for a later visit (memory), whose stash would outlive what it stands for.
   */
  #store: { writer: LocalWriter; name: string } | null = null;
  #drafts = new Map<string, string>();
  #saves = new Map<string, { timer: ReturnType<typeof setTimeout>; body: string }>();

  constructor(readTarget: () => WriteTarget | null) {
    this.#readTarget = readTarget;
  }

  /** The saved text of a composer, or ''. */
  get(key: string): string {
    return this.#drafts.get(key) ?? '';
  }

  /** Reads the current thread's drafts, newest first, and keeps them for `get`. */
  async restore(): Promise<Map<string, string>> {
    const target = this.#readTarget();
    if (!target) return new Map();
    const { name, isShared } = await target.sync.store;
    const writer = isShared
      ? await loadWriter(target).catch((error) => void warnInDev('writer not loaded', error))
      : null;
    const store = (this.#store = writer ? { writer, name } : null);
    const stored = await readThreadDrafts(target);
    // The last keystrokes before the page went away: newer than anything IndexedDB holds.
    const stashed = store ? readStashedDrafts(name, target.endpoint, target.thread) : [];
    const drafts = new Map<string, string>();
    for (const { key, body } of stashed) if (body.trim() !== '') drafts.set(key, body);
    for (const [key, body] of stored) {
      if (!stashed.some((draft) => draft.key === key)) drafts.set(key, body);
    }
    for (const { key, body, storageKey } of stashed) {
      void saveThreadDraft(target, key, body).then(() => dropStashedDraft(storageKey));
    }
    for (const [key, body] of drafts) this.#drafts.set(key, body);
    return drafts;
  }

  /** Forgets the drafts held in memory (another thread is shown); saves still waiting are flushed first. */
  reset(): void {
    this.flush();
    // The next restore finds the store of the thread shown next, which may be another.
    this.#store = null;
    this.#drafts.clear();
  }

  /** Saves a composer's text once typing pauses. */
  schedule(key: string, body: string): void {
    clearTimeout(this.#saves.get(key)?.timer);
    const timer = setTimeout(() => {
      this.#saves.delete(key);
      this.#listen();
      void this.save(key, body);
    }, draftSaveDelayMs);
    this.#saves.set(key, { timer, body });
    this.#listen();
  }

  /** Saves a composer's text now; an empty text removes the draft. */
  async save(key: string, body: string): Promise<void> {
    const target = this.#readTarget();
    if (!target) return;
    const store = this.#store;
    // With the writer at hand the write starts within this call: a flush as the element goes
    // away lands before the endpoint's store closes.
    if (!store) return saveThreadDraft(target, key, body);
    const { endpoint, thread } = target;
    await store.writer
      .saveDraft({ endpoint, thread, key, body, nowMs: Date.now() })
      .catch((error) => void warnInDev('draft not stored', error));
  }

  /** Drops a composer's draft: its text was queued, or the reader cancelled. */
  clear(key: string): void {
    clearTimeout(this.#saves.get(key)?.timer);
    this.#saves.delete(key);
    this.#listen();
    this.#drafts.delete(key);
    void this.save(key, '');
  }

  /** Writes every draft still waiting for its debounce. */
  flush(): void {
    for (const [key, { timer, body }] of this.#saves) {
      clearTimeout(timer);
      void this.save(key, body);
    }
    this.#saves.clear();
    this.#listen();
  }

  /** Listens for the page going away exactly while a save waits. */
  #listen(): void {
    const change = this.#saves.size > 0 ? 'addEventListener' : 'removeEventListener';
    window[change]('beforeunload', this.#handleLeave);
    document[change]('visibilitychange', this.#handleLeave);
  }

  /**
   * Stashes each waiting draft, then starts its IndexedDB write in this task (no await before
   * it). A page that stays (only hidden, or the unload was cancelled) sees the write land and
   * drops the stash, so a comment posted later is not brought back by a stale stash.
   */
  #handleLeave = (event: Event): void => {
    if (event.type !== 'beforeunload' && document.visibilityState !== 'hidden') return;
    const target = this.#readTarget();
    const store = this.#store;
    if (!target || !store) return this.flush();
    const { endpoint, thread } = target;
    for (const [key, { timer, body }] of this.#saves) {
      clearTimeout(timer);
      const storageKey = stashDraft(store.name, endpoint, thread, key, body);
      void store.writer.saveDraft({ endpoint, thread, key, body, nowMs: Date.now() }).then(
        () => dropStashedDraft(storageKey),
        (error) => void warnInDev('draft not stored on leaving; the stash keeps it', error),
      );
    }
    this.#saves.clear();
    this.#listen();
  };
}
