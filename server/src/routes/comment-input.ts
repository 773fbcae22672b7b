import {
  ErrorCode,
  NewCommentSchema,
  ThreadKeySchema,
  type NewComment,
} from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { readBodyCapped } from '../http/read-body.js';

// Our cursors are the decimal change sequence; at most 16 digits, checked against 2^53 below.
const cursorPattern = /^(0|[1-9][0-9]{0,15})$/;

/** Validates a decoded `:thread` path parameter, or throws 400 `invalid_thread`. */
export function parseThread(thread: string): string {
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

/** Formats a change sequence as the opaque cursor clients send back. */
export function formatCursor(seq: number): string {
  return String(seq);
}

/**
 * Reads and validates the body of a new comment, throwing the first applicable error:
 * 415 wrong content type, 413 too large, 400 `invalid_json`, 400 `validation_failed`.
 */
export async function parseNewComment(request: Request, maxBytes: number): Promise<NewComment> {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError(415, ErrorCode.unsupportedMediaType, 'Content-Type must be application/json.');
  }
  const bytes = await readBodyCapped(request, maxBytes);

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, ErrorCode.invalidJson, 'Request body is not valid UTF-8 JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError(400, ErrorCode.validationFailed, 'Request body must be a JSON object.');
  }

  const result = NewCommentSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.');
    throw new ApiError(400, ErrorCode.validationFailed, issue?.message ?? 'Invalid comment.', {
      ...(field ? { field } : {}),
    });
  }
  return result.data;
}
