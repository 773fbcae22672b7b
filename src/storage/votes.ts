import { threadKeyRange, type HearthDb } from './db.js';

/** The reader's votes in a thread as the server last stored them: comment id to whether it is up. */
export async function readVotes(
  db: HearthDb,
  endpoint: string,
  thread: string,
): Promise<Map<string, boolean>> {
  const marks = await db.getAll('votes', threadKeyRange(endpoint, thread));
  return new Map(marks.map((mark) => [mark.commentId, mark.isUp]));
}
