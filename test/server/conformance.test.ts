import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checks } from '../../conformance/checks/index.js';
import { readRetryAfterSeconds } from '../../conformance/client.js';
import { runConformanceKit, type KitRun } from './helpers/conformance-kit.js';
import { makeTempDir } from './helpers/fixtures.js';
import { useTestPostgres } from './helpers/postgres.js';
import { killServer, spawnServer, waitForListening, type ServerProcess } from './helpers/server-process.js';
import { startWrappedEndpoint, Wrapping, type WrappedEndpoint } from './helpers/wrapped-endpoint.js';

const postgres = await useTestPostgres();
const adminToken = 'conformance-test-admin-0123456789abcdef';
const checkNames = checks.map((check) => check.name);

/** Asserts that the run passed every check of the list, and said so with exit code 0. */
function assertAllPassed(run: KitRun): void {
  const notPassed = [...run.checks].filter(([, line]) => line.outcome !== 'PASS');
  assert.deepEqual(notPassed, [], run.stdout + run.stderr);
  assert.deepEqual([...run.checks.keys()], checkNames, run.stdout);
  assert.equal(run.code, 0, run.stdout + run.stderr);
}

/** Asserts that exactly the checks `failing` failed, each with a reason matching its pattern, and exit code 1. */
function assertFailedOnly(run: KitRun, failing: Record<string, RegExp>): void {
  assert.deepEqual([...run.checks.keys()], checkNames, run.stdout);
  for (const [name, line] of run.checks) {
    const reason = failing[name];
    if (reason === undefined) assert.equal(line.outcome, 'PASS', `${name}: ${line.detail}`);
    else {
      assert.equal(line.outcome, 'FAIL', `${name} should fail: ${line.detail}`);
      assert.match(line.detail, reason);
    }
  }
  assert.equal(run.code, 1);
}

describe('npm run conformance against the reference server', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const started: ServerProcess[] = [];

  /** Starts server/src/main.ts on `databaseUrl` with the admin token and returns its endpoint. */
  async function startReference(databaseUrl: string, config?: unknown): Promise<string> {
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      HEARTH_ADMIN_TOKEN: adminToken,
      HEARTH_CONFIG: '',
      HEARTH_SECRET: '',
      HEARTH_TRUST_PROXY: '',
    };
    if (config !== undefined) {
      env.HEARTH_CONFIG = path.join(temp.dir, `config-${started.length}.json`);
      await writeFile(env.HEARTH_CONFIG, JSON.stringify(config));
    }
    const server = spawnServer(env);
    started.push(server);
    return `${await waitForListening(server)}/`;
  }

  before(async () => {
    temp = await makeTempDir('hearth-conformance-');
  });
  after(async () => {
    await Promise.all(started.map((server) => killServer(server)));
    await temp.remove();
  });

  describe('over a SQLite file', () => {
    let endpoint: string;
    before(async () => {
      // The demo site as it ships, but for its rate limits: the guest run posts more than 5 a minute.
      const limits = { postsPerMinutePerIp: 1000, postsPerHourPerIp: 1000 };
      const site = { id: 'demo', origins: ['http://localhost:*', 'http://127.0.0.1:*'], limits };
      endpoint = await startReference(`sqlite:${path.join(temp.dir, 'hearth.db')}`, { sites: [site] });
    });

    it('passes every check with --admin-token', async () => {
      assertAllPassed(await runConformanceKit([endpoint, '--admin-token', adminToken]));
    });

    it('passes every check as a guest, solving the proof of work', async () => {
      const run = await runConformanceKit([endpoint]);
      assert.match(run.stdout, /posting as a guest/);
      assertAllPassed(run);
    });

    it('takes the admin token from HEARTH_ADMIN_TOKEN, and --thread and --origin', async () => {
      const origin = new URL(endpoint).origin.replace('127.0.0.1', 'localhost');
      const args = [endpoint, '--thread', '/posts/kit', '--origin', origin];
      const run = await runConformanceKit(args, { HEARTH_ADMIN_TOKEN: adminToken });
      assert.match(run.stdout, new RegExp(`as ${origin}, thread /posts/kit, posting as an admin`));
      assertAllPassed(run);
    });
  });

  describe('over PostgreSQL', { skip: postgres === null }, () => {
    it('passes every check with --admin-token', async () => {
      const endpoint = await startReference(postgres!.url);
      assertAllPassed(await runConformanceKit([endpoint, '--admin-token', adminToken]));
    });
  });
});

describe('npm run conformance against broken endpoints', () => {
  const endpoints: WrappedEndpoint[] = [];
  /** Starts a wrapped reference app, closed when the suite ends (a failed test included). */
  async function start(wrapping: Wrapping): Promise<string> {
    const endpoint = await startWrappedEndpoint(wrapping);
    endpoints.push(endpoint);
    return endpoint.url;
  }
  after(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.close()));
  });

  it('fails post-retry, naming the 201, when a retried post is stored twice', async () => {
    const run = await runConformanceKit([await start(Wrapping.storesRetriesTwice)]);
    assertFailedOnly(run, {
      'post-retry':
        /same id, same body\): expected 200 .*answered 201 Created and the feed holds 2 comments with its body/,
    });
  });

  it('fails feed-not-modified, naming the 200, when If-None-Match is ignored', async () => {
    const run = await runConformanceKit([await start(Wrapping.ignoresIfNoneMatch)]);
    assertFailedOnly(run, {
      'feed-not-modified': /If-None-Match: W\/".*": expected 304, but GET .* answered 200/,
    });
  });

  it("waits out a 429's Retry-After and sends the post again", async () => {
    const run = await runConformanceKit([await start(Wrapping.throttlesFirstPost)]);
    assert.match(run.stderr, /waiting 1 s: POST answered 429 with Retry-After: 1/);
    assertAllPassed(run);
  });

  it('names --admin-token when the server refuses it', async () => {
    const run = await runConformanceKit([await start(Wrapping.ignoresIfNoneMatch), '--admin-token', 'wrong']);
    assert.match(
      run.checks.get('post-retry')?.detail ?? '',
      /is it one of the server's admin tokens\? POST .* answered 401/,
    );
    assert.equal(run.code, 1);
  });

  it('fails feed-read naming --origin, and runs nothing else, when the origin is not served', async () => {
    const run = await runConformanceKit([
      await start(Wrapping.ignoresIfNoneMatch),
      '--origin',
      'https://elsewhere.example',
    ]);
    assert.match(
      run.checks.get('feed-read')?.detail ?? '',
      /origin https:\/\/elsewhere\.example: pass --origin/,
    );
    assert.deepEqual(
      [...run.checks.values()].map((line) => line.outcome),
      ['FAIL', ...checkNames.slice(1).map(() => 'SKIP')],
    );
    assert.equal(run.code, 1);
  });
});

describe("the conformance kit's Retry-After", () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const nowMs = Date.UTC(2026, 0, 1, 12, 0, 0);
    assert.equal(readRetryAfterSeconds('42', nowMs), 42);
    assert.equal(readRetryAfterSeconds(new Date(nowMs + 90_500).toUTCString(), nowMs), 90);
    assert.equal(readRetryAfterSeconds(new Date(nowMs - 5000).toUTCString(), nowMs), 0);
    assert.equal(readRetryAfterSeconds('soon', nowMs), null);
    assert.equal(readRetryAfterSeconds(null, nowMs), null);
  });
});

describe('npm run conformance command line', () => {
  for (const [args, message] of [
    [[], /Name the endpoint/],
    [['http://a.example', 'http://b.example'], /one endpoint only/],
    [['ftp://a.example'], /endpoint must be an http\(s\) URL/],
    [['http://a.example', '--colour'], /Unknown option '--colour'/],
    [['http://a.example', '--origin', 'nope'], /--origin must be an http\(s\) URL/],
    [['http://a.example', '--thread', ''], /--thread: Thread key must not be empty/],
  ] as const) {
    it(`exits 2 with the usage for ${JSON.stringify(args)}`, async () => {
      const run = await runConformanceKit([...args]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: npm run conformance -- <endpoint> \[options\]/);
      assert.equal(run.stdout, '');
    });
  }

  it('prints the usage and exits 0 for --help', async () => {
    const run = await runConformanceKit(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--admin-token <token>/);
  });
});
