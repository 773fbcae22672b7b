import { ThreadKeySchema } from '../../../src/protocol/index.js';
import type { ThreadCursor } from '../store/admin-views.js';

/**
 * The admin API's `before` for the next page of threads (`nextBefore`): the last thread of a
 * page, as base64url JSON `[lastActivityMs or null, thread key]`. Opaque to clients.
 */
export function encodeThreadCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastActivityMs, cursor.thread]), 'utf8').toString('base64url');
}

/** The cursor `encodeThreadCursor` made, or null for anything else. */
export function decodeThreadCursor(text: string): ThreadCursor | null {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [lastActivityMs, thread] = parsed as unknown[];
  const isTime =
    lastActivityMs === null || (Number.isSafeInteger(lastActivityMs) && Number(lastActivityMs) >= 0);
  if (!isTime || !ThreadKeySchema.safeParse(thread).success) return null;
  return { lastActivityMs: lastActivityMs as number | null, thread: thread as string };
}
