/** A thread's change, as told to the readers' event streams: its site, thread and new seq. */
export interface ThreadChangeNotice {
  site: string;
  thread: string;
  /** The change's seq; a lock or unlock, which takes none, sends the thread's latest seq or 0. */
  seq: number;
}

export type ThreadChangeListener = (notice: ThreadChangeNotice) => void;

/**
 * Tells every process's event streams that a thread changed. Routes `publish` after a write
 * has committed; `GET /api/v1/threads/{thread}/events` streams `subscribe` to it.
 *
 * Invariants every implementation keeps:
 * - A notice published in any process reaches the subscribers of every process sharing the
 *   store: in-process fan-out for memory, polling the file for SQLite, PostgreSQL
 *   LISTEN/NOTIFY across processes (a lock or unlock only within the process, for SQLite).
 * - `publish` never throws and never waits on the readers: a lost notice only delays a
 *   reader until its next pull, it never loses a comment (the change feed is the truth).
 */
export interface ChangeNotifier {
  publish(notice: ThreadChangeNotice): void;
  /**
   * Calls `listener` for every change of one site's thread until the returned function is
   * called; `onClose`, if given, when the notifier closes first (the process is shutting down).
   */
  subscribe(site: string, thread: string, listener: ThreadChangeListener, onClose?: () => void): () => void;
  /** Stops listening (closes a database connection, if it holds one) and tells every subscriber's `onClose`. */
  close(): Promise<void>;
}
