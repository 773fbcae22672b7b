import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Tracks whether the browser believes it is online, re-rendering its host on every change. */
export class ConnectivityController implements ReactiveController {
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** False only when the browser knows it has no network; true does not promise the server answers. */
  get isOnline(): boolean {
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  hostConnected(): void {
    globalThis.addEventListener('online', this.#handleChange);
    globalThis.addEventListener('offline', this.#handleChange);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('online', this.#handleChange);
    globalThis.removeEventListener('offline', this.#handleChange);
  }

  #handleChange = (): void => {
    this.#host.requestUpdate();
  };
}
