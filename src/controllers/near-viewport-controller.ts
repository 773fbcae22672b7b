import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How far outside the viewport an element counts as near: one viewport height above and below. */
const nearMargin = '100% 0px';

/**
 * Tells an element once when it first comes near the viewport, so it can put off costly work
 * (opening IndexedDB, fetching, loading chunks) while it sits far below the fold. Where
 * IntersectionObserver is missing, every element is near.
 */
export class NearViewportController implements ReactiveController {
  #host: ReactiveControllerHost & Element;
  #onNear: () => void;
  #observer: IntersectionObserver | null = null;
  #isNear = false;

  constructor(host: ReactiveControllerHost & Element, onNear: () => void) {
    this.#host = host;
    this.#onNear = onNear;
    host.addController(this);
  }

  /** Whether the element has come near the viewport since it was created. */
  get isNear(): boolean {
    return this.#isNear;
  }

  hostConnected(): void {
    if (this.#isNear) return;
    if (typeof IntersectionObserver === 'undefined' || this.#isInOrNearView()) {
      this.#markNear();
      return;
    }
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#markNear();
      },
      { rootMargin: nearMargin },
    );
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  /**
   * Checked at once, not left to the observer's first callback a frame later: an element in
   * view starts without delay. The layout it forces is the one the first paint needs anyway.
   */
  #isInOrNearView(): boolean {
    const rect = this.#host.getBoundingClientRect();
    const height = globalThis.innerHeight || document.documentElement.clientHeight;
    return rect.top < height * 2 && rect.bottom > -height;
  }

  #markNear(): void {
    this.#isNear = true;
    this.hostDisconnected();
    this.#onNear();
  }
}
