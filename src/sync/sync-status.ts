/** Where a thread stands against its endpoint. */
export const SyncStatus = {
  /** No answer from the endpoint yet. */
  loading: 'loading',
  /** The last pull reached the end of the change feed. */
  synced: 'synced',
  /** The last pull failed: network error, 5xx, or an unreadable reply. */
  unreachable: 'unreachable',
  /** The server answered 403 `origin_not_allowed`: its configuration lacks this page's origin. */
  refused: 'refused',
  /** The endpoint is not a Hearth server: a 404, HTML, or JSON that is not the protocol. */
  notHearth: 'not-hearth',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

/** Whether a status means the endpoint can never work for this page until its owner fixes it. */
export const isUnavailable = (status: SyncStatus): boolean =>
  status === SyncStatus.refused || status === SyncStatus.notHearth;
