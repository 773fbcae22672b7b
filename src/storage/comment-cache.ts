import type { ThreadComment } from '../internal/rich-text.js';
import { threadKeyRange, type CachedComment, type HearthDb } from './db.js';

/** A thread as cached: its comments and the cursor to pull changes from. */
export interface CachedThread {
  comments: ThreadComment[];
  cursor: string | null;
  /** The ETag stored with the cursor (see store-changes.ts), or null. */
  etag: string | null;
  /** Whether the last page of changes said the thread is locked. */
  isLocked: boolean;
  /** Whether the last page of changes said the site emails reply notifications. */
  canNotify: boolean;
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
    canNotify: threadRecord?.notify === true,
  };
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
