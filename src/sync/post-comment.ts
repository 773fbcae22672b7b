import { parseMarkdown } from '../internal/parse-markdown.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { CommentSchema } from '../protocol/comment.js';
import { ErrorResponseSchema } from '../protocol/errors.js';
import type { NewComment } from '../protocol/new-comment.js';
import { buildCommentsUrl } from './api-urls.js';
import { parseRetryAfterMs } from './retry-policy.js';
import { readJson, request, unreachable, type UnreachableResult } from './transport.js';

/** A write the server refused (4xx), with its stable code and the field at fault. */
export interface RejectedWrite {
  kind: 'rejected';
  status: number;
  code: string;
  message: string;
  field?: string;
  /** From Retry-After, on 429 and 503. */
  retryAfterMs?: number;
}

export type PostCommentResult =
  { kind: 'stored'; comment: ThreadComment } | RejectedWrite | UnreachableResult;

/** Posts a new comment; its client-made id makes a retry safe. */
export async function postComment(
  endpoint: string,
  thread: string,
  comment: NewComment,
  signal?: AbortSignal,
): Promise<PostCommentResult> {
  const response = await request(buildCommentsUrl(endpoint, thread), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(comment),
    signal,
  });
  if (!response || (response.status >= 500 && response.status !== 503)) return unreachable;
  const body = await readJson(response);
  if (response.ok) {
    const parsed = CommentSchema.safeParse(body);
    if (!parsed.success) return unreachable;
    return { kind: 'stored', comment: { ...parsed.data, bodyTree: parseMarkdown(parsed.data.body) } };
  }
  const parsed = ErrorResponseSchema.safeParse(body);
  const error = parsed.success
    ? parsed.data.error
    : { code: 'http_' + response.status, message: response.statusText };
  const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), Date.now()) ?? undefined;
  // A 429 or 503 without Retry-After is still temporary: back off and retry like an outage.
  if ((response.status === 429 || response.status === 503) && retryAfterMs === undefined) return unreachable;
  return {
    kind: 'rejected',
    status: response.status,
    ...error,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
