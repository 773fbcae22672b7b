import type { WordsFor } from '../../controllers/locale-controller.js';
import { nothing, type LitElement, type ReactiveController } from 'lit';
import { createModuleLoader } from '../../internal/lazy-module.js';
import { parseCommentHash } from '../../internal/permalink.js';
import type { ThreadNode } from '../../internal/thread-tree.js';
import type { ThreadWindow } from '../../internal/thread-window.js';
import { WriteOp } from '../../storage/db.js';
import { SyncStatus, type ThreadSnapshot } from '../../sync/thread-sync.js';
import type { CommentContext } from './comment-template.js';
import type * as WindowKitModule from './thread-window-kit.js';
import type { ThreadWindowState } from './thread-window-state.js';

/** Threads showing more comments than this render in a window; smaller ones render whole. */
export const windowThreshold = 1000;
/** A first visit with this many comments in (a full page of changes) may be big: window it. */
const fullPageComments = 200;

type WindowKit = typeof WindowKitModule;
const loadWindowKit = createModuleLoader(() => import('./thread-window-kit.js'));
/** Rendered while the window's chunk loads: the heading already counts the comments. */
const waitingWindow: ThreadWindow = { segments: [], hiddenReplies: new Map() };

/**
 * Decides which part of a thread an element renders, and follows permalinks.
 *
 * - A thread of more than 1,000 shown comments, or a first visit's thread while its pages
 *   still arrive (from a full first page on), renders a page of conversations with their long
 *   reply lists cut; the reader opens the rest with "Show more comments" and "Show N more
 *   replies" (ThreadWindowState, in a chunk loaded for such threads only). Smaller threads
 *   render whole, as does one of up to 1,000 while that chunk loads.
 * - `#comment-<id>` in the URL, on connecting and on every `hashchange`, opens the way to that
 *   comment (once it has arrived), marks it highlighted, scrolls it into view and focuses it
 *   unless the reader has focused something else by then. An id the complete thread lacks is
 *   dropped quietly.
 */
export class ThreadWindowController implements ReactiveController {
  #host: LitElement;
  #announce: (text: string) => void;
  #kit: WindowKit | null = null;
  #state: ThreadWindowState | null = null;
  #isFirstLoad: boolean | null = null;
  #target: string | null = null;
  #highlightedId: string | null = null;
  #scrollToId: string | null = null;
  #focusId: string | null = null;

  #wordsFor: WordsFor;

  /**
   * `announce` says something to screen readers through the element's live region, in the
   * words `wordsFor` gives.
   */
  constructor(host: LitElement, announce: (text: string) => void, wordsFor: WordsFor) {
    this.#wordsFor = wordsFor;
    this.#host = host;
    this.#announce = announce;
    host.addController(this);
  }

  /** The comment the URL's permalink points at, once shown; null for none. */
  get highlightedId(): string | null {
    return this.#highlightedId;
  }

  hostConnected(): void {
    globalThis.addEventListener?.('hashchange', this.#handleHashChange);
    this.#target = parseCommentHash(location.hash);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('hashchange', this.#handleHashChange);
  }

  hostUpdated(): void {
    const root = this.#host.renderRoot;
    if (this.#scrollToId) {
      const article = root.querySelector<HTMLElement>(`[id="comment-${this.#scrollToId}"]`);
      this.#scrollToId = null;
      if (article) this.#showTarget(article);
    }
    if (this.#focusId) {
      root.querySelector<HTMLElement>(`[id="comment-${this.#focusId}"]`)?.focus();
      this.#focusId = null;
    }
  }

  /** Forgets what was opened: the element shows another thread. */
  reset(): void {
    this.#state = this.#kit ? new this.#kit.ThreadWindowState() : null;
    this.#isFirstLoad = null;
    this.#highlightedId = null;
    this.#target = parseCommentHash(location.hash);
  }

  /** The window to render over `nodes` (the whole thread), or null to render them all. */
  compute(nodes: readonly ThreadNode[], shownCount: number, snapshot: ThreadSnapshot): ThreadWindow | null {
    if (this.#isFirstLoad === null && snapshot.isCacheRead)
      this.#isFirstLoad = snapshot.comments.length === 0;
    const isLoading = this.#isFirstLoad === true && snapshot.status === SyncStatus.loading;
    const isComplete = snapshot.isCacheRead && snapshot.status !== SyncStatus.loading;
    const isWindowed = shownCount > windowThreshold || (isLoading && shownCount >= fullPageComments);
    const state = isWindowed ? this.#requireKit() : null;
    if (!state) {
      // Until the window's chunk is here, a thread small enough renders whole.
      if (shownCount > windowThreshold) return waitingWindow;
      this.#followTarget(isComplete, (id) => snapshot.comments.some((comment) => comment.id === id));
      return null;
    }
    state.update(nodes);
    this.#followTarget(isComplete, (id) => state.open(id));
    // The reader's own new comments show wherever they land.
    for (const write of snapshot.pending) if (write.op === WriteOp.post) state.open(write.id);
    return state.compute(isLoading);
  }

  /** The window's comments, with its "Show more comments" and "Show N more replies" buttons. */
  renderWindow(view: ThreadWindow, context: CommentContext): unknown {
    return this.#kit?.renderWindow(view, context) ?? nothing;
  }

  /**
   * Shows what a "Show more …" button hides, then focuses the first comment it showed; false
   * for a button that is not the window's.
   */
  reveal(button: HTMLElement): boolean {
    const shown = this.#kit && this.#state ? this.#kit.revealHidden(this.#state, button) : false;
    if (shown) {
      this.#focusId = shown.focusId;
      this.#announce(this.#wordsFor('window', this.#kit!.windowMessages).shownMore(shown.shownCount));
      this.#host.requestUpdate();
    }
    return shown !== false;
  }

  /** The window's state once its chunk is here; until then null, with the chunk on its way. */
  #requireKit(): ThreadWindowState | null {
    if (!this.#kit) {
      loadWindowKit().then(
        (kit) => {
          if (this.#kit) return;
          this.#kit = kit;
          this.#state = new kit.ThreadWindowState();
          this.#host.requestUpdate();
        },
        () => undefined,
      );
    }
    return this.#state;
  }

  /** Shows the permalink's comment once `open` finds it; drops it once the thread is complete. */
  #followTarget(isComplete: boolean, open: (id: string) => boolean): void {
    const id = this.#target;
    if (!id) return;
    if (open(id)) {
      this.#target = null;
      this.#highlightedId = id;
      this.#scrollToId = id;
    } else if (isComplete) {
      this.#target = null;
    }
  }

  #showTarget(article: HTMLElement): void {
    article.scrollIntoView({ block: 'center' });
    // Only when nothing else holds focus: a reader who moved on while pages arrived keeps theirs.
    const active = document.activeElement;
    if (!active || active === document.body || active === this.#host) article.focus({ preventScroll: true });
    // Conversations above it lay out as they come on screen; settle on the comment again.
    requestAnimationFrame(() => requestAnimationFrame(() => article.scrollIntoView({ block: 'center' })));
  }

  #handleHashChange = (): void => {
    this.#target = parseCommentHash(location.hash);
    this.#highlightedId = null;
    this.#host.requestUpdate();
  };
}
