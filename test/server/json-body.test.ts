import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../../server/src/http/api-error.js';
import { jsonBody, queryParams } from '../../server/src/middleware/request-validators.js';
import { assertError, jsonPost } from './helpers/http.js';

/** True when `T` is `any`: a value of it would type-check anywhere, so the test would prove nothing. */
type IsAny<T> = 0 extends 1 & T ? true : false;

const NoteSchema = z.strictObject({
  title: z.string().min(1),
  tags: z.array(z.string()).default([]),
  meta: z.strictObject({ pinned: z.boolean() }).optional(),
});
const ListQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^[0-9]+$/)
    .transform(Number),
});

/** A tiny app with one route per validator; `runs` counts the handlers that ran. */
function createNoteApp() {
  const runs = { json: 0, query: 0 };
  const app = new Hono();
  app.post('/notes', jsonBody(NoteSchema, { maxBytes: 64 }), (c) => {
    runs.json += 1;
    const note = c.req.valid('json');
    const isAny: IsAny<typeof note> = false;
    const typed: { title: string; tags: string[] } = note;
    return c.json({ title: typed.title, tags: typed.tags, isAny }, 201);
  });
  app.get('/notes', queryParams(ListQuerySchema, { decodable: true }), (c) => {
    runs.query += 1;
    const { limit } = c.req.valid('query');
    const isNumber: number = limit;
    return c.json({ limit: isNumber }, 200);
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toResponseBody(), error.status);
    throw error;
  });
  return { app, runs };
}

describe('jsonBody(schema, { maxBytes }): route middleware for JSON bodies', () => {
  it('hands the parsed, typed value (defaults applied) to the handler', async () => {
    const { app, runs } = createNoteApp();
    const response = await app.request('/notes', jsonPost({ title: 'Hi' }));
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { title: 'Hi', tags: [], isAny: false });
    assert.equal(runs.json, 1);
  });

  it('takes application/json with parameters', async () => {
    const { app } = createNoteApp();
    const response = await app.request(
      '/notes',
      jsonPost({ title: 'Hi' }, { 'Content-Type': 'Application/JSON; charset=utf-8' }),
    );
    assert.equal(response.status, 201);
  });

  const failures: [name: string, init: RequestInit, status: number, code: string, field?: string][] = [
    [
      'another content type',
      jsonPost({ title: 'Hi' }, { 'Content-Type': 'text/plain' }),
      415,
      'unsupported_media_type',
    ],
    [
      'a +json content type',
      jsonPost({ title: 'Hi' }, { 'Content-Type': 'application/merge-patch+json' }),
      415,
      'unsupported_media_type',
    ],
    ['no content type', { method: 'POST', body: '{"title":"Hi"}' }, 415, 'unsupported_media_type'],
    ['a body over maxBytes', jsonPost({ title: 'x'.repeat(64) }), 413, 'payload_too_large'],
    ['malformed JSON', jsonPost('{"title":'), 400, 'invalid_json'],
    [
      'bytes that are not UTF-8',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: new Uint8Array([0x22, 0xff, 0x22]),
      },
      400,
      'invalid_json',
    ],
    ['JSON that is not an object', jsonPost('["Hi"]'), 400, 'validation_failed'],
    ['a field the schema refuses', jsonPost({ title: '' }), 400, 'validation_failed', 'title'],
    ['a missing field', jsonPost({ tags: [] }), 400, 'validation_failed', 'title'],
    [
      'a nested field the schema refuses',
      jsonPost({ title: 'Hi', meta: { pinned: 1 } }),
      400,
      'validation_failed',
      'meta.pinned',
    ],
    ['an unknown key', jsonPost({ title: 'Hi', colour: 'red' }), 400, 'validation_failed', 'colour'],
    [
      'an unknown nested key',
      jsonPost({ title: 'Hi', meta: { pinned: true, x: 1 } }),
      400,
      'validation_failed',
      'meta.x',
    ],
  ];
  for (const [name, init, status, code, field] of failures) {
    it(`answers ${status} ${code} to ${name}, without running the handler`, async () => {
      const { app, runs } = createNoteApp();
      await assertError(await app.request('/notes', init), status, code, field);
      assert.equal(runs.json, 0);
    });
  }
});

describe('queryParams(schema): route middleware for query strings', () => {
  it('hands the parsed, typed value to the handler', async () => {
    const { app, runs } = createNoteApp();
    const response = await app.request('/notes?limit=20&other=x');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { limit: 20 });
    assert.equal(runs.query, 1);
  });

  it('answers 400 validation_failed naming the parameter, without running the handler', async () => {
    const { app, runs } = createNoteApp();
    await assertError(await app.request('/notes?limit=many'), 400, 'validation_failed', 'limit');
    await assertError(await app.request('/notes'), 400, 'validation_failed', 'limit');
    assert.equal(runs.query, 0);
  });

  it('with decodable, refuses a parameter that is not valid percent-encoding first', async () => {
    const { app, runs } = createNoteApp();
    const response = await app.request('/notes?limit=%E0%A4%A');
    const text = await response.clone().text();
    await assertError(response, 400, 'validation_failed', 'limit');
    assert.match(text, /percent-encoding/);
    assert.equal(runs.query, 0);
  });
});
