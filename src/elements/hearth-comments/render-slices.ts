import { afterNextPaint } from '../../internal/after-paint.js';
import { parseCommentHash } from '../../internal/permalink.js';

/** Top-level conversations in the first slice: more than a screen of them. */
const firstSliceCount = 25;

/**
 * Draws a thread that arrives many conversations at once (a first visit's page of up to 1,000
 * comments) in two slices: the first screen's worth at once, the rest after the frame that
 * paints it (or 100 ms in a tab that draws no frames), so the first screen paints without
 * waiting for the whole thread. Two, not more: each slice costs a frame and a re-render of what
 * is drawn, and the whole thread drawn is what a first visit is measured by. Once a thread is
 * drawn whole, later arrivals (a live comment, the next page) draw at once; so does a thread
 * opened at a permalink, whose comment may lie far down.
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

  /** How many of `total` top-level conversations to draw now; asks for the next slice when fewer. */
  count(total: number): number {
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

  /** Another thread: its first screen comes first again. */
  reset(): void {
    this.#limit = firstSliceCount;
  }
}
