import { randomUUID } from 'node:crypto';
import { createAuthorToken } from '../../src/internal/author-token.js';
import { ErrorCode } from '../../src/protocol/index.js';
import { describe, expectError, fail, readCursor, readFeed, type KitContext } from '../check.js';

/** One bad request and the error docs/protocol.md#errors gives it. */
interface BadRequest {
  sent: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  code: string;
  field: string | null;
}

async function expectErrors(kit: KitContext, requests: BadRequest[]): Promise<void> {
  for (const { sent, method, url, headers, body, status, code, field } of requests) {
    const exchange = await kit.client.send(method, url, { headers, body });
    expectError(kit, exchange, { status, code, field }, sent);
  }
}

/** Fails when the feed after `since` holds anything: a refused request stores nothing. */
export async function expectNothingStored(kit: KitContext, since: string, after: string): Promise<void> {
  const { comments } = await readFeed(kit, since);
  if (comments.length > 0) {
    fail(
      `${after}, the feed since ${since} holds ${comments.length} new comments, expected none: ${JSON.stringify(comments[0])}`,
    );
  }
}

/**
 * Bad posts get the documented status, `code` and `field`, as `{ error: { code, message,
 * field? } }` with `Cache-Control: no-store`, and store nothing.
 */
export async function checkPostErrors(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const url = kit.client.feedUrl();
  const json = { 'Content-Type': 'application/json' };
  const valid = kit.poster.newFields('a refused post');
  const { authorName, ...nameless } = valid;
  await expectErrors(kit, [
    {
      sent: 'POST a body that is not JSON',
      method: 'POST',
      url,
      headers: json,
      body: '{"id":',
      status: 400,
      code: ErrorCode.invalidJson,
      field: null,
    },
    {
      sent: 'POST JSON as text/plain',
      method: 'POST',
      url,
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(valid),
      status: 415,
      code: ErrorCode.unsupportedMediaType,
      field: null,
    },
    {
      sent: 'POST without authorName',
      method: 'POST',
      url,
      headers: json,
      body: JSON.stringify(nameless),
      status: 400,
      code: ErrorCode.validationFailed,
      field: 'authorName',
    },
    {
      sent: 'POST an id that is not a UUID',
      method: 'POST',
      url,
      headers: json,
      body: JSON.stringify({ ...valid, id: 'not-a-uuid', authorName }),
      status: 400,
      code: ErrorCode.validationFailed,
      field: 'id',
    },
    {
      sent: 'POST a JSON array',
      method: 'POST',
      url,
      headers: json,
      body: '[]',
      status: 400,
      code: ErrorCode.validationFailed,
      field: null,
    },
  ]);
  const orphan = await kit.poster.post({
    ...kit.poster.newFields('a reply to nothing'),
    parentId: randomUUID(),
  });
  expectError(
    kit,
    orphan.exchange,
    { status: 422, code: ErrorCode.unknownParent, field: 'parentId' },
    'POST a reply to an unknown parentId',
  );
  await expectNothingStored(kit, since, 'after refused posts');
}

/** Bad reads get `invalid_cursor` (field `since`), `invalid_thread` (field `thread`) and `not_found`. */
export async function checkReadErrors(kit: KitContext): Promise<void> {
  const { client } = kit;
  await expectErrors(kit, [
    {
      sent: 'GET the feed since a cursor of 65 characters',
      method: 'GET',
      url: client.feedUrl({ since: 'x'.repeat(65) }),
      status: 400,
      code: ErrorCode.invalidCursor,
      field: 'since',
    },
    {
      sent: 'GET the feed of a 513-character thread key',
      method: 'GET',
      url: client.feedUrl({ thread: 'x'.repeat(513) }),
      status: 400,
      code: ErrorCode.invalidThread,
      field: 'thread',
    },
    {
      sent: 'GET the feed of thread %00',
      method: 'GET',
      url: client.feedUrl({ thread: '\u0000' }),
      status: 400,
      code: ErrorCode.invalidThread,
      field: 'thread',
    },
    {
      sent: 'GET an unknown API path',
      method: 'GET',
      url: new URL('api/v1/hearth-conformance-nothing', client.endpoint).href,
      status: 404,
      code: ErrorCode.notFound,
      field: null,
    },
  ]);
}

/** Bad edits get `auth_required`, `not_found` and `method_not_allowed` (with `Allow`). */
export async function checkEditErrors(kit: KitContext): Promise<void> {
  const url = kit.client.commentUrl(randomUUID());
  const json = { 'Content-Type': 'application/json' };
  const body = JSON.stringify({ body: 'an edit of nothing' });
  await expectErrors(kit, [
    {
      sent: 'PATCH without Authorization',
      method: 'PATCH',
      url,
      headers: json,
      body,
      status: 401,
      code: ErrorCode.authRequired,
      field: null,
    },
    {
      sent: 'PATCH with Authorization: Basic',
      method: 'PATCH',
      url,
      headers: { ...json, Authorization: 'Basic aGVhcnRoOmhlYXJ0aA==' },
      body,
      status: 401,
      code: ErrorCode.authRequired,
      field: null,
    },
    {
      sent: 'PATCH an unknown comment id',
      method: 'PATCH',
      url,
      headers: { ...json, ...kit.poster.authorHeaders(createAuthorToken()) },
      body,
      status: 404,
      code: ErrorCode.notFound,
      field: null,
    },
    {
      sent: 'DELETE an unknown comment id',
      method: 'DELETE',
      url,
      headers: kit.poster.authorHeaders(createAuthorToken()),
      status: 404,
      code: ErrorCode.notFound,
      field: null,
    },
  ]);
  const wrong = await kit.client.send('PUT', url, { headers: json, body });
  expectError(kit, wrong, { status: 405, code: ErrorCode.methodNotAllowed, field: null }, 'PUT on a comment');
  if (!/\bPATCH\b/.test(wrong.headers.get('Allow') ?? '')) {
    fail(
      `a 405 must list the methods that work in Allow (PATCH, DELETE), but ${describe(kit, wrong)} with Allow: ${wrong.headers.get('Allow')}`,
    );
  }
}
