import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { CommentSchema, limits, type ChangesResponse } from '../../src/protocol/index.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';

const thread = '/bad-input';
const valid = () => ({ id: randomUUID(), authorName: 'Valid', body: 'Valid body' });

type Case = [name: string, makeBody: () => unknown, status: number, code: string, field: string | undefined];

const bodyCases: Case[] = [
  ['empty body', () => ({ ...valid(), body: '' }), 400, 'validation_failed', 'body'],
  ['whitespace body', () => ({ ...valid(), body: ' \n\t \r\n ' }), 400, 'validation_failed', 'body'],
  [
    'over-long body',
    () => ({ ...valid(), body: 'x'.repeat(limits.bodyMaxChars + 1) }),
    400,
    'validation_failed',
    'body',
  ],
  [
    'body with control characters',
    () => ({ ...valid(), body: 'bell\u0007' }),
    400,
    'validation_failed',
    'body',
  ],
  ['empty name', () => ({ ...valid(), authorName: '' }), 400, 'validation_failed', 'authorName'],
  ['whitespace name', () => ({ ...valid(), authorName: '   ' }), 400, 'validation_failed', 'authorName'],
  [
    'over-long name',
    () => ({ ...valid(), authorName: 'n'.repeat(limits.authorNameMaxChars + 1) }),
    400,
    'validation_failed',
    'authorName',
  ],
  [
    'name with a newline',
    () => ({ ...valid(), authorName: 'Ada\nLovelace' }),
    400,
    'validation_failed',
    'authorName',
  ],
  [
    'name with U+2028',
    () => ({ ...valid(), authorName: 'Ada\u2028Lovelace' }),
    400,
    'validation_failed',
    'authorName',
  ],
  ['numeric name', () => ({ ...valid(), authorName: 42 }), 400, 'validation_failed', 'authorName'],
  // PostgreSQL cannot store NUL: a clear 400 on every store, never a 500 on one of them.
  ['body with NUL', () => ({ ...valid(), body: 'a\u0000b' }), 400, 'validation_failed', 'body'],
  ['name with NUL', () => ({ ...valid(), authorName: 'Ada\u0000' }), 400, 'validation_failed', 'authorName'],
  [
    'email with NUL',
    () => ({ ...valid(), email: 'ada\u0000@example.org' }),
    400,
    'validation_failed',
    'email',
  ],
  ['email with a tab', () => ({ ...valid(), email: 'ada\t@example.org' }), 400, 'validation_failed', 'email'],
  ['object body', () => ({ ...valid(), body: { text: 'hi' } }), 400, 'validation_failed', 'body'],
  ['numeric id', () => ({ ...valid(), id: 7 }), 400, 'validation_failed', 'id'],
  ['numeric parentId', () => ({ ...valid(), parentId: 7 }), 400, 'validation_failed', 'parentId'],
  ['missing id', () => ({ authorName: 'A', body: 'B' }), 400, 'validation_failed', 'id'],
  ['missing name', () => ({ id: randomUUID(), body: 'B' }), 400, 'validation_failed', 'authorName'],
  ['missing body', () => ({ id: randomUUID(), authorName: 'A' }), 400, 'validation_failed', 'body'],
  ['non-UUID id', () => ({ ...valid(), id: 'comment-1' }), 400, 'validation_failed', 'id'],
  ['non-UUID parentId', () => ({ ...valid(), parentId: 'parent-1' }), 400, 'validation_failed', 'parentId'],
  ['unknown parent', () => ({ ...valid(), parentId: randomUUID() }), 422, 'unknown_parent', 'parentId'],
  ['malformed JSON', () => '{"id": "abc", ', 400, 'invalid_json', undefined],
  ['empty request body', () => '', 400, 'invalid_json', undefined],
  ['JSON array', () => '[]', 400, 'validation_failed', undefined],
  ['JSON string', () => '"hello"', 400, 'validation_failed', undefined],
  ['JSON null', () => 'null', 400, 'validation_failed', undefined],
  ['JSON number', () => '42', 400, 'validation_failed', undefined],
];

const badCursors = [
  'abc',
  '-1',
  '01',
  '1.5',
  '1e3',
  ' 1',
  '',
  '0x10',
  '99999999999999999',
  '9007199254740992',
];

for (const backend of apiBackends) {
  describe(`comments API over ${backend.name} refuses bad input and changes nothing`, () => {
    const api = useApiHarness(backend);
    let parentId: string;
    let snapshot: ChangesResponse;

    beforeEach(async () => {
      const response = await api.post(thread, { id: randomUUID(), authorName: 'Seed', body: 'Seed' });
      parentId = CommentSchema.parse(await response.json()).id;
      snapshot = await api.list(thread);
    });

    async function assertUnchanged(): Promise<void> {
      assert.deepEqual(await api.list(thread), snapshot);
    }

    for (const [name, makeBody, status, code, field] of bodyCases) {
      it(`${name} → ${status} ${code}${field ? ` (${field})` : ''}`, async () => {
        await assertError(await api.post(thread, makeBody()), status, code, field);
        await assertUnchanged();
      });
    }

    it('checks the body before any token: bad input with a bad token → 400, not 401', async () => {
      for (const authorization of ['Bearer not-a-token', 'Bearer a.b.c']) {
        await assertError(
          await api.post(thread, { ...valid(), body: '' }, { Authorization: authorization }),
          400,
          'validation_failed',
          'body',
        );
      }
      await assertUnchanged();
    });

    it('a parent from another thread → 422 unknown_parent', async () => {
      await assertError(
        await api.post('/other-thread', { ...valid(), parentId }),
        422,
        'unknown_parent',
        'parentId',
      );
      assert.deepEqual((await api.list('/other-thread')).comments, []);
    });

    it('invalid UTF-8 → 400 invalid_json', async () => {
      const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
      const response = await api.app.request(commentsUrl(thread), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: bytes,
      });
      await assertError(response, 400, 'invalid_json');
      await assertUnchanged();
    });

    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/jsonp',
      undefined,
    ]) {
      it(`Content-Type ${contentType ?? '(none)'} → 415 unsupported_media_type`, async () => {
        const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
        const body = new TextEncoder().encode(JSON.stringify(valid()));
        const response = await api.app.request(commentsUrl(thread), { method: 'POST', headers, body });
        await assertError(response, 415, 'unsupported_media_type');
        await assertUnchanged();
      });
    }

    const hugeJson = () => JSON.stringify({ ...valid(), body: 'x'.repeat(limits.requestMaxBytes) });

    it('a body over 64 KiB with Content-Length → 413 payload_too_large', async () => {
      await assertError(await api.post(thread, hugeJson()), 413, 'payload_too_large');
      await assertUnchanged();
    });

    it('an endless chunked body without Content-Length → 413 payload_too_large', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(8192));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // Never ends: the server must stop reading on its own.
          sent += chunk.byteLength;
          controller.enqueue(sent === chunk.byteLength ? new TextEncoder().encode('{"body":"') : chunk);
        },
      });
      const init = {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      };
      const request = new Request(`http://localhost${commentsUrl(thread)}`, init as RequestInit);
      assert.equal(request.headers.get('content-length'), null);
      await assertError(await api.app.request(request), 413, 'payload_too_large');
      assert.ok(sent < limits.requestMaxBytes * 2, `read ${sent} bytes before refusing`);
      await assertUnchanged();
    });

    it('a body larger than its declared Content-Length → 413 payload_too_large', async () => {
      const response = await api.app.request(
        commentsUrl(thread),
        jsonPost(hugeJson(), { 'Content-Length': '100' }),
      );
      await assertError(response, 413, 'payload_too_large');
      await assertUnchanged();
    });

    it('an over-long thread key → 400 invalid_thread on POST and GET', async () => {
      const longThread = 't'.repeat(limits.threadMaxChars + 1);
      await assertError(await api.post(longThread, valid()), 400, 'invalid_thread', 'thread');
      await assertError(await api.app.request(commentsUrl(longThread)), 400, 'invalid_thread', 'thread');
      assert.deepEqual((await api.list('t'.repeat(limits.threadMaxChars))).comments, []);
      await assertUnchanged();
    });

    it('a thread key with U+0000 → 400 invalid_thread on POST and GET (PostgreSQL cannot store it)', async () => {
      await assertError(await api.post('a\u0000b', valid()), 400, 'invalid_thread', 'thread');
      await assertError(await api.app.request(commentsUrl('a\u0000b')), 400, 'invalid_thread', 'thread');
      await assertUnchanged();
    });

    it('an undecodable percent-encoding in the thread → 400 invalid_thread on every thread route', async () => {
      const id = randomUUID();
      for (const encoded of ['%E0%A4%A', '%FF', 'a%', '%ED%A0%80']) {
        const base = `/api/v1/threads/${encoded}`;
        for (const [url, init] of [
          [`${base}/comments`, {}],
          [`${base}/comments`, jsonPost(valid())],
          [`${base}/comments/mine`, {}],
          [`${base}/events`, {}],
          [`${base}/comments/${id}`, { ...jsonPost({ body: 'Edited' }), method: 'PATCH' }],
          [`${base}/comments/${id}`, { method: 'DELETE' }],
        ] as const) {
          const response = await api.app.request(url, init);
          await assertError(response, 400, 'invalid_thread', 'thread');
        }
      }
      await assertUnchanged();
    });

    for (const since of badCursors) {
      it(`cursor ${JSON.stringify(since)} → 400 invalid_cursor`, async () => {
        await assertError(await api.app.request(commentsUrl(thread, since)), 400, 'invalid_cursor', 'since');
      });
    }

    it('accepts the largest safe cursor and echoes it', async () => {
      const since = String(Number.MAX_SAFE_INTEGER);
      assert.deepEqual(await api.list(thread, since), {
        comments: [],
        cursor: since,
        more: false,
        locked: false,
      });
    });
  });
}
