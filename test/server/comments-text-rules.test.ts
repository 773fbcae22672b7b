import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CommentSchema, limits } from '../../src/protocol/index.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { commentsUrl, makeNewComment } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';
import { bearer, makeGuestToken } from './helpers/identity.js';

/** One astral character: two UTF-16 code units, one code point. */
const astral = '😀';
// Surrogates without their pair; JSON.stringify writes them as \uXXXX escapes, as a client would.
const illFormed = ['\ud83d', '\ude00', 'a\ude00\ud83db', `${astral}\ud83d`];
const thread = '/text-rules';

for (const backend of apiBackends) {
  describe(`text rules over ${backend.name}: exactly once for every string, lengths in UTF-16 units`, () => {
    const api = useApiHarness(backend);

    async function assertNothingStored(threadKey = thread): Promise<void> {
      assert.deepEqual((await api.list(threadKey)).comments, []);
    }

    for (const [field, makeValue] of [
      ['body', (text: string) => `Broken ${text} body`],
      ['authorName', (text: string) => `Ada ${text}`],
      ['email', (text: string) => `ada${text}@example.org`],
    ] as const) {
      it(`refuses ill-formed UTF-16 in ${field} with 400 validation_failed, storing nothing`, async () => {
        for (const [index, text] of illFormed.entries()) {
          const post = makeNewComment({ body: `Post ${index}`, [field]: makeValue(text) });
          await assertError(await api.post(thread, post), 400, 'validation_failed', field);
          assert.equal(await api.store.getComment(post.id), null);
          // The id stays free: the same post, made well-formed, is a new comment.
          const fixed = { ...post, [field]: makeValue(String(index)) };
          assert.equal((await api.post(thread, fixed)).status, 201, JSON.stringify(text));
        }
        assert.equal((await api.list(thread)).comments.length, illFormed.length);
      });
    }

    it('answers the identical retry of a post with astral characters and bidi marks 200, unchanged', async () => {
      const post = makeNewComment({
        authorName: `Ada ${astral}`,
        body: `${astral} \u2067שלום\u2069 \u202eend`,
        email: `ada${astral}@example.org`,
      });
      const first = await api.post(thread, post);
      assert.equal(first.status, 201);
      const stored = CommentSchema.parse(await first.json());
      assert.equal(stored.body, post.body);
      assert.equal(stored.authorName, post.authorName);
      const retry = await api.post(thread, post);
      assert.equal(retry.status, 200);
      assert.deepEqual(CommentSchema.parse(await retry.json()), stored);
    });

    it('refuses an edit with ill-formed UTF-16 and keeps the comment as it was', async () => {
      const token = makeGuestToken();
      const client = makeClient(api.app);
      const comment = await client.postOk(thread, makeNewComment({ body: 'Original' }), bearer(token));
      const response = await client.patch(thread, comment.id, { body: 'Edited \ud83d' }, bearer(token));
      await assertError(response, 400, 'validation_failed', 'body');
      assert.deepEqual((await api.list(thread)).comments, [comment]);
    });

    it(`counts a body's ${limits.bodyMaxChars.toLocaleString('en')} characters in UTF-16 units`, async () => {
      const longest = astral.repeat(limits.bodyMaxChars / 2);
      assert.equal((await api.post(thread, makeNewComment({ body: longest }))).status, 201);
      const over = makeNewComment({ body: `${longest}x` });
      await assertError(await api.post(thread, over), 400, 'validation_failed', 'body');
      // Half the limit in code points, but twice it in units: zod's own count would take it.
      const double = makeNewComment({ body: astral.repeat(limits.bodyMaxChars) });
      await assertError(await api.post(thread, double), 400, 'validation_failed', 'body');
      assert.equal((await api.list(thread)).comments.length, 1);
    });

    it(`counts a name's ${limits.authorNameMaxChars} characters in UTF-16 units`, async () => {
      const longest = astral.repeat(limits.authorNameMaxChars / 2);
      assert.equal((await api.post(thread, makeNewComment({ authorName: longest }))).status, 201);
      for (const authorName of [`${longest}x`, astral.repeat(limits.authorNameMaxChars)]) {
        const post = makeNewComment({ authorName });
        await assertError(await api.post(thread, post), 400, 'validation_failed', 'authorName');
      }
      assert.equal((await api.list(thread)).comments.length, 1);
    });

    it(`counts an email's ${limits.emailMaxChars} characters in UTF-16 units`, async () => {
      const domain = '@example.org';
      const local = astral.repeat((limits.emailMaxChars - domain.length) / 2);
      assert.equal((await api.post(thread, makeNewComment({ email: `${local}${domain}` }))).status, 201);
      const over = makeNewComment({ email: `${local}x${domain}` });
      await assertError(await api.post(thread, over), 400, 'validation_failed', 'email');
    });

    it(`counts a thread key's ${limits.threadMaxChars} characters in UTF-16 units`, async () => {
      const longest = astral.repeat(limits.threadMaxChars / 2);
      assert.equal((await api.post(longest, makeNewComment())).status, 201);
      for (const key of [`${longest}x`, astral.repeat(limits.threadMaxChars - 1) + 'x']) {
        await assertError(await api.post(key, makeNewComment()), 400, 'invalid_thread', 'thread');
        await assertError(await api.app.request(commentsUrl(key)), 400, 'invalid_thread', 'thread');
      }
    });

    const notOneLine: Array<[string, string]> = [
      ['a C1 control (U+0085, next line)', '\u0085'],
      ['a C1 control (U+009B, CSI)', '\u009b'],
      ['a left-to-right embedding (U+202A)', '\u202a'],
      ['a right-to-left override (U+202E)', '\u202e'],
      ['a left-to-right isolate (U+2066)', '\u2066'],
      ['a pop directional isolate (U+2069)', '\u2069'],
      ['a byte order mark (U+FEFF)', '\ufeff'],
    ];
    for (const [what, character] of notOneLine) {
      it(`refuses a name with ${what}`, async () => {
        const post = makeNewComment({ authorName: `Ada${character}Lovelace` });
        await assertError(await api.post(thread, post), 400, 'validation_failed', 'authorName');
        await assertNothingStored();
      });
    }

    it('takes a name with left-to-right and right-to-left marks, which cannot spill past it', async () => {
      const post = { id: randomUUID(), authorName: 'עדה\u200e Lovelace\u200f', body: 'Hi' };
      assert.equal((await api.post(thread, post)).status, 201);
    });
  });
}
