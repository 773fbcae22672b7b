/**
 * The public protocol's routes (docs/protocol.md), as the OpenAPI document lists them: method,
 * path, parameters, request body and answers by status, each body named by its schema in
 * src/protocol/ (see openapi-schemas.ts). The admin API is not listed: it is no part of what a
 * widget needs. test/server/openapi.test.ts checks every route the app serves is here.
 */

/** A body schema by its component name (openapi-schemas.ts). */
export type SchemaName =
  | 'ChangesResponse'
  | 'PostedComment'
  | 'Comment'
  | 'MineResponse'
  | 'CountsResponse'
  | 'VoteResponse'
  | 'ChallengeResponse'
  | 'HelloEvent'
  | 'ChangeEvent'
  | 'NewComment'
  | 'EditComment'
  | 'VoteRequest';

export interface ParameterDoc {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}

export interface ResponseDoc {
  description: string;
  /** JSON answers name their schema; other media types give their own. */
  schema?: SchemaName;
  mediaType?: string;
}

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As OpenAPI writes it: `{thread}`, not `:thread`. */
  path: string;
  summary: string;
  /** Whether `Authorization: Bearer …` is read: `optional` (guests may omit it) or `required`. */
  auth?: 'optional' | 'required';
  parameters?: ParameterDoc[];
  requestBody?: SchemaName;
  responses: Record<string, ResponseDoc>;
  /** 4xx and 5xx statuses answered with the error object. */
  errors: number[];
}

const thread: ParameterDoc = {
  name: 'thread',
  in: 'path',
  required: true,
  description: 'The thread key, one path segment encoded with encodeURIComponent (`%2F` for `/`).',
  schema: { type: 'string', minLength: 1, maxLength: 512 },
};
const commentId: ParameterDoc = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The comment id (a UUID).',
  schema: { type: 'string' },
};
const since: ParameterDoc = {
  name: 'since',
  in: 'query',
  required: false,
  description: 'An opaque cursor a previous answer returned.',
  schema: { type: 'string', minLength: 1, maxLength: 64 },
};
const json = (description: string, schema: SchemaName): ResponseDoc => ({ description, schema });
const atom = (description: string): ResponseDoc => ({ description, mediaType: 'application/atom+xml' });

export const publicRoutes: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/threads/{thread}/comments',
    summary: "One page of a thread's change feed after `since`.",
    parameters: [
      thread,
      since,
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'The most comments the page may hold, 1–1000 in decimal digits.',
        schema: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
      },
    ],
    responses: {
      200: json('A page of changes.', 'ChangesResponse'),
      304: { description: 'Not modified: `If-None-Match` named the current ETag.' },
    },
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/api/v1/threads/{thread}/comments',
    summary: 'Posts a comment; the client-made id makes a retry safe.',
    auth: 'optional',
    parameters: [thread],
    requestBody: 'NewComment',
    responses: {
      201: json('The comment was stored (published or held).', 'PostedComment'),
      200: json('A retry of a stored comment: the comment as it is now.', 'PostedComment'),
    },
    errors: [400, 401, 403, 409, 413, 415, 422, 429],
  },
  {
    method: 'get',
    path: '/api/v1/threads/{thread}/comments/mine',
    summary: "The ids of a signed-in (SSO) reader's comments and upvotes in the thread.",
    auth: 'required',
    parameters: [thread],
    responses: { 200: json('Their ids, newest first.', 'MineResponse') },
    errors: [400, 401, 403],
  },
  {
    method: 'patch',
    path: '/api/v1/threads/{thread}/comments/{id}',
    summary: "Edits a comment's body (its author or an admin).",
    auth: 'required',
    parameters: [thread, commentId],
    requestBody: 'EditComment',
    responses: {
      200: json('The comment as it now is.', 'Comment'),
      202: json('The edit waits for a moderator: the public comment plus `pendingEdit`.', 'Comment'),
    },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: 'delete',
    path: '/api/v1/threads/{thread}/comments/{id}',
    summary: 'Turns a comment into a tombstone (its author or an admin).',
    auth: 'required',
    parameters: [thread, commentId],
    responses: { 200: json('The tombstone.', 'Comment') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/threads/{thread}/events',
    summary:
      'Server-sent events saying when the thread changed: `hello` (HelloEvent), `change` (ChangeEvent), `heartbeat` (empty data).',
    parameters: [
      thread,
      since,
      {
        name: 'Last-Event-ID',
        in: 'header',
        required: false,
        description: 'The last `change` id EventSource saw; wins over `since`.',
        schema: { type: 'string' },
      },
    ],
    responses: { 200: { description: 'The event stream.', mediaType: 'text/event-stream' } },
    errors: [400, 403, 429],
  },
  {
    method: 'get',
    path: '/api/v1/challenge',
    summary: 'A proof-of-work challenge for a guest post.',
    responses: {
      200: json('An ALTCHA v1 challenge.', 'ChallengeResponse'),
      204: { description: 'The site asks for no proof of work.' },
    },
    errors: [403],
  },
  {
    method: 'get',
    path: '/api/v1/counts',
    summary: 'Published comments in each of up to 100 threads.',
    parameters: [
      {
        name: 'threads',
        in: 'query',
        required: true,
        description: 'Comma-separated thread keys, each encoded with encodeURIComponent.',
        schema: { type: 'string' },
      },
    ],
    responses: {
      200: json('A count for every thread asked.', 'CountsResponse'),
      304: { description: 'Not modified.' },
    },
    errors: [400, 403],
  },
  {
    method: 'put',
    path: '/api/v1/comments/{id}/vote',
    summary: "Records or takes back the reader's upvote.",
    auth: 'optional',
    parameters: [commentId],
    requestBody: 'VoteRequest',
    responses: { 200: json('The comment with its new count, and the vote now.', 'VoteResponse') },
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
  },
  {
    method: 'get',
    path: '/api/v1/threads/{thread}/feed.atom',
    summary: "An Atom feed of the thread's latest published comments.",
    parameters: [thread],
    responses: { 200: atom('The feed.'), 304: { description: 'Not modified.' } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/api/v1/feed.atom',
    summary: "An Atom feed of the site's latest published comments.",
    responses: { 200: atom('The feed.'), 304: { description: 'Not modified.' } },
    errors: [403],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document.',
    responses: {
      200: { description: 'The OpenAPI 3.1 document of the public protocol.', mediaType: 'application/json' },
      304: { description: 'Not modified.' },
    },
    errors: [403],
  },
];
