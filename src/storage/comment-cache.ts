import type { ThreadComment } from '../internal/rich-text.js';
import { keepPendingEdit, shouldReplace } from '../sync/merge.js';
import { threadKeyRange, type CachedComment, type HearthDb, type ThreadRecord } from './db.js';

/** A thread as cached: its comments and the cursor to pull changes from. */
export interface CachedThread {
  comments: ThreadComment[];
  cursor: string | null;
  /** The ETag stored with the cursor (see storeChanges), or null. */
  etag: string | null;
  /** Whether the last page of changes said the thread is locked. */
  isLocked: boolean;
}

function toComment(record: CachedComment): ThreadComment {
  const comment: ThreadComment & { endpoint?: string } = { ...record };
  delete comment.endpoint;
  return comment;
}

/** Reads a thread's cached comments and cursor, and marks it as read now. */
export async function readThread(
  db: HearthDb,
  endpoint: string,
  thread: string,
  nowMs: number,
): Promise<CachedThread> {
  const tx = db.transaction(['comments', 'threads'], 'readwrite');
  const [records, threadRecord] = await Promise.all([
    tx.objectStore('comments').getAll(threadKeyRange(endpoint, thread)),
    tx.objectStore('threads').get([endpoint, thread]),
  ]);
  if (threadRecord) await tx.objectStore('threads').put({ ...threadRecord, readAtMs: nowMs });
  await tx.done;
  return {
    comments: records.map(toComment),
    cursor: threadRecord?.cursor ?? null,
    etag: threadRecord?.etag ?? null,
    isLocked: threadRecord?.locked === true,
  };
}

/**
 * Merges comments into the cache and, when given, moves the thread's cursor, in one
 * transaction: a crash never leaves a cursor ahead of the comments it vouches for. `etag`
 * is kept with the cursor; moving the cursor without one forgets the old. `locked`, when
 * given, is what the page said about the thread, kept so a return visit knows at once.
 */
export async function storeChanges(
  db: HearthDb,
  endpoint: string,
  thread: string,
  comments: readonly ThreadComment[],
  cursor: string | undefined,
  nowMs: number,
  etag?: string,
  locked?: boolean,
): Promise<void> {
  const tx = db.transaction(['comments', 'threads'], 'readwrite');
  const store = tx.objectStore('comments');
  const threads = tx.objectStore('threads');
  // Reads all run before any write lands, so a batch naming one comment twice is first
  // reduced to its newest copy.
  const newest = new Map<string, ThreadComment>();
  for (const comment of comments) {
    if (shouldReplace(newest.get(comment.id), comment)) newest.set(comment.id, comment);
  }
  const writes = [...newest.values()].map(async (comment) => {
    const existing = await store.get([endpoint, thread, comment.id]);
    if (shouldReplace(existing, comment))
      await store.put({ ...keepPendingEdit(existing, comment), endpoint });
  });
  const previous = await threads.get([endpoint, thread]);
  const record = previous ?? { endpoint, thread, cursor: null, syncedAtMs: 0, readAtMs: nowMs };
  if (cursor !== undefined) {
    const next: ThreadRecord = { ...record, cursor, syncedAtMs: nowMs };
    if (etag === undefined) delete next.etag;
    else next.etag = etag;
    if (locked !== undefined) next.locked = locked;
    await threads.put(next);
  } else if (!previous) await threads.put(record);
  await Promise.all([...writes, tx.done]);
}

/** A thread's cursor and the ETag that goes with it, as last stored. */
export async function readCursor(
  db: HearthDb,
  endpoint: string,
  thread: string,
): Promise<{ cursor: string | null; etag: string | null }> {
  const record = await db.get('threads', [endpoint, thread]);
  return { cursor: record?.cursor ?? null, etag: record?.etag ?? null };
}
