import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { CommentSchema } from '../../src/protocol/index.js';
import { readClientIp } from '../../server/src/http/client-ip.js';
import { createOriginRefusalLog } from '../../server/src/log/origin-refusals.js';
import { findSiteByOrigin, matchesOrigin, SiteConfigSchema } from '../../server/src/site-config.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl, commentUrl, testAdmin } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';

/** A site with the abuse defences off, so posts in these tests are judged on their site alone. */
function makeSite(id: string, origins: string[]) {
  return SiteConfigSchema.parse({
    id,
    origins,
    proofOfWork: { enabled: false },
    limits: { minComposeSeconds: 0, postsPerMinutePerIp: 1000, postsPerMinutePerThread: 1000 },
  });
}

const alpha = makeSite('alpha', ['https://alpha.example', 'http://localhost:*']);
// An exact origin beats alpha's wildcard, whichever site comes first.
const beta = makeSite('beta', ['https://beta.example', 'http://localhost:3000']);
const sites = [alpha, beta];
const foreign = 'https://evil.example';
const thread = '/posts/shared-key';

describe('origin patterns', () => {
  it('matches exact origins and :* ports, case-insensitively, with default ports folded', () => {
    const yes: [string, string][] = [
      ['https://blog.example', 'https://blog.example'],
      ['https://blog.example', 'HTTPS://BLOG.EXAMPLE'],
      ['https://blog.example:443', 'https://blog.example'],
      ['http://blog.example:80', 'http://blog.example'],
      ['http://localhost:*', 'http://localhost:5173'],
      ['http://localhost:*', 'http://localhost'],
      ['http://[::1]:*', 'http://[::1]:8080'],
      ['https://blog.example:8443', 'https://blog.example:8443'],
    ];
    const no: [string, string][] = [
      ['https://blog.example', 'http://blog.example'],
      ['https://blog.example', 'https://blog.example:8443'],
      ['https://blog.example', 'https://sub.blog.example'],
      ['https://blog.example', 'https://blog.example.evil.example'],
      ['http://localhost:*', 'http://localhost.evil.example'],
      ['http://localhost:*', 'http://localhost.evil.example:80'],
      ['http://localhost:*', 'http://localhost:80x'],
      ['http://localhost:*', 'https://localhost:5173'],
      ['http://localhost:*', 'null'],
    ];
    for (const [pattern, origin] of yes) assert.ok(matchesOrigin(pattern, origin), `${pattern} ~ ${origin}`);
    for (const [pattern, origin] of no) assert.ok(!matchesOrigin(pattern, origin), `${pattern} !~ ${origin}`);
  });

  it('prefers a site listing the exact origin over one with a matching :* pattern', () => {
    assert.equal(findSiteByOrigin(sites, 'http://localhost:3000')?.id, 'beta');
    assert.equal(findSiteByOrigin([beta, alpha], 'http://localhost:3000')?.id, 'beta');
    assert.equal(findSiteByOrigin(sites, 'http://localhost:3001')?.id, 'alpha');
    assert.equal(findSiteByOrigin(sites, 'https://beta.example')?.id, 'beta');
    assert.equal(findSiteByOrigin(sites, foreign), undefined);
  });
});

for (const backend of apiBackends) {
  describe(`sites by Origin (${backend.name})`, () => {
    const harness = useApiHarness(backend);
    const request = (url: string, init: RequestInit = {}) =>
      harness.makeApp({ sites, admins: [testAdmin] }).request(url, init);
    const post = (origin: string | null, body: unknown) =>
      request(commentsUrl(thread), jsonPost(body, origin === null ? {} : { Origin: origin }));
    const list = async (origin: string | null) => {
      const response = await request(
        commentsUrl(thread),
        origin === null ? {} : { headers: { Origin: origin } },
      );
      assert.equal(response.status, 200);
      return ((await response.json()) as { comments: { id: string }[] }).comments.map((c) => c.id);
    };

    it('keeps one thread key on two sites as two threads', async () => {
      const onAlpha = randomUUID();
      const onBeta = randomUUID();
      assert.equal(
        (await post('https://alpha.example', { id: onAlpha, authorName: 'A', body: 'alpha' })).status,
        201,
      );
      assert.equal(
        (await post('http://localhost:3000', { id: onBeta, authorName: 'B', body: 'beta' })).status,
        201,
      );

      assert.deepEqual(await list('https://alpha.example'), [onAlpha]);
      assert.deepEqual(await list('http://localhost:4000'), [onAlpha], 'alpha by its :* pattern');
      assert.deepEqual(await list('https://beta.example'), [onBeta]);
      assert.deepEqual(await list('http://localhost:3000'), [onBeta]);
      assert.equal((await harness.store.getComment(onAlpha))?.site, 'alpha');
      assert.equal((await harness.store.getComment(onBeta))?.site, 'beta');
    });

    it('serves the first site to a request without Origin', async () => {
      const id = randomUUID();
      assert.equal((await post(null, { id, authorName: 'C', body: 'no origin' })).status, 201);
      assert.equal((await harness.store.getComment(id))?.site, 'alpha');
      assert.ok((await list(null)).includes(id));
      assert.ok(!(await list('https://beta.example')).includes(id));
    });

    it('refuses an origin no site lists with 403 origin_not_allowed and stores nothing', async () => {
      const before = await harness.store.queryComments({ limit: 1000 });
      const id = randomUUID();
      const posted = await post(foreign, { id, authorName: 'E', body: 'from afar' });
      const text = await posted.clone().text();
      await assertError(posted, 403, 'origin_not_allowed');
      assert.match(text, /https:\/\/evil\.example/);
      assert.equal(await harness.store.getComment(id), null);

      await assertError(
        await request(commentsUrl(thread), { headers: { Origin: foreign } }),
        403,
        'origin_not_allowed',
      );
      await assertError(
        await request(commentsUrl(thread), { headers: { Origin: 'null' } }),
        403,
        'origin_not_allowed',
      );
      const head = await request(commentsUrl(thread), { method: 'HEAD', headers: { Origin: foreign } });
      assert.equal(head.status, 403);
      await assertError(
        await request('/api/v1/challenge', { headers: { Origin: foreign } }),
        403,
        'origin_not_allowed',
      );
      // Not even a 404 tells a foreign page what exists.
      await assertError(
        await request('/api/v1/nothing', { headers: { Origin: foreign } }),
        403,
        'origin_not_allowed',
      );
      assert.deepEqual(await harness.store.queryComments({ limit: 1000 }), before);
    });

    it('refuses edits and deletes from a foreign origin, leaving the comment as it was', async () => {
      const id = randomUUID();
      const created = await post('https://alpha.example', { id, authorName: 'F', body: 'original' });
      assert.equal(created.status, 201);
      const stored = CommentSchema.parse(await created.json());
      const headers = {
        Origin: foreign,
        'Content-Type': 'application/json',
        Authorization: `Bearer ${testAdmin.token}`,
      };
      for (const method of ['PATCH', 'DELETE']) {
        const response = await request(commentUrl(thread, id), {
          method,
          headers,
          ...(method === 'PATCH' ? { body: JSON.stringify({ body: 'defaced' }) } : {}),
        });
        await assertError(response, 403, 'origin_not_allowed');
      }
      assert.deepEqual((await harness.store.getComment(id))?.comment, stored);
    });
  });
}

describe('CORS per site', () => {
  const harness = useApiHarness(apiBackends[0]!);
  const request = (url: string, init: RequestInit = {}) =>
    harness.makeApp({ sites, admins: [testAdmin] }).request(url, init);

  it('echoes an allowed Origin, never *, with Vary: Origin and the exposed headers', async () => {
    for (const origin of ['https://alpha.example', 'http://localhost:3000', 'https://beta.example']) {
      const response = await request(commentsUrl(thread), { headers: { Origin: origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
      assert.equal(response.headers.get('access-control-expose-headers'), 'ETag, Retry-After');
      assert.equal(response.headers.get('access-control-allow-credentials'), null);

      const etag = response.headers.get('etag');
      assert.ok(etag);
      const cached = await request(commentsUrl(thread), {
        headers: { Origin: origin, 'If-None-Match': etag },
      });
      assert.equal(cached.status, 304);
      assert.equal(cached.headers.get('access-control-allow-origin'), origin);
      assert.match(cached.headers.get('vary') ?? '', /\bOrigin\b/);
    }
  });

  it('keeps the CORS headers on errors from an allowed origin', async () => {
    const headers = { Origin: 'https://alpha.example' };
    const bad = await request(commentsUrl(thread, 'bad-cursor'), { headers });
    assert.equal(bad.headers.get('access-control-allow-origin'), 'https://alpha.example');
    await assertError(bad, 400, 'invalid_cursor', 'since');
    const missing = await request('/api/v1/nothing', { headers });
    assert.equal(missing.headers.get('access-control-allow-origin'), 'https://alpha.example');
    await assertError(missing, 404, 'not_found');
  });

  it('sends Vary: Origin but no Allow-Origin without an Origin', async () => {
    const same = await request(commentsUrl(thread));
    assert.equal(same.status, 200);
    assert.match(same.headers.get('vary') ?? '', /\bOrigin\b/);
    assert.equal(same.headers.get('access-control-allow-origin'), null);
  });

  it('lets a foreign origin read its 403 origin_not_allowed, and nothing else', async () => {
    const inits: RequestInit[] = [
      { headers: { Origin: foreign } },
      {
        method: 'POST',
        headers: { Origin: foreign, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), authorName: 'E', body: 'from afar' }),
      },
    ];
    for (const init of inits) {
      const refused = await request(commentsUrl(thread), init);
      assert.equal(refused.headers.get('access-control-allow-origin'), foreign);
      assert.match(refused.headers.get('vary') ?? '', /\bOrigin\b/);
      assert.equal(refused.headers.get('access-control-expose-headers'), null);
      assert.equal(refused.headers.get('access-control-allow-credentials'), null);
      assert.equal(refused.headers.get('etag'), null);
      const body = (await refused.clone().json()) as { error: { message: string } };
      assert.match(body.error.message, /sites\[\]\.origins/);
      await assertError(refused, 403, 'origin_not_allowed');
    }
  });

  it('allows a preflight for PATCH with Authorization from a site origin', async () => {
    const response = await request(commentUrl(thread, randomUUID()), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://beta.example',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://beta.example');
    const methods = response.headers.get('access-control-allow-methods')?.split(/,\s*/);
    assert.deepEqual(methods, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
    const allowed = response.headers.get('access-control-allow-headers')?.split(/,\s*/);
    assert.deepEqual(allowed, ['Content-Type', 'Authorization', 'If-None-Match', 'Last-Event-ID']);
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('lets the preflight of a foreign origin through, so its POST reaches the readable 403', async () => {
    const response = await request(commentsUrl(thread), {
      method: 'OPTIONS',
      headers: {
        Origin: foreign,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), foreign);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /\bContent-Type\b/);
    assert.equal(response.headers.get('access-control-expose-headers'), null);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
  });

  it('answers a preflight without an Origin with no CORS headers', async () => {
    const response = await request(commentsUrl(thread), { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    for (const name of ['access-control-allow-origin', 'access-control-allow-methods']) {
      assert.equal(response.headers.get(name), null, name);
    }
  });

  it('never sends CORS headers on the admin API, even to a site origin', async () => {
    for (const origin of ['https://alpha.example', foreign]) {
      const preflight = await request('/api/v1/admin/comments', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      const get = await request('/api/v1/admin/me', {
        headers: { Origin: origin, Authorization: `Bearer ${testAdmin.token}` },
      });
      const bare = await request('/api/v1/admin', { headers: { Origin: origin } });
      for (const response of [preflight, get, bare]) {
        for (const name of [
          'access-control-allow-origin',
          'access-control-allow-methods',
          'access-control-allow-headers',
          'access-control-expose-headers',
        ]) {
          assert.equal(response.headers.get(name), null, `${origin} ${response.url} ${name}`);
        }
        assert.doesNotMatch(
          await response.text(),
          /origin_not_allowed/,
          'admin routes take the site explicitly',
        );
      }
    }
  });

  it('treats only /api/v1/admin and below as the admin API', async () => {
    const lookalike = await request('/api/v1/administrator', {
      headers: { Origin: 'https://alpha.example' },
    });
    assert.equal(lookalike.headers.get('access-control-allow-origin'), 'https://alpha.example');
    await assertError(lookalike, 404, 'not_found');
    await assertError(
      await request('/api/v1/administrator', { headers: { Origin: foreign } }),
      403,
      'origin_not_allowed',
    );
  });
});

describe('readClientIp', () => {
  const probe = (trustProxy: boolean) =>
    new Hono().get('/ip', (c) => c.json({ ip: readClientIp(c, trustProxy) }));
  const ipOf = async (app: Hono, headers: Record<string, string> = {}, base = '') => {
    const response =
      base === '' ? await app.request('/ip', { headers }) : await fetch(`${base}/ip`, { headers });
    return ((await response.json()) as { ip: string | null }).ip;
  };

  it('is null in process without trustProxy, whatever X-Forwarded-For says', async () => {
    assert.equal(await ipOf(probe(false)), null);
    assert.equal(await ipOf(probe(false), { 'X-Forwarded-For': '203.0.113.9' }), null);
  });

  it('takes the right-most valid X-Forwarded-For entry with trustProxy', async () => {
    const app = probe(true);
    const cases: [string, string | null][] = [
      ['203.0.113.9', '203.0.113.9'],
      // A client may send its own X-Forwarded-For; our proxy appends the real address.
      ['198.51.100.1, 203.0.113.9', '203.0.113.9'],
      ['1.1.1.1,203.0.113.10', '203.0.113.10'],
      ['203.0.113.9:5678', '203.0.113.9'],
      ['[2001:DB8:0::1]:443', '2001:db8::1'],
      ['2001:db8::1', '2001:db8::1'],
      ['::ffff:203.0.113.9', '203.0.113.9'],
      // Garbage from the proxy is not trusted, nor is anything to its left.
      ['203.0.113.9, unknown', null],
      ['', null],
    ];
    for (const [header, expected] of cases) {
      assert.equal(await ipOf(app, { 'X-Forwarded-For': header }), expected, header);
    }
    assert.equal(await ipOf(app), null);
  });

  describe('over a real @hono/node-server listener', () => {
    let server: ReturnType<typeof serve>;
    let trusting: ReturnType<typeof serve>;
    let base = '';
    let trustingBase = '';
    const listen = (app: Hono, assign: (url: string) => void) =>
      new Promise<ReturnType<typeof serve>>((resolve) => {
        const listener = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
          assign(`http://127.0.0.1:${info.port}`);
          resolve(listener);
        });
      });

    before(async () => {
      server = await listen(probe(false), (url) => (base = url));
      trusting = await listen(probe(true), (url) => (trustingBase = url));
    });
    after(async () => {
      await Promise.all([server, trusting].map((s) => new Promise((resolve) => s.close(resolve))));
    });

    it('uses the TCP peer, ignoring X-Forwarded-For, without trustProxy', async () => {
      assert.equal(await ipOf(probe(false), {}, base), '127.0.0.1');
      assert.equal(await ipOf(probe(false), { 'X-Forwarded-For': '203.0.113.9' }, base), '127.0.0.1');
    });

    it('uses X-Forwarded-For with trustProxy, and the peer when it has no valid last entry', async () => {
      assert.equal(
        await ipOf(probe(true), { 'X-Forwarded-For': '10.1.1.1, 203.0.113.9' }, trustingBase),
        '203.0.113.9',
      );
      assert.equal(await ipOf(probe(true), { 'X-Forwarded-For': 'unknown' }, trustingBase), '127.0.0.1');
      assert.equal(await ipOf(probe(true), {}, trustingBase), '127.0.0.1');
    });
  });
});

describe('client address of a stored comment', () => {
  const harness = useApiHarness(apiBackends[0]!);
  const postFrom = async (trustProxy: boolean, forwardedFor: string) => {
    const id = randomUUID();
    const app = harness.makeApp({ sites, trustProxy, secret: 'test-secret-0123456789abcdefghijklmn' });
    const response = await app.request(
      commentsUrl('/posts/ip'),
      jsonPost(
        { id, authorName: 'I', body: `from ${forwardedFor} ${id}` },
        { 'X-Forwarded-For': forwardedFor },
      ),
    );
    assert.equal(response.status, 201);
    return (await harness.store.getComment(id))?.author.ipHash;
  };

  it('hashes the proxy-reported address with trustProxy and ignores the header without it', async () => {
    const first = await postFrom(true, '198.51.100.1, 203.0.113.9');
    const spoofedLeft = await postFrom(true, '192.0.2.77, 203.0.113.9');
    const other = await postFrom(true, '198.51.100.1, 203.0.113.10');
    assert.ok(first);
    assert.equal(spoofedLeft, first, 'a client-chosen left entry does not change the address');
    assert.notEqual(other, first);
    assert.doesNotMatch(first, /203\.0\.113/);
    assert.equal(await postFrom(false, '203.0.113.9'), null, 'in process, without trustProxy: unknown');
  });
});

describe('refused origins in the server log', () => {
  const harness = useApiHarness(apiBackends[0]!);

  it('logs one line per refused origin per 10 minutes, naming the origin and sites[].origins', async () => {
    const lines: string[] = [];
    const app = harness.makeApp({ sites, logWarn: (line) => lines.push(line) });
    const get = (origin: string) => app.request(commentsUrl(thread), { headers: { Origin: origin } });
    const read = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    for (let i = 0; i < 3; i++) assert.equal((await get(foreign)).status, 403);
    assert.equal((await get('https://alpha.example')).status, 200, 'an allowed origin logs nothing');
    assert.equal(lines.length, 1);
    const [first] = read();
    assert.equal(first!.level, 'warn');
    assert.equal(first!.event, 'origin_not_allowed');
    assert.equal(first!.origin, foreign);
    assert.equal(first!.path, commentsUrl(thread).split('?')[0]);
    assert.match(String(first!.msg), /sites\[\]\.origins/);

    await get('https://other.example');
    assert.deepEqual(
      read().map((line) => line.origin),
      [foreign, 'https://other.example'],
    );

    harness.clockMs += 10 * 60_000 - 1;
    await get(foreign);
    assert.equal(lines.length, 2, 'not again within 10 minutes');
    harness.clockMs += 1;
    await get(foreign);
    assert.equal(lines.length, 3, 'again once 10 minutes passed');
  });

  it('remembers a bounded number of origins, logging at most that many a window', async () => {
    const lines: string[] = [];
    const log = createOriginRefusalLog({
      now: () => harness.clockMs,
      log: (line) => lines.push(line),
      maxOrigins: 3,
    });
    for (let i = 0; i < 10; i++) log(`https://spray-${i}.example`, '/api/v1/x');
    assert.equal(lines.length, 3, 'a flood of made-up origins is cut at the bound');
    harness.clockMs += 10 * 60_000;
    log('https://new.example', '/api/v1/x');
    assert.equal(lines.length, 4, 'once the window passed, a new origin replaces the oldest');
    log('https://spray-1.example', '/api/v1/x');
    log('https://spray-2.example', '/api/v1/x');
    assert.equal(lines.length, 6);
    log(`https://${'x'.repeat(500)}.example`, '/api/v1/x');
    assert.equal(lines.length, 6, 'full of origins logged within the window');
  });
});
