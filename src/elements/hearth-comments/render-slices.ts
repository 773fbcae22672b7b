import { afterNextPaint } from '../../internal/after-paint.js';
import { parseCommentHash } from '../../internal/permalink.js';
import type { ThreadSnapshot } from '../../sync/thread-sync.js';

/** Top-level conversations in the first slice: more than a screen of them. */
const firstSliceCount = 25;

/**
 * Draws a thread that arrives from the network many conversations at once (a first visit's
 * page of up to 1,000 comments) in two slices: the first screen's worth at once, the rest after
 * the frame that paints it (or 100 ms in a tab that draws no frames), so the first screen paints
 * without waiting for the whole thread. Two, not more: each slice costs the whole thread a
 * re-render of what is drawn and a wait, and slices of 100 conversations (tasks of about 50 ms)
 * made the whole 1,000-comment thread slower in most runs (decision 0010). A thread painted
 * from the cache draws whole, as a return visit must not wait for frames, and so does a thread
 * opened at a permalink, whose comment may lie far down. Once a thread is drawn whole, later
 * arrivals (a live comment, the next page) draw at once.
 */
export class RenderSlices {
  #requestUpdate: () => void;
  /** Conversations to draw; Infinity once a thread has been drawn whole. */
  #limit = firstSliceCount;
  #isWaiting = false;

  /** `requestUpdate` re-renders the element when the next slice is due. */
  constructor(requestUpdate: () => void) {
    this.#requestUpdate = requestUpdate;
  }

  /**
   * How many of `total` top-level conversations to draw now; asks for the next slice when
   * fewer. Decided by what the cache held (`snapshot.cachedCount`), not by what is here when
   * first asked: a page's words may arrive after the network's comments.
   */
  count(total: number, snapshot: ThreadSnapshot): number {
    if (snapshot.cachedCount > 0) this.#limit = Infinity;
    if (total <= this.#limit || parseCommentHash(location.hash) !== null) {
      // Drawn whole once something is drawn: from then on, nothing waits for a frame.
      if (total > 0) this.#limit = Infinity;
      return total;
    }
    if (!this.#isWaiting) {
      this.#isWaiting = true;
      void afterNextPaint().then(() => {
        this.#isWaiting = false;
        this.#limit = Infinity;
        this.#requestUpdate();
      });
    }
    return this.#limit;
  }

  /** Another thread: its first screen comes first again, unless its cache holds it. */
  reset(): void {
    this.#limit = firstSliceCount;
  }
}
