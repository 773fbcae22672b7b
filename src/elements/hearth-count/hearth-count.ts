import { createModuleLoader } from '../../internal/lazy-module.js';
import { ThreadCountEvent } from '../../events/thread-count-event.js';
import type * as CountDisplayModule from './count-display.js';
import { warnInDev } from '../../internal/dev-warning.js';

type CountDisplay = typeof CountDisplayModule;
/** The element's logic once fetched (with the batcher): pages with only <hearth-comments> never download it. */
let display: CountDisplay | null = null;
const loadDisplay = createModuleLoader(() =>
  import('./count-display.js').then((module) => (display = module)),
);

/** Counts a `<hearth-comments>` on this page told (fresher than any fetched), by endpoint and thread. */
const toldCounts = new Map<string, number>();

/** The key of a thread's count: its endpoint (normalized) and thread. */
export const countKey = (endpoint: string, thread: string): string => `${endpoint}\n${thread}`;

// Kept from the first count's connection on, so a count told while the logic loads is not missed.
const handleThreadCount = ({ endpoint, thread, count }: ThreadCountEvent): void => {
  toldCounts.set(countKey(endpoint, thread), count);
  display?.showToldCount(endpoint, thread, count);
};

/**
 * A thread's comment count as plain text ("12 comments"), for article lists and headlines.
 * It renders into its own light DOM with no shadow root and no styles, so it takes the
 * page's font and colour; whatever the page put inside (a fallback such as "Comments") stays
 * until the count arrives, and stays for good when the server cannot be reached. All counts
 * connected in the same task go out as one request per endpoint, and counts are reused for
 * 30 seconds (in memory, then the browser's HTTP cache). A `<hearth-comments>` of the same
 * thread on the page tells its count as it syncs (`hearth-thread-count`), which wins at once.
 *
 * @summary The comment count of a thread, as plain text that inherits the page's style.
 */
export class HearthCount extends HTMLElement {
  /** The endpoint used when the `endpoint` attribute is absent; the embed sets it to hearth.js's directory. */
  static defaultEndpoint: string | null = null;

  static observedAttributes = ['thread', 'endpoint'];

  /**
   * The thread's key, as given to `<hearth-comments thread>`; default: the page's canonical path, else `location.pathname`.
   * @attr thread
   */
  get thread(): string {
    return this.getAttribute('thread') ?? '';
  }

  set thread(value: string) {
    this.setAttribute('thread', value);
  }

  /**
   * Base URL of the comment server; default: the directory hearth.js was loaded from.
   * @attr endpoint
   */
  get endpoint(): string {
    return this.getAttribute('endpoint') ?? '';
  }

  set endpoint(value: string) {
    this.setAttribute('endpoint', value);
  }

  /** The published comments of the thread, or null until the server has said. Read-only. */
  get count(): number | null {
    return display?.readCount(this) ?? null;
  }

  connectedCallback(): void {
    document.addEventListener(ThreadCountEvent.eventName, handleThreadCount);
    this.#follow();
  }

  disconnectedCallback(): void {
    display?.unfollowCount(this);
  }

  attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null): void {
    if (this.isConnected && oldValue !== newValue) this.#follow();
  }

  #follow(): void {
    // Once loaded, at once: a count told earlier shows in the same task the element connects.
    if (display) return display.followCount(this, HearthCount.defaultEndpoint, toldCounts);
    loadDisplay().then(
      () => {
        if (this.isConnected) this.#follow();
      },
      // Offline with a cold cache: the page's fallback text stays.
      (error) => void warnInDev('count display did not load', error),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-count': HearthCount;
  }
}
