import type { AuthorshipRecord, HearthDb } from './db.js';

/** A comment this browser posted as a guest, with its author token, or undefined. */
export function readAuthorship(
  db: HearthDb,
  endpoint: string,
  id: string,
): Promise<AuthorshipRecord | undefined> {
  return db.get('authorship', [endpoint, id]);
}
