import type { SyncStatus } from './sync-status.js';

/** What tabs sharing an endpoint tell each other over BroadcastChannel. */
export type TabMessage =
  /** The leader stored changes of a thread (comments or outbox): re-read it from IndexedDB. */
  | { type: 'changed'; thread: string; status?: SyncStatus; lastSyncedAtMs?: number }
  /** A follower shows this thread and wants it brought up to date. */
  | { type: 'pull'; thread: string }
  /** A follower queued a write: the leader should push the outbox. */
  | { type: 'outbox' }
  /** A tab became the leader: followers repeat what they need. */
  | { type: 'leader' };

/** A BroadcastChannel carrying TabMessages, or a silent stand-in where there is none. */
export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/**
 * The name the tabs sharing `endpoint` and `databaseName` use for their BroadcastChannel and
 * for the Web Lock of the tab that leads them.
 */
export function tabChannelName(databaseName: string, endpoint: string): string {
  return `hearth:${databaseName}:${endpoint}`;
}

/** Opens the channel named `name`, delivering other tabs' messages to `onMessage`. */
export function openTabChannel(name: string, onMessage: (message: TabMessage) => void): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
  let isClosed = false;
  return {
    // A delivery that completes after the page let go of the endpoint has no one to tell.
    post: (message) => isClosed || channel.postMessage(message),
    close: () => {
      isClosed = true;
      channel.close();
    },
  };
}
