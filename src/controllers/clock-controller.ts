import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host every `intervalMs` (default one minute) so relative times stay true. */
export class ClockController implements ReactiveController {
  #host: ReactiveControllerHost;
  #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, intervalMs = 60_000) {
    this.#host = host;
    this.#intervalMs = intervalMs;
    host.addController(this);
  }

  /** The current time in ms since the epoch, read once per render. */
  get nowMs(): number {
    return Date.now();
  }

  hostConnected(): void {
    this.#timer = setInterval(() => this.#host.requestUpdate(), this.#intervalMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}
