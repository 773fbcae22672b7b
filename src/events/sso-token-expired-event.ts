/**
 * Fired by `<hearth-comments>` when the server said the reader's SSO token has expired. The
 * comment that met it stays queued (pending): give the element a fresh token with
 * `setIdentity(token)` or the `sso-token` attribute and it is sent again.
 */
export class SsoTokenExpiredEvent extends Event {
  static readonly eventName = 'hearth-sso-token-expired';

  constructor() {
    super(SsoTokenExpiredEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-sso-token-expired': SsoTokenExpiredEvent;
  }
}
