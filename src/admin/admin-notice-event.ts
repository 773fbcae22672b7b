import type { AdminApiError } from './admin-api.js';

/** Whether a notice reports a success or a failure. */
export const NoticeKind = { success: 'success', error: 'error' } as const;
export type NoticeKind = (typeof NoticeKind)[keyof typeof NoticeKind];

/**
 * Fired by an admin section after an action, for `<hearth-admin>` to announce in its live
 * region; an error whose token was refused also signs the page out.
 */
export class AdminNoticeEvent extends Event {
  static readonly eventName = 'hearth-admin-notice';
  readonly kind: NoticeKind;
  readonly message: string;
  readonly error: AdminApiError | null;

  constructor(kind: NoticeKind, message: string, error: AdminApiError | null = null) {
    super(AdminNoticeEvent.eventName, { bubbles: true, composed: true });
    this.kind = kind;
    this.message = message;
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-admin-notice': AdminNoticeEvent;
  }
}
