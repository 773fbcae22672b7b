/**
 * Fired by an admin section when what waits for a moderator may have changed (an approval, a
 * rejection, a fresh list), so `<hearth-admin>` counts the queue again for its badges and title.
 */
export class AdminQueueChangeEvent extends Event {
  static readonly eventName = 'hearth-admin-queue-change';

  constructor() {
    super(AdminQueueChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-admin-queue-change': AdminQueueChangeEvent;
  }
}
