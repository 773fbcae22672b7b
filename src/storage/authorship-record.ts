import type { AuthorshipRecord, HearthDb } from './db.js';

/** What a guest's delivered post leaves in authorship: its token, and its edit window when the server gave one. */
export function createAuthorship(
  { endpoint, id, thread, token }: Pick<AuthorshipRecord, 'endpoint' | 'id' | 'thread' | 'token'>,
  nowMs: number,
  editableUntilMs: number | undefined,
): AuthorshipRecord {
  return {
    endpoint,
    id,
    thread,
    token,
    createdAtMs: nowMs,
    ...(editableUntilMs === undefined ? {} : { editableUntilMs }),
  };
}

/** Until when the reader may edit a comment they posted from this browser, or null when unknown. */
export async function readEditableUntilMs(
  db: HearthDb,
  endpoint: string,
  id: string,
): Promise<number | null> {
  return (await db.get('authorship', [endpoint, id]))?.editableUntilMs ?? null;
}
