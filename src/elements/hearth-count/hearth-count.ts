import { createModuleLoader } from '../../internal/lazy-module.js';
import { messages } from '../../internal/messages.js';
import { normalizeEndpoint } from '../../sync/api-urls.js';
import { ThreadCountEvent } from '../../events/thread-count-event.js';

// Loaded on first use, so pages with only <hearth-comments> never download it.
const loadBatcher = createModuleLoader(() => import('./count-batcher.js'));

/** Counts a `<hearth-comments>` on this page told (fresher than any fetched), by endpoint and thread. */
const toldCounts = new Map<string, number>();
const countKey = (endpoint: string, thread: string): string => `${endpoint}\n${thread}`;

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

  #count: number | null = null;
  /** Bumped per request, so an answer for a previous thread or endpoint is ignored. */
  #generation = 0;
  /** The endpoint (normalized) and thread asked for last. */
  #key = '';

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
    return this.#count;
  }

  connectedCallback(): void {
    document.addEventListener(ThreadCountEvent.eventName, this.#handleThreadCount);
    this.#requestCount();
  }

  disconnectedCallback(): void {
    document.removeEventListener(ThreadCountEvent.eventName, this.#handleThreadCount);
  }

  #handleThreadCount = (event: ThreadCountEvent): void => {
    const key = countKey(event.endpoint, event.thread);
    toldCounts.set(key, event.count);
    if (key !== this.#key) return;
    // Newer than any answer still on its way.
    this.#generation += 1;
    this.#show(event.count);
  };

  #show(count: number): void {
    this.#count = count;
    this.textContent = messages.commentCount(count);
  }

  attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null): void {
    if (this.isConnected && oldValue !== newValue) this.#requestCount();
  }

  #requestCount(): void {
    const generation = ++this.#generation;
    const endpoint = normalizeEndpoint(this.endpoint || HearthCount.defaultEndpoint || '/', location.href);
    const thread = this.thread || readPageThread();
    this.#key = countKey(endpoint, thread);
    const told = toldCounts.get(this.#key);
    if (told !== undefined) return this.#show(told);
    // Every element connected in this task asks within the same microtasks once the module is
    // here, so the batcher's timer still gathers them all into one request.
    loadBatcher().then(
      ({ requestCount }) =>
        requestCount(endpoint, thread, (count) => {
          if (generation !== this.#generation || count === null) return;
          this.#show(count);
        }),
      // Offline with a cold cache: the page's fallback text stays.
      () => undefined,
    );
  }
}

/** The thread key of the page itself, as `<hearth-comments>` picks it by default. */
function readPageThread(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  try {
    if (canonical) return new URL(canonical).pathname;
  } catch {
    // A malformed canonical link falls through to the page's path.
  }
  return location.pathname;
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-count': HearthCount;
  }
}
