import { validator } from 'hono/validator';
import { ErrorCode, PageLimitSchema, ThreadKeySchema } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { isDecodable } from '../http/percent-decoding.js';

// Our cursors are the decimal change sequence; at most 16 digits, checked against 2^53 below.
const cursorPattern = /^(0|[1-9][0-9]{0,15})$/;

/** Validates a decoded `:thread` path parameter, or throws 400 `invalid_thread`. */
function parseThread(thread: string): string {
  const result = ThreadKeySchema.safeParse(thread);
  if (!result.success) {
    throw new ApiError(
      400,
      ErrorCode.invalidThread,
      result.error.issues[0]?.message ?? 'Invalid thread key.',
      {
        field: 'thread',
      },
    );
  }
  return result.data;
}

/**
 * Validates the `:thread` parameter of a request to `url`, or throws 400 `invalid_thread`.
 * Hono leaves a percent-encoding it cannot decode (`%E0%A4%A`) as it is, which would name a
 * thread nobody asked for, so the raw path must decode first, as `/counts` requires of its keys.
 */
export function parseThreadInPath(url: string, thread: string): string {
  if (!isDecodable(new URL(url).pathname)) {
    throw new ApiError(400, ErrorCode.invalidThread, 'The thread key is not valid percent-encoding.', {
      field: 'thread',
    });
  }
  return parseThread(thread);
}

/**
 * Route middleware that validates the `:thread` path parameter (`parseThreadInPath`), so a
 * route can check it before its body; the handler gets the key as `c.req.valid('param').thread`.
 */
export const threadParam = validator('param', (params, c) => ({
  thread: parseThreadInPath(c.req.url, params.thread ?? ''),
}));

/** Turns the `since` query parameter into a change sequence (absent means 0), or throws 400 `invalid_cursor`. */
export function parseCursor(since: string | undefined): number {
  if (since === undefined) return 0;
  const seq = cursorPattern.test(since) ? Number(since) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new ApiError(400, ErrorCode.invalidCursor, 'Cursor must be one the server returned.', {
      field: 'since',
    });
  }
  return seq;
}

/**
 * Turns the `limit` query parameter into the most comments a page may hold (absent means
 * undefined: the server's own page size), or throws 400 `validation_failed` with `field: "limit"`.
 */
export function parseLimit(limit: string | undefined): number | undefined {
  if (limit === undefined) return undefined;
  const result = PageLimitSchema.safeParse(limit);
  if (!result.success) {
    throw new ApiError(400, ErrorCode.validationFailed, result.error.issues[0]?.message ?? 'Invalid limit.', {
      field: 'limit',
    });
  }
  return result.data;
}

/** Formats a change sequence as the opaque cursor clients send back. */
export function formatCursor(seq: number): string {
  return String(seq);
}
