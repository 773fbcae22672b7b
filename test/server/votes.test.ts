import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CommentStatus, VoteResponseSchema, type VoteResponse } from '../../src/protocol/index.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import { apiBackends, startMs, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { lenientDemoSite, makeAuthor, makeNewComment } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';
import { bearer, makeGuestToken, makeSite, signSsoToken, ssoSecret } from './helpers/identity.js';

const other = SiteConfigSchema.parse({ ...lenientDemoSite, id: 'other', origins: ['https://other.example'] });
const site = makeSite({ sso: { secret: ssoSecret } });

function voteUrl(id: string): string {
  return `/api/v1/comments/${encodeURIComponent(id)}/vote`;
}

for (const backend of apiBackends) {
  describe(`PUT /api/v1/comments/{id}/vote over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    const app = () => api.makeApp({ sites: [site, other] });
    const client = () => makeClient(app());

    function put(id: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
      return Promise.resolve(
        app().request(voteUrl(id), {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
    }

    async function voteOk(
      id: string,
      body: unknown,
      headers: Record<string, string> = {},
    ): Promise<VoteResponse> {
      const response = await put(id, body, headers);
      const text = await response.text();
      assert.equal(response.status, 200, text);
      return VoteResponseSchema.parse(JSON.parse(text));
    }

    it('counts a guest upvote once through retries; the feed carries the count with a new seq', async () => {
      const comment = await client().postOk('/votes/guest', makeNewComment());
      const voter = randomUUID();
      const first = await voteOk(comment.id, { up: true, voter });
      assert.equal(first.up, true);
      assert.equal(first.comment.votes, 1);
      assert.ok(first.comment.seq > comment.seq);
      assert.equal(first.comment.updatedAt, comment.updatedAt);
      const retry = await voteOk(comment.id, { up: true, voter });
      assert.deepEqual(retry, first);
      const feed = await client().list('/votes/guest');
      assert.deepEqual(feed.comments, [first.comment]);
      assert.equal(feed.cursor, String(first.comment.seq));
    });

    it('stores only a digest of the voter id', async () => {
      const comment = await client().postOk('/votes/digest', makeNewComment());
      const voter = randomUUID();
      await voteOk(comment.id, { up: true, voter });
      // A second voter id is a second vote; the first voter's retraction removes only theirs.
      assert.equal((await voteOk(comment.id, { up: true, voter: randomUUID() })).comment.votes, 2);
      const taken = await voteOk(comment.id, { up: false, voter });
      assert.equal(taken.comment.votes, 1);
      assert.equal(taken.up, false);
      const again = await voteOk(comment.id, { up: false, voter });
      assert.equal(again.comment.seq, taken.comment.seq, 'a repeated retraction takes no seq');
    });

    it('votes as the SSO user on any device, whatever voter id is sent', async () => {
      const comment = await client().postOk('/votes/sso', makeNewComment());
      const token = await signSsoToken(api.clockMs, { claims: { sub: 'reader-7', name: 'Reader' } });
      assert.equal(
        (await voteOk(comment.id, { up: true, voter: randomUUID() }, bearer(token))).comment.votes,
        1,
      );
      const otherDevice = await voteOk(comment.id, { up: true }, bearer(token));
      assert.equal(otherDevice.comment.votes, 1);
      assert.equal(
        (await voteOk(comment.id, { up: false, voter: randomUUID() }, bearer(token))).comment.votes,
        0,
      );
    });

    it('publishes a change only when the vote changed something', async () => {
      const published: Array<{ site: string; thread: string; seq: number }> = [];
      const notifier = {
        publish: (change: { site: string; thread: string; seq: number }) => void published.push(change),
        subscribe: () => () => undefined,
        close: async () => undefined,
      };
      const { createApp } = await import('../../server/src/app.js');
      const live = createApp(api.store, { now: () => api.clockMs, sites: [site] }, { changes: notifier });
      const comment = await client().postOk('/votes/live', makeNewComment());
      const voter = randomUUID();
      const request = () =>
        live.request(voteUrl(comment.id), {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ up: true, voter }),
        });
      const first = VoteResponseSchema.parse(await (await request()).json());
      await request();
      assert.deepEqual(published, [{ site: site.id, thread: '/votes/live', seq: first.comment.seq }]);
    });

    it("answers 404 for an unknown id and for another site's comment", async () => {
      await assertError(await put(randomUUID(), { up: true, voter: randomUUID() }), 404, 'not_found');
      await assertError(await put('not-a-uuid', { up: true, voter: randomUUID() }), 404, 'not_found');
      await assertError(await put('a\u0000b', { up: true, voter: randomUUID() }), 404, 'not_found');
      const elsewhere = await makeClient(app()).postOk('/votes/site', makeNewComment(), {
        Origin: 'https://other.example',
      });
      await assertError(await put(elsewhere.id, { up: true, voter: randomUUID() }), 404, 'not_found');
      assert.equal((await api.store.getComment(elsewhere.id))?.comment.votes ?? 0, 0);
    });

    it('answers 409 comment_not_votable for held and deleted comments, changing nothing', async () => {
      const held = await api.store.insertComment({
        site: site.id,
        thread: '/votes/held',
        input: makeNewComment(),
        author: makeAuthor(),
        status: CommentStatus.held,
        nowMs: startMs,
      });
      assert.equal(held.kind, 'created');
      if (held.kind !== 'created') return;
      await assertError(
        await put(held.comment.id, { up: true, voter: randomUUID() }),
        409,
        'comment_not_votable',
      );
      const token = makeGuestToken();
      const doomed = await client().postOk('/votes/deleted', makeNewComment(), bearer(token));
      const deleted = await client().delete('/votes/deleted', doomed.id, bearer(token));
      const tombstone = await deleted.json();
      await assertError(await put(doomed.id, { up: true, voter: randomUUID() }), 409, 'comment_not_votable');
      assert.deepEqual((await api.store.getComment(doomed.id))?.comment, tombstone);
    });

    it('answers 400 for a bad body and 415 for another content type, changing nothing', async () => {
      const comment = await client().postOk('/votes/bad', makeNewComment());
      await assertError(await put(comment.id, { up: true }), 400, 'validation_failed', 'voter');
      await assertError(
        await put(comment.id, { up: 'yes', voter: randomUUID() }),
        400,
        'validation_failed',
        'up',
      );
      await assertError(await put(comment.id, { voter: randomUUID() }), 400, 'validation_failed', 'up');
      await assertError(await put(comment.id, { up: true, voter: 'me' }), 400, 'validation_failed', 'voter');
      await assertError(await put(comment.id, '{"up":'), 400, 'invalid_json');
      await assertError(await put(comment.id, '[]'), 400, 'validation_failed');
      await assertError(
        await put(comment.id, { up: true, voter: randomUUID() }, { 'Content-Type': 'text/plain' }),
        415,
        'unsupported_media_type',
      );
      await assertError(
        await put(comment.id, { up: true, voter: randomUUID() }, bearer('not-a-token')),
        401,
        'auth_required',
      );
      assert.deepEqual((await api.store.getComment(comment.id))?.comment, comment);
    });

    it('limits one network to 120 votes a minute across processes, with 429 and Retry-After, others unaffected', async () => {
      const comment = await client().postOk('/votes/limit', makeNewComment());
      // Two apps over one store, as two processes over one database.
      const [limited, sibling] = [1, 2].map(() =>
        api.makeApp({ sites: [site], trustProxy: true, secret: 'vote-limit-secret-0123456789abcdef' }),
      );
      const vote = (ip: string, up: boolean, through = limited!) =>
        through.request(voteUrl(comment.id), {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
          body: JSON.stringify({ up, voter: '5f1d2c9e-8a7b-4c3d-9e0f-1a2b3c4d5e6f' }),
        });
      for (let i = 0; i < 120; i += 1) {
        assert.equal((await vote('203.0.113.7', i % 2 === 0, i < 60 ? limited : sibling)).status, 200);
      }
      const refused = await vote('203.0.113.7', true);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      await assertError(refused, 429, 'rate_limited');
      assert.equal((await vote('198.51.100.9', true)).status, 200);
    });

    it('counts one anonymous upvote per network per comment a day: 60 voter ids from one network count once', async () => {
      const comment = await client().postOk('/votes/network', makeNewComment());
      const second = await client().postOk('/votes/network', makeNewComment());
      const networkApp = api.makeApp({
        sites: [site],
        trustProxy: true,
        secret: 'vote-network-secret-0123456789abcdef',
      });
      const vote = (id: string, ip: string, body: object, headers: Record<string, string> = {}) =>
        networkApp.request(voteUrl(id), {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, ...headers },
          body: JSON.stringify(body),
        });
      const firstVoter = randomUUID();
      assert.equal((await vote(comment.id, '203.0.113.7', { up: true, voter: firstVoter })).status, 200);
      for (let i = 0; i < 59; i += 1) {
        const refused = await vote(comment.id, '203.0.113.7', { up: true, voter: randomUUID() });
        await assertError(refused, 409, 'vote_limit_reached');
      }
      assert.equal((await api.store.getComment(comment.id))?.comment.votes, 1);
      // The voter that counted may repeat or take back its vote; another network, another
      // comment and a signed-in reader on the same network all count.
      assert.equal((await vote(comment.id, '203.0.113.7', { up: true, voter: firstVoter })).status, 200);
      assert.equal((await vote(comment.id, '198.51.100.9', { up: true, voter: randomUUID() })).status, 200);
      assert.equal((await vote(second.id, '203.0.113.7', { up: true, voter: randomUUID() })).status, 200);
      const token = await signSsoToken(api.clockMs, { claims: { sub: 'reader-9', name: 'Nine' } });
      assert.equal((await vote(comment.id, '203.0.113.7', { up: true }, bearer(token))).status, 200);
      assert.equal((await api.store.getComment(comment.id))?.comment.votes, 3);
      // The next day the network's hash is another: one more anonymous vote counts.
      api.clockMs = startMs + 24 * 60 * 60 * 1000;
      assert.equal((await vote(comment.id, '203.0.113.7', { up: true, voter: randomUUID() })).status, 200);
      assert.equal((await api.store.getComment(comment.id))?.comment.votes, 4);
    });

    it('refuses votes in a locked thread with 403 thread_locked, changing nothing', async () => {
      const comment = await client().postOk('/votes/locked', makeNewComment());
      const voter = randomUUID();
      await voteOk(comment.id, { up: true, voter });
      await api.store.setThreadLocked('demo', '/votes/locked', true);
      await assertError(await put(comment.id, { up: true, voter: randomUUID() }), 403, 'thread_locked');
      await assertError(await put(comment.id, { up: false, voter }), 403, 'thread_locked');
      assert.equal((await api.store.getComment(comment.id))?.comment.votes, 1);
      await api.store.setThreadLocked('demo', '/votes/locked', false);
      assert.equal((await voteOk(comment.id, { up: true, voter: randomUUID() })).comment.votes, 2);
    });

    it('refuses other methods with 405, and lists PUT in the CORS preflight', async () => {
      const comment = await client().postOk('/votes/methods', makeNewComment());
      await assertError(
        await app().request(voteUrl(comment.id), { method: 'POST' }),
        405,
        'method_not_allowed',
      );
      const preflight = await app().request(voteUrl(comment.id), {
        method: 'OPTIONS',
        headers: { Origin: 'https://other.example', 'Access-Control-Request-Method': 'PUT' },
      });
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bPUT\b/);
    });
  });
}
