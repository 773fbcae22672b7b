import type { HearthDb } from './db.js';

/** The ids of a thread's comments this browser wrote as a guest. */
export async function readAuthoredIds(db: HearthDb, endpoint: string, thread: string): Promise<string[]> {
  const keys = await db.getAllKeysFromIndex('authorship', 'by-thread', [endpoint, thread]);
  return keys.map((key) => key[1]);
}

/** The author token a comment was posted with, or null when this browser did not post it. */
export async function readAuthorToken(db: HearthDb, endpoint: string, id: string): Promise<string | null> {
  return (await db.get('authorship', [endpoint, id]))?.token ?? null;
}
