import { readThreadDrafts, saveThreadDraft } from '../../sync/thread-writer.js';
import type { WriteTarget } from '../../sync/thread-sync.js';

/** How long typing pauses before the draft is written to IndexedDB. */
const draftSaveDelayMs = 300;

/**
 * The drafts of one thread's composers: read once when the thread opens, saved as the reader
 * types (debounced), flushed when the element goes away, cleared once a write is queued.
 */
export class ComposerDrafts {
  #readTarget: () => WriteTarget | null;
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
    const drafts = target ? await readThreadDrafts(target) : new Map<string, string>();
    for (const [key, body] of drafts) this.#drafts.set(key, body);
    return drafts;
  }

  /** Forgets the drafts held in memory (another thread is shown); saves still waiting are flushed first. */
  reset(): void {
    this.flush();
    this.#drafts.clear();
  }

  /** Saves a composer's text once typing pauses. */
  schedule(key: string, body: string): void {
    clearTimeout(this.#saves.get(key)?.timer);
    const timer = setTimeout(() => {
      this.#saves.delete(key);
      void this.save(key, body);
    }, draftSaveDelayMs);
    this.#saves.set(key, { timer, body });
  }

  /** Saves a composer's text now; an empty text removes the draft. */
  async save(key: string, body: string): Promise<void> {
    const target = this.#readTarget();
    if (target) await saveThreadDraft(target, key, body);
  }

  /** Drops a composer's draft: its text was queued, or the reader cancelled. */
  clear(key: string): void {
    clearTimeout(this.#saves.get(key)?.timer);
    this.#saves.delete(key);
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
  }
}
