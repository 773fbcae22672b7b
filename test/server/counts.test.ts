import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommentStatus, CountsResponseSchema } from '../../src/protocol/index.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import { apiBackends, startMs, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { lenientDemoSite, makeAuthor, makeNewComment } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';
import { bearer, makeGuestToken } from './helpers/identity.js';

/** The counts URL for `threads`, each key encoded as `<hearth-count>` encodes it. */
function countsUrl(threads: readonly string[]): string {
  return `/api/v1/counts?threads=${threads.map(encodeURIComponent).join(',')}`;
}

const other = SiteConfigSchema.parse({
  ...lenientDemoSite,
  id: 'other',
  origins: ['https://other.example'],
});

for (const backend of apiBackends) {
  describe(`GET /api/v1/counts over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    const app = () => api.makeApp({ sites: [lenientDemoSite, other] });

    async function readCounts(
      threads: readonly string[],
      headers: Record<string, string> = {},
    ): Promise<Record<string, number>> {
      const response = await app().request(countsUrl(threads), { headers });
      const text = await response.text();
      assert.equal(response.status, 200, text);
      return CountsResponseSchema.parse(JSON.parse(text)).counts;
    }

    it('counts published comments per thread, keys with commas and slashes included', async () => {
      const client = makeClient(app());
      const commaKey = '/posts/a,b';
      const slashKey = '/posts/deep/path?x=1&y=2';
      for (let i = 0; i < 3; i += 1) await client.postOk(commaKey, makeNewComment({ body: `c${i}` }));
      await client.postOk(slashKey, makeNewComment({ body: 'slash' }));
      assert.deepEqual(await readCounts([commaKey, slashKey, '/posts/none']), {
        [commaKey]: 3,
        [slashKey]: 1,
        '/posts/none': 0,
      });
    });

    it('leaves held and deleted comments and other sites out', async () => {
      const thread = '/posts/mixed';
      const client = makeClient(app());
      await client.postOk(thread, makeNewComment({ body: 'one' }));
      const token = makeGuestToken();
      const doomed = await client.postOk(thread, makeNewComment({ body: 'two' }), bearer(token));
      assert.equal((await client.delete(thread, doomed.id, bearer(token))).status, 200);
      for (const [site, body, status] of [
        [lenientDemoSite.id, 'held', CommentStatus.held],
        [other.id, 'elsewhere', CommentStatus.published],
      ] as const) {
        const input = makeNewComment({ body });
        await api.store.insertComment({ site, thread, input, author: makeAuthor(), status, nowMs: startMs });
      }
      assert.deepEqual(await readCounts([thread]), { [thread]: 1 });
      assert.deepEqual(await readCounts([thread], { Origin: 'https://other.example' }), { [thread]: 1 });
    });

    it('is cacheable: ETag, Cache-Control, Vary: Origin, and 304 on a match', async () => {
      const response = await app().request(countsUrl(['/posts/cache']));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=30, stale-while-revalidate=300');
      assert.match(response.headers.get('vary') ?? '', /Origin/);
      const etag = response.headers.get('etag');
      assert.ok(etag);
      const again = await app().request(countsUrl(['/posts/cache']), { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      await makeClient(app()).postOk('/posts/cache', makeNewComment());
      const changed = await app().request(countsUrl(['/posts/cache']), {
        headers: { 'If-None-Match': etag },
      });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
    });

    it('answers CORS for a site origin', async () => {
      const response = await app().request(countsUrl(['/x']), {
        headers: { Origin: 'https://other.example' },
      });
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://other.example');
    });

    it('takes 100 threads, refuses 101, none, and invalid keys with 400 validation_failed', async () => {
      const hundred = Array.from({ length: 100 }, (_, i) => `/t/${i}`);
      assert.equal(Object.keys(await readCounts(hundred)).length, 100);
      const cases = [
        countsUrl([...hundred, '/t/100']),
        '/api/v1/counts',
        '/api/v1/counts?threads=',
        `/api/v1/counts?threads=${encodeURIComponent('x'.repeat(513))}`,
        '/api/v1/counts?threads=%2E%2E',
        '/api/v1/counts?threads=a%00b',
        '/api/v1/counts?threads=%E0%A4%A',
        '/api/v1/counts?threads=a,,b',
      ];
      for (const url of cases) {
        await assertError(await app().request(url), 400, 'validation_failed', 'threads');
      }
    });

    it('answers each repeated key once', async () => {
      assert.deepEqual(await readCounts(['/same', '/same']), { '/same': 0 });
    });

    it('refuses other methods with 405', async () => {
      await assertError(
        await app().request(countsUrl(['/x']), { method: 'POST' }),
        405,
        'method_not_allowed',
      );
    });
  });
}
