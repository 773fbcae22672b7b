/** Where a thread stands against its endpoint. */
export const SyncStatus = {
  /** No answer from the endpoint yet. */
  loading: 'loading',
  /** The last pull reached the end of the change feed. */
  synced: 'synced',
  /** The last pull failed: network error, 5xx, or an unreadable reply. */
  unreachable: 'unreachable',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];
