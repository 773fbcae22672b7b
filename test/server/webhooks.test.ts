import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { WebhookDeliveryListSchema, type WebhookDelivery } from '../../src/protocol/admin.js';
import { CommentSchema, type Comment } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import { resolveConfig } from '../../server/src/config.js';
import { createHearthJobs, hasEventListeners, type HearthJobs } from '../../server/src/jobs/hearth-jobs.js';
import {
  configIssueMessage,
  describeConfigError,
  HearthConfigSchema,
  type SiteConfig,
} from '../../server/src/site-config.js';
import type { WebhookBody } from '../../server/src/webhooks/webhook-body.js';
import { signWebhook } from '../../server/src/webhooks/webhook-signature.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl, commentUrl, makeNewComment, makeTempDir, testAdmin } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';
import { bearer, makeGuestToken, makeSite } from './helpers/identity.js';
import { repoRoot } from './helpers/server-process.js';
import {
  startWebhookReceiver,
  verifyStandardWebhook,
  type ReceivedWebhook,
  type WebhookReceiver,
} from './helpers/webhook-receiver.js';

const pageUrl = 'http://localhost:8080/posts/hello';
const thread = '/posts/hello';
const authorEmail = 'ada.private@example.org';

/** A secret as the docs say to make one: `whsec_` and 32 random bytes in base64. */
const makeSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const bodyOf = (delivery: ReceivedWebhook) => JSON.parse(delivery.body) as WebhookBody;

describe('Webhook signatures', () => {
  it('match the Standard Webhooks test vector', () => {
    assert.equal(
      signWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it("fail the test's own check when the body, id, timestamp or secret differ (negative control)", () => {
    const secret = makeSecret();
    const body = '{"type":"comment.created"}';
    const headers = {
      'webhook-id': 'webhook:1',
      'webhook-timestamp': '1748779200',
      'webhook-signature': signWebhook(secret, 'webhook:1', 1748779200, body),
    };
    assert.equal(verifyStandardWebhook(secret, headers, body), true);
    assert.equal(verifyStandardWebhook(secret, headers, body.replace('created', 'deleted')), false);
    assert.equal(verifyStandardWebhook(secret, { ...headers, 'webhook-id': 'webhook:2' }, body), false);
    assert.equal(
      verifyStandardWebhook(secret, { ...headers, 'webhook-timestamp': '1748779201' }, body),
      false,
    );
    assert.equal(verifyStandardWebhook(makeSecret(), headers, body), false);
  });

  it("pass the docs' Node.js check, which refuses a tampered body and an old timestamp", async () => {
    const verify = await loadDocsVerifier();
    const secret = makeSecret();
    const body = '{"type":"comment.created","data":{"comment":{"body":"Hi"}}}';
    const signed = (id: string, timestampSeconds: number) => ({
      'webhook-id': id,
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': signWebhook(secret, id, timestampSeconds, body),
    });
    // The snippet reads the real clock, as a receiver's would.
    const nowSeconds = Math.floor(Date.now() / 1000);
    assert.equal(verify(secret, signed('webhook:1', nowSeconds), body), true);
    assert.equal(verify(secret, signed('webhook:1', nowSeconds), body.replace('Hi', 'Ho')), false);
    assert.equal(verify(makeSecret(), signed('webhook:1', nowSeconds), body), false);
    assert.equal(verify(secret, signed('webhook:1', nowSeconds - 600), body), false);
  });
});

/** The signature check docs/self-hosting.md gives receivers, loaded as written there. */
async function loadDocsVerifier(): Promise<
  (secret: string, headers: Record<string, string>, body: string) => boolean
> {
  const docs = await readFile(path.join(repoRoot, 'docs/self-hosting.md'), 'utf8');
  const snippet = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(docs)?.[1];
  assert.ok(snippet, 'no verification snippet in docs/self-hosting.md');
  const temp = await makeTempDir();
  try {
    const file = path.join(temp.dir, 'verify.mjs');
    await writeFile(file, snippet);
    const module = (await import(pathToFileURL(file).href)) as {
      verifyHearthWebhook: (secret: string, headers: Record<string, string>, body: string) => boolean;
    };
    return module.verifyHearthWebhook;
  } finally {
    await temp.remove();
  }
}

describe('Webhook config', () => {
  const site = (webhooks: unknown) => ({
    sites: [{ id: 'blog', origins: ['https://blog.example'], webhooks }],
  });
  const hook = (fields: Record<string, unknown> = {}) => ({
    url: 'https://hooks.example/hearth',
    events: ['comment.created'],
    secret: makeSecret(),
    ...fields,
  });
  /** The problems `config` has, one line each, as the server prints them. */
  const problems = (config: unknown) => {
    const result = HearthConfigSchema.safeParse(config, { error: configIssueMessage });
    assert.equal(result.success, false, 'expected a refusal');
    return describeConfigError(result.error!).split('\n');
  };
  const howTo = 'make one with echo "whsec_$(openssl rand -base64 32)"';

  it('takes http(s) urls, the five events, and whsec_ secrets of 24 to 64 bytes', () => {
    const events = [
      'comment.created',
      'comment.held',
      'comment.approved',
      'comment.edited',
      'comment.deleted',
    ];
    const hooks = [
      hook({ events }),
      hook({ url: 'http://127.0.0.1:9000/a?b=c', secret: `whsec_${randomBytes(24).toString('base64')}` }),
      // The Standard Webhooks libraries' own example: unpadded base64.
      hook({ url: 'https://other.example', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
      hook({ url: 'https://big.example', secret: `whsec_${randomBytes(64).toString('base64')}` }),
    ];
    const config = HearthConfigSchema.parse(site(hooks));
    assert.deepEqual(config.sites[0]!.webhooks, hooks);
  });

  it('refuses each bad field by name, never echoing a secret', () => {
    const short = `whsec_${randomBytes(23).toString('base64')}`;
    const long = `whsec_${randomBytes(65).toString('base64')}`;
    const cases: Array<[hooks: unknown, line: string]> = [
      [
        [hook({ url: 'ftp://hooks.example' })],
        'sites.0.webhooks.0.url: must be an http:// or https:// address',
      ],
      [[hook({ url: 'https://' })], 'sites.0.webhooks.0.url: must be an http:// or https:// address'],
      [[hook({ events: [] })], 'sites.0.webhooks.0.events: must list at least one event'],
      [
        [hook({ events: ['comment.created', 'comment.voted'] })],
        'sites.0.webhooks.0.events.1: must be one of "comment.created", "comment.held", "comment.approved", "comment.edited", "comment.deleted"',
      ],
      [[hook({ secret: undefined })], 'sites.0.webhooks.0.secret: is required'],
      [
        [hook({ secret: 'whsec_change-me' })],
        `sites.0.webhooks.0.secret: is still the example's placeholder: ${howTo}`,
      ],
      [
        [hook({ secret: short })],
        `sites.0.webhooks.0.secret: must be whsec_ and the base64 of 24 to 64 random bytes: ${howTo}`,
      ],
      [
        [hook({ secret: long })],
        `sites.0.webhooks.0.secret: must be whsec_ and the base64 of 24 to 64 random bytes: ${howTo}`,
      ],
      [
        [hook({ secret: randomBytes(32).toString('base64') })],
        `sites.0.webhooks.0.secret: must be whsec_ and the base64 of 24 to 64 random bytes: ${howTo}`,
      ],
      [
        [hook({ secret: `whsec_${randomBytes(32).toString('hex')}!` })],
        `sites.0.webhooks.0.secret: must be whsec_ and the base64 of 24 to 64 random bytes: ${howTo}`,
      ],
      [[hook({ header: 'x' })], 'sites.0.webhooks.0.header: unknown field'],
      [
        [hook(), hook({ events: ['comment.deleted'] })],
        'sites.0.webhooks.1.url: is already the url of webhooks.0: list its events there',
      ],
      [hook(), 'sites.0.webhooks: must be an array'],
    ];
    for (const [hooks, line] of cases) {
      const lines = problems(site(hooks));
      assert.deepEqual(lines, [line], JSON.stringify(hooks));
    }
    assert.ok(
      !problems(site([hook({ secret: short })]))
        .join('\n')
        .includes(short.slice(6, 20)),
      'no secret shown',
    );
  });

  it('makes a site with webhooks queue its comment events, with email or without', () => {
    const withHooks = makeSite({ webhooks: [hook()] });
    const other = makeSite({ id: 'other' });
    const config = resolveConfig({ sites: [withHooks, other] });
    assert.equal(hasEventListeners(config, 'demo'), true);
    assert.equal(hasEventListeners(config, 'other'), false);
    assert.equal(hasEventListeners(config, 'unknown'), false);
  });
});

// Over the real SQLite file and PostgreSQL (the memory store has its own contract suite).
for (const backend of apiBackends.filter((candidate) => candidate.name !== 'memory')) {
  describe(`Webhooks (over ${backend.name})`, () => {
    const api = useApiHarness(backend);
    let receiver: WebhookReceiver;
    let jobs: HearthJobs;
    let app: ReturnType<typeof createApp>;
    let secret: string;

    before(async () => {
      receiver = await startWebhookReceiver();
    });
    after(async () => {
      await receiver.close();
    });

    /** The site with one webhook at `/all` for `events`, and any others given. */
    function siteWith(events: string[], others: Array<Record<string, unknown>> = []): SiteConfig {
      return makeSite({
        blocklist: ['spamword'],
        webhooks: [{ url: `${receiver.origin}/all`, events, secret }, ...others],
      });
    }

    function start(sites: SiteConfig[]) {
      const config = resolveConfig({
        now: () => api.clockMs,
        sites,
        admins: [testAdmin],
        logWarn: () => undefined,
      });
      jobs = createHearthJobs(api.store, config);
      app = createApp(api.store, config, { jobs: jobs.worker });
    }

    beforeEach(() => {
      receiver.received.length = 0;
      receiver.refuseNext(0, { status: 500 });
      secret = makeSecret();
      receiver.setSecret('/all', secret);
      start([siteWith(['comment.created', 'comment.held', 'comment.approved', 'comment.deleted'])]);
    });
    afterEach(async () => {
      await jobs.close();
    });

    async function post(token: string, fields: Record<string, unknown> = {}): Promise<Comment> {
      const body = makeNewComment({ authorName: 'Ada', email: authorEmail, pageUrl, ...fields });
      const response = await app.request(commentsUrl(thread), jsonPost(body, bearer(token)));
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return CommentSchema.parse(JSON.parse(text));
    }

    const admin = (path: string, method = 'GET') =>
      app.request(`/api/v1/admin${path}`, { method, headers: bearer(testAdmin.token) });

    async function listDeliveries(query = ''): Promise<WebhookDelivery[]> {
      const response = await admin(`/webhooks${query}`);
      assert.equal(response.status, 200);
      return WebhookDeliveryListSchema.parse(await response.json()).deliveries;
    }

    /** The comment as the public feed shows it now. */
    async function feedComment(id: string): Promise<Comment> {
      const { comments } = await api.list(thread);
      const found = comments.find((comment) => comment.id === id);
      assert.ok(found, `no ${id} in the feed`);
      // The parsed body is for the widget's renderer; a webhook gets the text.
      const comment = { ...found };
      delete comment.bodyTree;
      return comment;
    }

    /** Asserts a delivery is signed, typed and shaped right, and carries nothing private. */
    function assertDelivery(delivery: ReceivedWebhook, type: string, comment: Comment): WebhookBody {
      assert.equal(delivery.isVerified, true, 'the receiver checked the signature');
      assert.equal(delivery.status, 204);
      assert.equal(delivery.headers['content-type'], 'application/json');
      assert.match(delivery.headers['user-agent'] ?? '', /^Hearth/);
      assert.equal(delivery.headers['webhook-timestamp'], String(Math.floor(api.clockMs / 1000)));
      const body = bodyOf(delivery);
      assert.equal(body.type, type);
      assert.deepEqual(body.data, { site: 'demo', thread, comment, pageUrl });
      assert.doesNotMatch(delivery.body, /ada\.private|ipHash|tokenHash|"email"|userId|pendingEdit/);
      return body;
    }

    it('sends created, held, approved and deleted, signed, as the feed shows the comment, and nothing private', async () => {
      const token = makeGuestToken();
      const created = await post(token);
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 1);
      const first = assertDelivery(receiver.received[0]!, 'comment.created', await feedComment(created.id));
      assert.equal(first.timestamp, new Date(api.clockMs).toISOString());

      api.clockMs += 1_000;
      const held = await post(makeGuestToken(), { body: 'Buy spamword now', parentId: created.id });
      assert.equal(held.status, 'held');
      await jobs.worker.runDue();
      // A held comment has the fields the feed would show, with its status.
      assertDelivery(receiver.received[1]!, 'comment.held', held);

      api.clockMs += 1_000;
      assert.equal((await admin(`/comments/${held.id}/approve`, 'POST')).status, 200);
      await jobs.worker.runDue();
      // The page it was written on, though approving says none.
      assertDelivery(receiver.received[2]!, 'comment.approved', await feedComment(held.id));

      api.clockMs += 1_000;
      const deleted = await app.request(commentUrl(thread, created.id), {
        method: 'DELETE',
        headers: bearer(token),
      });
      assert.equal(deleted.status, 200);
      await jobs.worker.runDue();
      const tombstone = assertDelivery(
        receiver.received[3]!,
        'comment.deleted',
        await feedComment(created.id),
      );
      assert.equal(tombstone.data.comment.status, 'deleted');
      assert.equal(tombstone.data.comment.body, '');

      const ids = receiver.received.map((delivery) => delivery.headers['webhook-id']);
      assert.equal(new Set(ids).size, 4, 'one id per delivery');
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 4, 'each once');
      const listed = await listDeliveries('?site=demo');
      assert.deepEqual(
        listed.map((delivery) => [delivery.id, delivery.type, delivery.state, delivery.attempts]),
        [
          [ids[3], 'comment.deleted', 'done', 1],
          [ids[2], 'comment.approved', 'done', 1],
          [ids[1], 'comment.held', 'done', 1],
          [ids[0], 'comment.created', 'done', 1],
        ],
      );
      // Compared as text: a base64 secret is not a pattern ('+' at its start is not even a valid one).
      assert.ok(!JSON.stringify(listed).includes(secret.slice(6)), 'the admin list shows no secret');
    });

    it('sends nothing for a pin or an unpin, which are no comment events', async () => {
      const comment = await post(makeGuestToken());
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 1);
      for (const pinned of [true, false]) {
        api.clockMs += 1_000;
        const response = await app.request(
          `/api/v1/admin/comments/${comment.id}/pin`,
          jsonPost({ pinned }, bearer(testAdmin.token)),
        );
        assert.equal(response.status, 200);
        assert.equal((await feedComment(comment.id)).pinned, pinned);
      }
      await jobs.worker.runDue();
      assert.deepEqual(
        receiver.received.map((delivery) => bodyOf(delivery).type),
        ['comment.created'],
      );
    });

    it('sends each webhook only the events it asked for', async () => {
      const deletesSecret = makeSecret();
      receiver.setSecret('/deletes', deletesSecret);
      await jobs.close();
      start([
        siteWith(
          ['comment.created'],
          [{ url: `${receiver.origin}/deletes`, events: ['comment.deleted'], secret: deletesSecret }],
        ),
      ]);
      const token = makeGuestToken();
      const comment = await post(token, { pageUrl: undefined });
      await post(makeGuestToken(), { body: 'Held for spamword' });
      const edited = await app.request(commentUrl(thread, comment.id), {
        ...jsonPost({ body: 'Edited.' }, bearer(token)),
        method: 'PATCH',
      });
      assert.equal(edited.status, 200);
      await app.request(commentUrl(thread, comment.id), { method: 'DELETE', headers: bearer(token) });
      await jobs.worker.runDue();

      assert.deepEqual(
        receiver.received.map((delivery) => [delivery.path, bodyOf(delivery).type, delivery.isVerified]),
        [
          ['/all', 'comment.created', true],
          ['/deletes', 'comment.deleted', true],
        ],
      );
      // Posted without its page, on a site whose threads have no page address: none is made up.
      assert.equal(bodyOf(receiver.received[0]!).data.pageUrl, undefined);
    });

    it('tries a receiver that failed again after a minute, with the same id and a fresh signature', async () => {
      receiver.refuseNext(1, { status: 500, body: 'database\n  is down '.padEnd(5_000, 'x') });
      await post(makeGuestToken());
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0]!.status, 500);
      const [failing] = await listDeliveries();
      assert.equal(failing!.state, 'queued');
      assert.equal(failing!.attempts, 1);
      assert.match(failing!.lastError ?? '', /^WebhookDeliveryError: HTTP 500: database is down x+…$/);
      assert.ok(failing!.lastError!.length <= 230, failing!.lastError!);
      assert.equal(failing!.nextAttemptAt, new Date(api.clockMs + 60_000).toISOString());

      api.clockMs += 59_000;
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 1, 'not before the minute is up');
      api.clockMs += 1_000;
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 2);
      const [first, retry] = receiver.received as [ReceivedWebhook, ReceivedWebhook];
      assert.equal(retry.status, 204);
      assert.equal(retry.isVerified, true);
      assert.equal(retry.headers['webhook-id'], first.headers['webhook-id']);
      assert.equal(retry.body, first.body, 'the same bytes');
      assert.equal(
        Number(retry.headers['webhook-timestamp']) - Number(first.headers['webhook-timestamp']),
        60,
      );
      assert.notEqual(retry.headers['webhook-signature'], first.headers['webhook-signature']);

      const [done] = await listDeliveries('?site=demo');
      assert.deepEqual(
        { state: done!.state, attempts: done!.attempts, nextAttemptAt: done!.nextAttemptAt },
        { state: 'done', attempts: 2, nextAttemptAt: null },
      );
      assert.equal(done!.finishedAt, new Date(api.clockMs).toISOString());
      api.clockMs += 2 * 60 * 60_000;
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 2);
    });

    it('stops for good at 410 Gone, and shows why in the admin list', async () => {
      receiver.refuseNext(5, { status: 410, body: 'This endpoint was removed.' });
      const comment = await post(makeGuestToken());
      await jobs.worker.runDue();
      const [delivery] = await listDeliveries('?site=demo&limit=1');
      assert.deepEqual(
        {
          site: delivery!.site,
          type: delivery!.type,
          url: delivery!.url,
          state: delivery!.state,
          attempts: delivery!.attempts,
          lastError: delivery!.lastError,
          createdAt: delivery!.createdAt,
          finishedAt: delivery!.finishedAt,
          nextAttemptAt: delivery!.nextAttemptAt,
        },
        {
          site: 'demo',
          type: 'comment.created',
          url: `${receiver.origin}/all`,
          state: 'failed',
          attempts: 1,
          lastError: 'PermanentJobError: HTTP 410: This endpoint was removed.',
          createdAt: new Date(api.clockMs).toISOString(),
          finishedAt: new Date(api.clockMs).toISOString(),
          nextAttemptAt: null,
        },
      );
      assert.match(delivery!.id, new RegExp(`^webhook:.*${comment.id}`));
      api.clockMs += 24 * 60 * 60_000;
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 1);
    });

    it('follows no redirect, and retries one like a failure; no answer is a failure too', async () => {
      receiver.refuseNext(1, { status: 301, headers: { location: 'https://elsewhere.example/hook' } });
      await post(makeGuestToken());
      await jobs.worker.runDue();
      const [redirected] = await listDeliveries();
      assert.equal(redirected!.state, 'queued');
      assert.equal(
        redirected!.lastError,
        'WebhookDeliveryError: HTTP 301: a redirect to https://elsewhere.example/hook (not followed)',
      );

      // A port nobody listens on: the receiver went away.
      const gone = await startWebhookReceiver();
      await gone.close();
      await jobs.close();
      start([
        siteWith(['comment.created'], [{ url: `${gone.origin}/x`, events: ['comment.created'], secret }]),
      ]);
      await post(makeGuestToken());
      api.clockMs += 60_000;
      await jobs.worker.runDue();
      const deliveries = await listDeliveries();
      const refused = deliveries.find((each) => each.url.startsWith(gone.origin));
      assert.equal(refused!.state, 'queued');
      assert.match(refused!.lastError ?? '', /^WebhookDeliveryError: fetch failed: .*ECONNREFUSED/);
      const retried = deliveries.find((each) => each.id === redirected!.id);
      assert.equal(retried!.state, 'done', 'the redirected one went through on its retry');
      assert.equal(retried!.attempts, 2);
    });

    it('gives up a queued delivery whose webhook left the config', async () => {
      receiver.refuseNext(1, { status: 503 });
      await post(makeGuestToken());
      await jobs.worker.runDue();
      await jobs.close();
      const otherSecret = makeSecret();
      start([
        siteWith(
          ['comment.deleted'],
          [{ url: `${receiver.origin}/new`, events: ['comment.created'], secret: otherSecret }],
        ),
      ]);
      api.clockMs += 60_000;
      await jobs.worker.runDue();
      assert.equal(receiver.received.length, 1);
      const [delivery] = await listDeliveries();
      assert.equal(delivery!.state, 'failed');
      assert.equal(
        delivery!.lastError,
        "PermanentJobError: the site's webhooks no longer send comment.created to this url",
      );
    });

    it('answers its receiver 401 for a tampered body (negative control)', async () => {
      await post(makeGuestToken());
      await jobs.worker.runDue();
      const [delivery] = receiver.received as [ReceivedWebhook];
      assert.equal(delivery.isVerified, true);
      const headers = Object.fromEntries(
        ['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
          name,
          String(delivery.headers[name]),
        ]),
      );
      const tampered = delivery.body.replace('Hello, hearth.', 'Hello, world.');
      assert.notEqual(tampered, delivery.body);
      const response = await fetch(`${receiver.origin}/all`, { method: 'POST', headers, body: tampered });
      assert.equal(response.status, 401);
      assert.equal(receiver.received[1]!.isVerified, false);
      const replayed = await fetch(`${receiver.origin}/all`, {
        method: 'POST',
        headers,
        body: delivery.body,
      });
      assert.equal(replayed.status, 204, 'the untouched body still checks out');
    });

    it('lists deliveries newest first, by site, and refuses bad queries by name', async () => {
      const docsSecret = makeSecret();
      receiver.setSecret('/docs', docsSecret);
      await jobs.close();
      const docs = makeSite({
        id: 'docs',
        origins: ['https://docs.example'],
        webhooks: [{ url: `${receiver.origin}/docs`, events: ['comment.created'], secret: docsSecret }],
      });
      start([siteWith(['comment.created']), docs]);
      await post(makeGuestToken());
      await jobs.worker.runDue();
      api.clockMs += 1_000;
      const response = await app.request(
        commentsUrl(thread),
        jsonPost(makeNewComment({ authorName: 'Bo' }), {
          ...bearer(makeGuestToken()),
          Origin: 'https://docs.example',
        }),
      );
      assert.equal(response.status, 201);
      await jobs.worker.runDue();
      assert.deepEqual(
        (await listDeliveries()).map((delivery) => delivery.site),
        ['docs', 'demo'],
      );
      assert.deepEqual(
        (await listDeliveries('?site=demo')).map((delivery) => delivery.site),
        ['demo'],
      );
      assert.equal((await listDeliveries('?limit=1')).length, 1);
      assert.equal(receiver.received.find((delivery) => delivery.path === '/docs')?.isVerified, true);

      await assertError(await admin('/webhooks?site=nope'), 400, 'validation_failed', 'site');
      await assertError(await admin('/webhooks?limit=0'), 400, 'validation_failed', 'limit');
      await assertError(await admin('/webhooks?limit=201'), 400, 'validation_failed', 'limit');
      await assertError(await admin('/webhooks', 'POST'), 405, 'method_not_allowed');
      await assertError(await app.request('/api/v1/admin/webhooks'), 401, 'unauthorized');
    });
  });
}
