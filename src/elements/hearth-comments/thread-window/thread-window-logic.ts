import type { LitElement } from 'lit';
import type { WordsFor } from '../../../controllers/locale-controller.js';
import { parseCommentHash } from '../../../internal/permalink.js';
import type { ThreadNode } from '../../../internal/thread-tree.js';
import type { ThreadWindow } from '../../../internal/thread-window.js';
import { windowMessages } from '../../../i18n/messages/window-messages.js';
import { WriteOp } from '../../../storage/db.js';
import { SyncStatus, type ThreadSnapshot } from '../../../sync/thread-sync.js';
import type { CommentContext } from '../comment-template.js';
import { isWindowNeeded } from './thread-window-controller.js';
import { ThreadWindowState } from './thread-window-state.js';
import { renderWindow, revealHidden } from './thread-window-template.js';

/**
 * What ThreadWindowController does once a thread needs it: loaded with the window's chunk for a
 * thread past a full page of comments, or a page opened at (or moved to) a permalink.
 *
 * - A thread of more than 1,000 shown comments, or a first visit's thread while its pages
 *   still arrive (from a full first page on), renders a page of conversations with their long
 *   reply lists cut; the reader opens the rest with "Show more comments" and "Show N more
 *   replies" (ThreadWindowState). Smaller threads render whole.
 * - `#comment-<id>` in the URL, on connecting and on every `hashchange`, opens the way to that
 *   comment (once it has arrived), marks it highlighted, scrolls it into view and focuses it
 *   unless the reader has focused something else by then. An id the complete thread lacks is
 *   dropped quietly.
 */
export class ThreadWindowLogic {
  #host: LitElement;
  #announce: (text: string) => void;
  #wordsFor: WordsFor;
  #state = new ThreadWindowState();
  /** The permalink's comment, until it is shown or known to be missing. */
  #target = parseCommentHash(location.hash);
  #highlightedId: string | null = null;
  #scrollToId: string | null = null;
  #focusId: string | null = null;

  constructor(host: LitElement, announce: (text: string) => void, wordsFor: WordsFor) {
    this.#host = host;
    this.#announce = announce;
    this.#wordsFor = wordsFor;
  }

  /** The comment the URL's permalink points at, once shown; null for none. */
  get highlightedId(): string | null {
    return this.#highlightedId;
  }

  /** Scrolls to and focuses what the last render was asked to show. */
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

  /** Another thread: nothing opened, nothing highlighted; the URL's permalink is followed again. */
  reset(): void {
    this.#state = new ThreadWindowState();
    this.#highlightedId = null;
    this.#target = parseCommentHash(location.hash);
  }

  /** The URL's permalink again (connected, or `hashchange`); `isMoved` drops the old highlight. */
  followHash(isMoved: boolean): void {
    this.#target = parseCommentHash(location.hash);
    if (isMoved) this.#highlightedId = null;
  }

  /** As ThreadWindowController.compute; `isLoading`: a first visit's pages are still arriving. */
  compute(
    nodes: readonly ThreadNode[],
    shownCount: number,
    snapshot: ThreadSnapshot,
    isLoading: boolean,
  ): ThreadWindow | null {
    const isComplete = snapshot.isCacheRead && snapshot.status !== SyncStatus.loading;
    if (!isWindowNeeded(shownCount, isLoading)) {
      this.#followTarget(isComplete, (id) => snapshot.comments.some((comment) => comment.id === id));
      return null;
    }
    const state = this.#state;
    state.update(nodes);
    this.#followTarget(isComplete, (id) => state.open(id));
    // The reader's own new comments show wherever they land.
    for (const write of snapshot.pending) if (write.op === WriteOp.post) state.open(write.id);
    return state.compute(isLoading);
  }

  renderWindow(view: ThreadWindow, context: CommentContext): unknown {
    return renderWindow(view, context);
  }

  /** As ThreadWindowController.reveal. */
  reveal(button: HTMLElement): boolean {
    const shown = revealHidden(this.#state, button);
    if (shown) {
      this.#focusId = shown.focusId;
      this.#announce(this.#wordsFor('window', windowMessages).shownMore(shown.shownCount));
      this.#host.requestUpdate();
    }
    return shown !== false;
  }

  /** Once `open` finds the permalink's comment (and opens the way to it), shows it; drops it when the complete thread lacks it. */
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
}
