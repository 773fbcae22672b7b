import { nothing, type LitElement, type ReactiveController } from 'lit';
import type { WordsFor } from '../../../controllers/locale-controller.js';
import { createModuleLoader } from '../../../internal/lazy-module.js';
import { parseCommentHash } from '../../../internal/permalink.js';
import type { ThreadNode } from '../../../internal/thread-tree.js';
import type { ThreadWindow } from '../../../internal/thread-window.js';
import { SyncStatus, type ThreadSnapshot } from '../../../sync/thread-sync.js';
import type { CommentContext } from '../comment-template.js';
import type { ThreadWindowLogic } from './thread-window-logic.js';
import { warnInDev } from '../../../internal/dev-warning.js';

/** Threads showing more comments than this render in a window; smaller ones render whole. */
const windowThreshold = 1000;
/** A first visit with this many comments in (a full page of changes) may be big: window it. */
const fullPageComments = 200;

/**
 * Whether a thread renders a window of itself: past 1,000 shown comments, or a first visit's
 * thread from a full page on while its pages still arrive (`isLoading`).
 */
export const isWindowNeeded = (shownCount: number, isLoading: boolean): boolean =>
  shownCount > windowThreshold || (isLoading && shownCount >= fullPageComments);

const loadWindowKit = createModuleLoader(() => import('./thread-window-kit.js'));
/** Rendered while the window's chunk loads: the heading already counts the comments. */
const waitingWindow: ThreadWindow = { segments: [], hiddenReplies: new Map() };

/**
 * Decides which part of a thread an element renders, and follows permalinks: a thread past a
 * full page of comments renders a window of itself, and `#comment-<id>` in the URL opens the
 * way to that comment, highlights, scrolls to and focuses it. The work is ThreadWindowLogic's,
 * in a chunk loaded for such a thread or page only (a thread past 1,000 comments, a first visit
 * past a full page, or a URL with a permalink); until then, and for the small threads most pages show, this renders the thread
 * whole (past 1,000 comments, nothing while the chunk loads).
 */
export class ThreadWindowController implements ReactiveController {
  #host: LitElement;
  #announce: (text: string) => void;
  #wordsFor: WordsFor;
  #logic: ThreadWindowLogic | null = null;

  /**
   * `announce` says something to screen readers through the element's live region, in the
   * words `wordsFor` gives.
   */
  constructor(host: LitElement, announce: (text: string) => void, wordsFor: WordsFor) {
    this.#host = host;
    this.#announce = announce;
    this.#wordsFor = wordsFor;
    host.addController(this);
  }

  /** The comment the URL's permalink points at, once shown; null for none. */
  get highlightedId(): string | null {
    return this.#logic?.highlightedId ?? null;
  }

  hostConnected(): void {
    globalThis.addEventListener?.('hashchange', this.#handleHashChange);
    this.#logic?.followHash(false);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('hashchange', this.#handleHashChange);
  }

  hostUpdated(): void {
    this.#logic?.hostUpdated();
  }

  /** Another thread: nothing opened, nothing highlighted; the URL's permalink is followed again. */
  reset(): void {
    this.#logic?.reset();
  }

  /**
   * The window of the thread to render, or null to render it whole. A first visit's thread
   * renders windowed while its pages arrive, once a full page is in, so it never renders whole
   * only to be cut when the rest arrives.
   */
  compute(nodes: readonly ThreadNode[], shownCount: number, snapshot: ThreadSnapshot): ThreadWindow | null {
    // A first visit's pages still arriving: the cache, now read, held nothing.
    const isLoading = snapshot.isCacheRead && !snapshot.cachedCount && snapshot.status === SyncStatus.loading;
    if (this.#logic) return this.#logic.compute(nodes, shownCount, snapshot, isLoading);
    if (isWindowNeeded(shownCount, isLoading) || parseCommentHash(location.hash) !== null) this.#load();
    return shownCount > windowThreshold ? waitingWindow : null;
  }

  renderWindow(view: ThreadWindow, context: CommentContext): unknown {
    return this.#logic?.renderWindow(view, context) ?? nothing;
  }

  /**
   * Opens what a clicked "Show more comments" or "Show N more replies" button hides, moves
   * focus to the first comment shown and announces how many; false for any other button.
   */
  reveal(button: HTMLElement): boolean {
    return this.#logic?.reveal(button) ?? false;
  }

  #load(): void {
    loadWindowKit().then(
      ({ ThreadWindowLogic }) => {
        if (this.#logic) return;
        this.#logic = new ThreadWindowLogic(this.#host, this.#announce, this.#wordsFor);
        this.#host.requestUpdate();
      },
      // Offline with a cold cache: the thread renders whole meanwhile; the next render asks again.
      (error) => void warnInDev('thread window did not load', error),
    );
  }

  #handleHashChange = (): void => {
    if (this.#logic) this.#logic.followHash(true);
    else if (parseCommentHash(location.hash) !== null) this.#load();
    this.#host.requestUpdate();
  };
}
