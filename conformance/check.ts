import {
  ChangesResponseSchema,
  CommentStatus,
  ErrorResponseSchema,
  PostedCommentSchema,
  type ChangesResponse,
  type FeedComment,
  type PostedComment,
} from '../src/protocol/index.js';
import { describeExchange, type Exchange, type KitClient } from './client.js';
import type { Poster } from './poster.js';

/** What every check is given. */
export interface KitContext {
  client: KitClient;
  poster: Poster;
}

/** One named check of the checklist. */
export interface Check {
  /** Kebab-case, stable: what a test or a reader greps for. */
  name: string;
  /** What it checks, in one line. */
  summary: string;
  run: (kit: KitContext) => Promise<void>;
}

/** Thrown by a check that found the endpoint wrong; its message is the reason printed. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** Fails the running check with `reason`. */
export function fail(reason: string): never {
  throw new CheckFailure(reason);
}

/** `exchange` in one line, for a reason. */
export function describe(kit: KitContext, exchange: Exchange): string {
  return describeExchange(exchange, kit.client.endpoint);
}

/** Fails unless `exchange` has `status`; `sent` says what the request was, in words. */
export function expectStatus(kit: KitContext, exchange: Exchange, status: number, sent: string): void {
  if (exchange.status !== status) fail(`${sent}: expected ${status}, but ${describe(kit, exchange)}`);
}

/**
 * Fails unless `exchange` is the error docs/protocol.md#errors names: `status`, a JSON body
 * `{ error: { code, message, field? } }` with `code` and `field` (`null`: no field), and
 * `Cache-Control: no-store`.
 */
export function expectError(
  kit: KitContext,
  exchange: Exchange,
  expected: { status: number; code: string; field: string | null },
  sent: string,
): void {
  const wanted = `${expected.status} ${expected.code}${expected.field === null ? '' : ` (field ${expected.field})`}`;
  const problem = `${sent}: expected ${wanted}, but ${describe(kit, exchange)}`;
  if (exchange.status !== expected.status) fail(problem);
  const parsed = ErrorResponseSchema.safeParse(exchange.json);
  if (!parsed.success) fail(`${problem}: not an error object {"error":{"code","message","field"?}}`);
  const { code, message, field } = parsed.data.error;
  if (code !== expected.code) fail(`${problem}: wrong code`);
  if ((field ?? null) !== expected.field) fail(`${problem}: wrong field`);
  if (message.trim() === '') fail(`${problem}: empty message`);
  if (!/^application\/json\b/i.test(exchange.headers.get('Content-Type') ?? '')) {
    fail(`${problem}: Content-Type is ${exchange.headers.get('Content-Type')}, not application/json`);
  }
  if (!/\bno-store\b/i.test(exchange.headers.get('Cache-Control') ?? '')) {
    fail(`${problem}: Cache-Control is ${exchange.headers.get('Cache-Control')}, not no-store`);
  }
}

/** The comment a post or edit answered, checked against the protocol's schema. */
export function readComment(kit: KitContext, exchange: Exchange, sent: string): PostedComment {
  const parsed = PostedCommentSchema.safeParse(exchange.json);
  if (!parsed.success) fail(`${sent}: the answer is not a comment object: ${describe(kit, exchange)}`);
  return parsed.data;
}

/** Fails unless a stored comment is published, which the feed checks need. */
export function expectPublished(comment: PostedComment, sent: string): void {
  if (comment.status === CommentStatus.published) return;
  fail(
    `${sent}: the comment came back ${comment.status}, so the feed cannot show it; run against a ` +
      'site without moderation, or pass --admin-token (an admin is never held)',
  );
}

/** A page of the feed, checked against the protocol's schema. */
export function readPage(kit: KitContext, exchange: Exchange, sent: string): ChangesResponse {
  expectStatus(kit, exchange, 200, sent);
  const parsed = ChangesResponseSchema.safeParse(exchange.json);
  if (!parsed.success) {
    fail(`${sent}: not a page {comments, cursor, more}: ${describe(kit, exchange)}`);
  }
  return parsed.data;
}

/** Every change after `since` (null: from the start), page by page until `more` is false. */
export async function readFeed(
  kit: KitContext,
  since: string | null,
  limit?: number,
): Promise<{ comments: FeedComment[]; cursor: string; pages: ChangesResponse[] }> {
  const pages: ChangesResponse[] = [];
  let cursor = since;
  for (;;) {
    const exchange = await kit.client.send('GET', kit.client.feedUrl({ since: cursor, limit }));
    const page = readPage(kit, exchange, `GET the feed since ${cursor ?? 'the start'}`);
    pages.push(page);
    cursor = page.cursor;
    if (!page.more) break;
    if (pages.length > 1000) fail(`the feed said more: true for over 1,000 pages from ${since}`);
  }
  return { comments: pages.flatMap((page) => page.comments), cursor, pages };
}

/** The feed's cursor now: where a check's own changes will start. */
export async function readCursor(kit: KitContext): Promise<string> {
  return (await readFeed(kit, null)).cursor;
}

/** Posts a new comment, expecting 201 and a published comment. */
export async function postPublished(kit: KitContext, label: string) {
  const sent = await kit.poster.post(kit.poster.newFields(label));
  if (sent.exchange.status === 401 && kit.poster.kind === 'admin') {
    fail(
      `POST a new comment with --admin-token: is it one of the server's admin tokens? ${describe(kit, sent.exchange)}`,
    );
  }
  expectStatus(kit, sent.exchange, 201, `POST a new comment (${label})`);
  const comment = readComment(kit, sent.exchange, `POST a new comment (${label})`);
  expectPublished(comment, `POST a new comment (${label})`);
  return { sent, comment };
}
