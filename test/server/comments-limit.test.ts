import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { ChangesResponseSchema, limits, type ChangesResponse } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';

const thread = '/posts/limit';
const seeded = 7;

/** The feed URL with `limit` (and `since` when given). */
function limitedUrl(limit: string, since?: string): string {
  const url = commentsUrl(thread, since);
  return `${url}${url.includes('?') ? '&' : '?'}limit=${encodeURIComponent(limit)}`;
}

for (const backend of apiBackends) {
  describe(`GET …/comments?limit= over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    // A page size of 2 stands for the reference server's 200: a limit asks for more at once.
    let request: (url: string, init?: RequestInit) => Promise<Response>;

    beforeEach(async () => {
      const app = api.makeApp({ pageSize: 2, pageMaxSize: 5 });
      request = async (url, init) => app.request(url, init);
      for (let i = 0; i < seeded; i++) {
        const response = await api.post(thread, { id: randomUUID(), authorName: 'L', body: `#${i}` });
        assert.equal(response.status, 201);
      }
    });

    async function readPage(url: string): Promise<ChangesResponse> {
      const response = await request(url);
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json());
    }

    const bodies = (page: ChangesResponse) => page.comments.map((comment) => comment.body);

    it('answers up to `limit` comments, more than the server’s own page size', async () => {
      const page = await readPage(limitedUrl('4'));
      assert.deepEqual(bodies(page), ['#0', '#1', '#2', '#3']);
      assert.equal(page.more, true);
      const rest = await readPage(limitedUrl('4', page.cursor));
      assert.deepEqual(bodies(rest), ['#4', '#5', '#6']);
      assert.equal(rest.more, false);
    });

    it('answers fewer than the server’s page size when `limit` is smaller', async () => {
      const page = await readPage(limitedUrl('1'));
      assert.deepEqual(bodies(page), ['#0']);
      assert.equal(page.more, true);
    });

    it('cuts a limit above the server’s pageMaxSize down to it', async () => {
      const page = await readPage(limitedUrl(String(limits.pageMaxComments)));
      assert.deepEqual(bodies(page), ['#0', '#1', '#2', '#3', '#4']);
      assert.equal(page.more, true);
    });

    it('without `limit` pages by the server’s page size, as before', async () => {
      const page = await readPage(commentsUrl(thread));
      assert.deepEqual(bodies(page), ['#0', '#1']);
    });

    it('tags a page by what it holds: a 304 for the same page, a 200 for a shorter one', async () => {
      const { cursor } = await readPage(limitedUrl('2'));
      const full = await request(limitedUrl('5', cursor));
      const etag = full.headers.get('etag');
      assert.ok(etag);
      const same = await request(limitedUrl('5', cursor), { headers: { 'If-None-Match': etag } });
      assert.equal(same.status, 304);
      const shorter = await request(limitedUrl('4', cursor), { headers: { 'If-None-Match': etag } });
      assert.equal(shorter.status, 200);
      assert.equal(ChangesResponseSchema.parse(await shorter.json()).comments.length, 4);
    });

    for (const limit of [
      '0',
      '-1',
      '1.5',
      'ten',
      '',
      '007',
      ' 5',
      String(limits.pageMaxComments + 1),
      '1e3',
    ]) {
      it(`limit ${JSON.stringify(limit)} → 400 validation_failed, field limit`, async () => {
        await assertError(await request(limitedUrl(limit)), 400, 'validation_failed', 'limit');
        await assertError(await request(limitedUrl(limit, '1')), 400, 'validation_failed', 'limit');
      });
    }
  });
}

describe('pageMaxSize config', () => {
  it('defaults to the protocol’s page maximum and refuses values outside 1 to it, naming the field', async () => {
    const store = createMemoryStore();
    for (const pageMaxSize of [0, -1, 1.5, limits.pageMaxComments + 1]) {
      assert.throws(() => createApp(store, { pageMaxSize }), /pageMaxSize/);
    }
    const app = createApp(store);
    const response = await app.request(limitedUrl(String(limits.pageMaxComments)));
    assert.equal(response.status, 200);
  });
});
