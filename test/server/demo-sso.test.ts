import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createApp } from '../../server/src/app.js';
import { demoSsoTokenPath, demoUserId } from '../../server/src/routes/demo-sso.js';
import { demoSite, type SiteConfig } from '../../server/src/site-config.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { makeClient } from './helpers/app-client.js';
import { makeNewComment } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';
import { bearer, ssoSecret } from './helpers/identity.js';

const startMs = Date.UTC(2025, 5, 1, 12, 0, 0);
// The built-in demo site as main.ts serves it without a config file: real defaults, plus SSO.
const demoSsoSite: SiteConfig = {
  ...demoSite,
  sso: { secret: ssoSecret, holdNewUsers: false, emailsVerified: true },
};

describe('the demo sign-in (POST /demo/sso-token)', () => {
  let clockMs = startMs;
  let app: ReturnType<typeof createApp>;

  beforeEach(() => {
    clockMs = startMs;
    app = createApp(createMemoryStore(), { sites: [demoSsoSite], demoSso: true, now: () => clockMs });
  });

  const signIn = (body: unknown, headers: Record<string, string> = {}) =>
    app.request(demoSsoTokenPath, jsonPost(body, headers));

  async function tokenFor(name: string, headers: Record<string, string> = {}): Promise<string> {
    const response = await signIn({ name }, headers);
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const { token } = JSON.parse(text) as { token: unknown };
    assert.equal(typeof token, 'string');
    return token as string;
  }

  it('signs an HS256 token for the demo site, living 10 minutes, with a stable id per name', async () => {
    const response = await signIn({ name: '  Ada Example  ' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const { token } = (await response.json()) as { token: string };

    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    assert.equal(claims.name, 'Ada Example');
    assert.equal(claims.aud, 'demo');
    assert.equal(claims.iat, startMs / 1000);
    assert.equal(claims.exp, startMs / 1000 + 10 * 60);
    assert.match(claims.sub ?? '', /^demo-[0-9a-f]{16}$/);
    assert.equal(claims.sub, demoUserId('Ada Example'));
    assert.equal(decodeJwt(await tokenFor('Ada Example')).sub, claims.sub, 'same name, same user');
    assert.notEqual(decodeJwt(await tokenFor('Grace Example')).sub, claims.sub);
  });

  it('issues a token the public API accepts: the post is published as the verified user', async () => {
    const token = await tokenFor('Ada Example', { Origin: 'http://localhost' });
    const client = makeClient(app);
    const input = makeNewComment({ authorName: 'Someone Else', body: 'Signed in on the demo.' });
    const posted = await client.postOk('/posts/sso-demo', input, {
      ...bearer(token),
      Origin: 'http://localhost:8787',
    });
    assert.equal(posted.authorName, 'Ada Example');
    assert.equal(posted.verified, true);
    assert.equal(posted.status, 'published');
    assert.deepEqual((await client.list('/posts/sso-demo')).comments, [posted]);
  });

  it('issues tokens that expire after 10 minutes', async () => {
    const token = await tokenFor('Ada Example');
    clockMs += 10 * 60 * 1000;
    const client = makeClient(app);
    await assertError(await client.post('/late', makeNewComment(), bearer(token)), 401, 'sso_token_expired');
  });

  it('refuses a name the comment form would refuse, with 400 validation_failed and field name', async () => {
    for (const body of [
      {},
      { name: '' },
      { name: '   ' },
      { name: 42 },
      { name: 'Ada\nExample' },
      { name: 'n'.repeat(81) },
    ]) {
      await assertError(await signIn(body), 400, 'validation_failed', 'name');
    }
    await assertError(await signIn({ name: 'Ada', sub: 'admin' }), 400, 'validation_failed', 'sub');
  });

  it('refuses a body that is not a small JSON object', async () => {
    await assertError(await signIn('not json'), 400, 'invalid_json');
    await assertError(await signIn(['Ada']), 400, 'validation_failed');
    await assertError(await signIn({ name: 'Ada', padding: 'x'.repeat(2000) }), 413, 'payload_too_large');
    const asForm = await app.request(demoSsoTokenPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada',
    });
    await assertError(asForm, 415, 'unsupported_media_type');
  });

  it('answers only its own origin, and never with CORS headers', async () => {
    const foreign: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      // A listed site's origin is still another origin: the sign-in is this server's page only.
      { Origin: 'http://localhost:3000' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of foreign) {
      const response = await signIn({ name: 'Mallory' }, headers);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      await assertError(response, 403, 'origin_not_allowed');
    }
    await tokenFor('Ada', { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' });

    const preflight = await app.request(demoSsoTokenPath, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    await assertError(preflight, 405, 'method_not_allowed');
    await assertError(await app.request(demoSsoTokenPath), 405, 'method_not_allowed');
  });

  it('is absent (404) unless demoSso is on', async () => {
    const plain = createApp(createMemoryStore(), { sites: [demoSsoSite] });
    await assertError(await plain.request(demoSsoTokenPath, jsonPost({ name: 'Ada' })), 404, 'not_found');
  });

  it('refuses to start without an SSO secret on the first site', () => {
    assert.throws(() => createApp(createMemoryStore(), { demoSso: true }), RangeError);
  });
});
