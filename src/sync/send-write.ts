import { loadMarkdownParser } from '../internal/load-markdown-parser.js';
import { isPlainBody, toPlainBodyTree } from '../internal/plain-body.js';
import type { RichText } from '../internal/rich-text.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { CommentSchema, PostedCommentSchema, type PostedComment } from '../protocol/comment.js';
import { ErrorCode, ErrorResponseSchema } from '../protocol/errors.js';
import { VoteResponseSchema } from '../protocol/vote.js';
import { WriteOp, type OutboxRecord } from '../storage/db.js';
import { buildCommentsUrl } from './api-urls.js';
import { buildCommentUrl, buildVoteUrl } from './comment-urls.js';
import { getProofOfWork } from './proof-of-work.js';
import { parseRetryAfterMs } from './retry-policy.js';
import { readJson, request, unreachable, type UnreachableResult } from './transport.js';
import { warnInDev } from '../internal/dev-warning.js';

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

export type SendWriteResult =
  /** `editableUntilMs`: from a post's answer, until when its author may edit it (if the server says). */
  | { kind: 'stored'; comment: ThreadComment; editableUntilMs?: number }
  /**
   * Nothing to do: a delete of a comment the server never stored, or a vote the server will
   * not take (its comment gone, held or deleted, or the vote malformed), which is dropped.
   */
  | { kind: 'gone' }
  | RejectedWrite
  | UnreachableResult;

/** The request a queued write makes: `POST` a new comment, `PATCH` its body, `DELETE` it, or `PUT` a vote. */
function describeRequest(
  endpoint: string,
  record: OutboxRecord,
  altcha: string | undefined,
): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (record.token) headers.Authorization = `Bearer ${record.token}`;
  const commentUrl = buildCommentUrl(endpoint, record.thread, record.id);
  if (record.op === WriteOp.delete) return { url: commentUrl, init: { method: 'DELETE', headers } };
  headers['Content-Type'] = 'application/json';
  if (record.op === WriteOp.vote) {
    const { commentId, up, voter } = record.payload;
    const body = JSON.stringify({ up, voter });
    return { url: buildVoteUrl(endpoint, commentId), init: { method: 'PUT', headers, body } };
  }
  const body = JSON.stringify(altcha === undefined ? record.payload : { ...record.payload, altcha });
  return record.op === WriteOp.post
    ? { url: buildCommentsUrl(endpoint, record.thread), init: { method: 'POST', headers, body } }
    : { url: commentUrl, init: { method: 'PATCH', headers, body } };
}

/**
 * Sends one queued write with its bearer token. A post's client-made id makes a retry safe;
 * an edit or a delete sent twice leaves the comment as once.
 */
export async function sendWrite(
  endpoint: string,
  record: OutboxRecord,
  signal?: AbortSignal,
): Promise<SendWriteResult> {
  // A guest's post carries a fresh proof of work, solved at send time: one solved while
  // composing offline may have expired by the time the network returns.
  const needsWork = record.op === WriteOp.post && !record.isSso;
  for (let attempt = 0; ; attempt += 1) {
    let altcha: string | undefined;
    if (needsWork) {
      const work = await getProofOfWork(endpoint).take(signal);
      if (work.kind === 'unreachable') return unreachable;
      if (work.kind === 'solved') altcha = work.altcha;
    }
    const result = await sendOnce(endpoint, record, altcha, signal);
    // A solution refused (expired on the way, or the server's secret changed) is worth one
    // more try with a new challenge before the write is shown as failed.
    const isWorkRefused = result.kind === 'rejected' && result.code === ErrorCode.proofOfWorkFailed;
    if (!isWorkRefused || attempt > 0) return result;
  }
}

/**
 * The tree of a stored comment's body, fetching the markdown parser only for a body that needs
 * it; null when its chunk fails to load (the thread then parses the body when it shows it).
 */
async function parseBody(body: string): Promise<RichText | null> {
  if (isPlainBody(body)) return toPlainBodyTree(body);
  const parseMarkdown = await loadMarkdownParser().catch(
    (error) => (warnInDev('markdown parser did not load (send)', error), null),
  );
  return parseMarkdown ? parseMarkdown(body) : null;
}

/** The comment in a write's answer: a vote answers `{comment, up}`, other writes the comment itself. */
function readStoredComment(op: WriteOp, body: unknown): PostedComment | null {
  if (op === WriteOp.vote) {
    const vote = VoteResponseSchema.safeParse(body);
    return vote.success ? vote.data.comment : null;
  }
  const parsed = (op === WriteOp.post ? PostedCommentSchema : CommentSchema).safeParse(body);
  return parsed.success ? parsed.data : null;
}

async function sendOnce(
  endpoint: string,
  record: OutboxRecord,
  altcha: string | undefined,
  signal?: AbortSignal,
): Promise<SendWriteResult> {
  const { url, init } = describeRequest(endpoint, record, altcha);
  const response = await request(url, { ...init, signal });
  if (!response || (response.status >= 500 && response.status !== 503)) return unreachable;
  const body = await readJson(response);
  if (response.ok) {
    const parsed = readStoredComment(record.op, body);
    if (!parsed) return unreachable;
    // The time belongs to the answer, not the comment: it goes to authorship, not the cache.
    const { editableUntil, ...comment } = parsed;
    const bodyTree = await parseBody(comment.body);
    const editableUntilMs = editableUntil === undefined ? NaN : Date.parse(editableUntil);
    return {
      kind: 'stored',
      comment: { ...comment, ...(bodyTree ? { bodyTree } : {}) },
      ...(Number.isNaN(editableUntilMs) ? {} : { editableUntilMs }),
    };
  }
  const parsed = ErrorResponseSchema.safeParse(body);
  const error = parsed.success
    ? parsed.data.error
    : { code: 'http_' + response.status, message: response.statusText };
  if (record.op === WriteOp.delete && response.status === 404 && error.code === ErrorCode.notFound) {
    return { kind: 'gone' };
  }
  const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), Date.now()) ?? undefined;
  // A refused vote is not worth a "failed" line on the comment: the count shows what stuck.
  // Only an expired SSO token (a fresh one comes) and a rate limit (it passes) keep it queued.
  if (
    record.op === WriteOp.vote &&
    retryAfterMs === undefined &&
    response.status < 500 &&
    response.status !== 429 &&
    error.code !== ErrorCode.ssoTokenExpired
  ) {
    return { kind: 'gone' };
  }
  // A 429 or 503 without Retry-After is still temporary: back off and retry like an outage.
  if ((response.status === 429 || response.status === 503) && retryAfterMs === undefined) return unreachable;
  return {
    kind: 'rejected',
    status: response.status,
    ...error,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
