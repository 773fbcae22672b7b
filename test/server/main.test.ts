import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChangesResponseSchema, CommentSchema } from '../../src/protocol/index.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { commentsUrl, makeAuthor, makeTempDir } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { killServer, repoRoot, spawnServer, type ServerProcess } from './helpers/server-process.js';
import { readLogLines, readLogMessages, waitForListening } from './helpers/server-process.js';

/** A site with the abuse defences off, so a plain POST from a test is stored. */
function lenientSite(id: string, origins: string[]) {
  return {
    id,
    origins,
    proofOfWork: { enabled: false },
    limits: { minComposeSeconds: 0 },
  };
}

const adminToken = 'main-test-admin-token-0123456789';

describe('server/src/main.ts', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let lenientConfig: string;
  const started: ServerProcess[] = [];
  /** Writes a config file into the temp dir and returns its path. */
  const writeConfig = async (name: string, content: unknown): Promise<string> => {
    const file = path.join(temp.dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const start = (env: Record<string, string>, cwd?: string) => {
    // Settings of the shell running the tests must not leak in; an empty variable is unset.
    const isolated = { HEARTH_ADMIN_TOKEN: '', HEARTH_SECRET: '', HEARTH_TRUST_PROXY: '', HEARTH_DIST: '' };
    const server = spawnServer({ HOST: '127.0.0.1', HEARTH_CONFIG: lenientConfig, ...isolated, ...env }, cwd);
    started.push(server);
    return server;
  };

  before(async () => {
    temp = await makeTempDir();
    lenientConfig = await writeConfig('lenient.json', {
      sites: [lenientSite('demo', ['http://localhost:*', 'http://127.0.0.1:*'])],
    });
  });
  after(async () => {
    await Promise.all(started.map((server) => killServer(server)));
    await temp.remove();
  });

  it('keeps an acknowledged comment through kill -9 and serves %2F thread keys over HTTP', async () => {
    const env = { PORT: '0', DATABASE_URL: `sqlite:${path.join(temp.dir, 'x.db')}` };
    const thread = '/posts/durable-post';
    const first = start(env);
    const origin = await waitForListening(first);
    assert.deepEqual(readLogMessages(first.output.stdout).split('\n'), [
      `Hearth config: ${lenientConfig}`,
      'Hearth site demo: http://localhost:*, http://127.0.0.1:* (moderation: none)',
      `Hearth listening on ${origin}/`,
    ]);

    const id = randomUUID();
    const posted = await fetch(
      origin + commentsUrl(thread),
      jsonPost({ id, authorName: 'Dee', body: 'Survive this.' }),
    );
    assert.equal(posted.status, 201);
    const comment = CommentSchema.parse(await posted.json());
    assert.equal(comment.thread, thread);

    await killServer(first, 'SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');

    const second = start(env);
    const origin2 = await waitForListening(second);
    const page = ChangesResponseSchema.parse(await (await fetch(origin2 + commentsUrl(thread))).json());
    assert.deepEqual(page.comments, [comment]);
    await killServer(second);
  });

  it('exits 0 on SIGTERM and SIGINT after closing', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = start({ PORT: '0', DATABASE_URL: `sqlite:${path.join(temp.dir, 'signals.db')}` });
      const origin = await waitForListening(server);
      assert.equal((await fetch(origin + commentsUrl('/t'))).status, 200);
      server.child.kill(signal);
      assert.deepEqual(await server.exited, { code: 0, signal: null }, signal);
    }
  });

  it('resolves a relative sqlite: path against the repository root, not the working directory', async () => {
    const relative = path.relative(repoRoot, path.join(temp.dir, 'relative', 'hearth.db'));
    assert.ok(!path.isAbsolute(relative));
    const server = start({ PORT: '0', DATABASE_URL: `sqlite:${relative}` }, temp.dir);
    await waitForListening(server);
    assert.ok(existsSync(path.join(temp.dir, 'relative', 'hearth.db')));
    await killServer(server);
  });

  it('serves the widget and its chunks from HEARTH_DIST, relative to the repository root', async () => {
    const dist = path.join(temp.dir, 'release', 'dist');
    await mkdir(path.join(dist, 'chunks'), { recursive: true });
    await writeFile(path.join(dist, 'hearth.js'), 'import("./chunks/kit-1.js");');
    await writeFile(path.join(dist, 'chunks', 'kit-1.js'), 'export {};');
    const server = start({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_DIST: path.relative(repoRoot, dist) });
    const origin = await waitForListening(server);
    assert.equal(await (await fetch(`${origin}/hearth.js`)).text(), 'import("./chunks/kit-1.js");');
    assert.equal(await (await fetch(`${origin}/chunks/kit-1.js`)).text(), 'export {};');
    await killServer(server);
  });

  for (const port of ['abc', '-1', '65536', '80.5', '1e3']) {
    it(`exits 1 naming PORT when PORT=${port}`, async () => {
      const server = start({ PORT: port, DATABASE_URL: 'memory:' });
      assert.deepEqual(await server.exited, { code: 1, signal: null });
      assert.match(server.output.stderr, /PORT/);
      assert.equal(server.output.stdout, '');
    });
  }

  it('exits 1 naming DATABASE_URL when it is not supported', async () => {
    for (const url of ['postgres://u:secret@db/hearth', 'mongodb://db']) {
      const server = start({ PORT: '0', DATABASE_URL: url });
      assert.deepEqual(await server.exited, { code: 1, signal: null });
      assert.match(server.output.stderr, /DATABASE_URL/);
      assert.doesNotMatch(server.output.stderr, /secret/);
    }
  });

  it('serves each configured site by Origin and prints the sites and admins, never a token', async () => {
    const config = await writeConfig('two-sites.json', {
      sites: [
        lenientSite('alpha', ['https://alpha.example']),
        lenientSite('beta', ['https://beta.example', 'http://localhost:*']),
      ],
      admins: [{ name: 'Ada', token: `${adminToken}-ada` }],
    });
    const server = start({
      PORT: '0',
      DATABASE_URL: 'memory:',
      HEARTH_CONFIG: config,
      HEARTH_ADMIN_TOKEN: adminToken,
      HEARTH_TRUST_PROXY: 'true',
    });
    const origin = await waitForListening(server);
    const stdout = readLogMessages(server.output.stdout);
    assert.match(stdout, /^Hearth site alpha: https:\/\/alpha\.example \(moderation: none\)$/m);
    assert.match(
      stdout,
      /^Hearth site beta: https:\/\/beta\.example, http:\/\/localhost:\* \(moderation: none\)$/m,
    );
    assert.match(stdout, /^Hearth admins: Ada, admin$/m);
    assert.match(stdout, /^Hearth trusts X-Forwarded-For/m);
    assert.doesNotMatch(stdout, new RegExp(adminToken));

    const thread = '/posts/two-sites';
    const id = randomUUID();
    const posted = await fetch(
      origin + commentsUrl(thread),
      jsonPost({ id, authorName: 'Bea', body: 'On beta.' }, { Origin: 'https://beta.example' }),
    );
    assert.equal(posted.status, 201);
    assert.equal(posted.headers.get('access-control-allow-origin'), 'https://beta.example');
    const read = async (siteOrigin: string) => {
      const response = await fetch(origin + commentsUrl(thread), { headers: { Origin: siteOrigin } });
      return ChangesResponseSchema.parse(await response.json()).comments.map((comment) => comment.id);
    };
    assert.deepEqual(await read('https://beta.example'), [id]);
    assert.deepEqual(await read('https://alpha.example'), []);
    const refused = await fetch(origin + commentsUrl(thread), {
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(refused.status, 403);
    // The refusal, and only it, is readable by that page, so its widget can say why.
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://evil.example');
    await fetch(origin + commentsUrl(thread), { headers: { Origin: 'https://evil.example' } });
    await killServer(server);
    const refusals = readLogLines(server.output.stderr).filter(
      (line): line is typeof line & { origin: string } => line.event === 'origin_not_allowed',
    );
    assert.equal(refusals.length, 1, 'one line per origin, not per request');
    assert.equal(refusals[0]!.level, 'warn');
    assert.equal(refusals[0]!.origin, 'https://evil.example');
  });

  it('warns at start-up of comments kept under a site id the config no longer lists', async () => {
    const file = path.join(temp.dir, 'renamed.db');
    const before = createSqliteStore(file);
    for (const site of ['old-blog', 'blog', 'old-blog']) {
      const input = { id: randomUUID(), authorName: 'Ada', body: `On ${site}.` };
      const author = makeAuthor();
      await before.insertComment({ site, thread: '/a', input, author, status: 'published', nowMs: 1 });
    }
    await before.close();
    const config = await writeConfig('renamed.json', {
      sites: [lenientSite('blog', ['https://blog.example'])],
    });
    const server = start({ PORT: '0', DATABASE_URL: `sqlite:${file}`, HEARTH_CONFIG: config });
    await waitForListening(server);
    await killServer(server);
    const warnings = readLogLines(server.output.stderr).filter(
      (line): line is typeof line & { site: string } => line.event === 'site_missing',
    );
    assert.deepEqual(
      warnings.map((line) => [line.level, line.site]),
      [['warn', 'old-blog']],
    );
    assert.match(String(warnings[0]!.msg), /sites\[\]\.id/);
  });

  it(
    'serves the demo site when there is no config file',
    {
      skip:
        existsSync(path.join(repoRoot, 'hearth.config.json')) &&
        'a hearth.config.json sits at the repository root',
    },
    async () => {
      const server = start({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_CONFIG: '' });
      const origin = await waitForListening(server);
      assert.match(
        readLogMessages(server.output.stdout),
        /^Hearth config: no hearth\.config\.json, serving the demo site/m,
      );
      assert.match(
        readLogMessages(server.output.stdout),
        /^Hearth site demo: http:\/\/localhost:\*, http:\/\/127\.0\.0\.1:\*, http:\/\/\[::1\]:\*/m,
      );
      assert.match(readLogMessages(server.output.stdout), /^Hearth demo sign-in: POST \/demo\/sso-token/m);
      const signIn = await fetch(`${origin}/demo/sso-token`, jsonPost({ name: 'Ada' }));
      assert.equal(signIn.status, 200);
      await killServer(server);
    },
  );

  it(
    'refuses the demo sign-in without a config file on a HOST other machines can reach, and logs why',
    {
      skip:
        existsSync(path.join(repoRoot, 'hearth.config.json')) &&
        'a hearth.config.json sits at the repository root',
    },
    async () => {
      const server = start({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_CONFIG: '', HOST: '0.0.0.0' });
      const port = new URL(await waitForListening(server)).port;
      const signIn = await fetch(`http://127.0.0.1:${port}/demo/sso-token`, jsonPost({ name: 'Ada' }));
      assert.equal(signIn.status, 404);
      const warning = readLogLines(server.output.stderr).find((line) => line.event === 'demo_sign_in_off');
      assert.equal(warning?.level, 'warn');
      assert.match(warning?.msg ?? '', /signs any name as verified, and HOST 0\.0\.0\.0 is not loopback/);
      assert.doesNotMatch(readLogMessages(server.output.stdout), /demo sign-in/i);
      await killServer(server);
    },
  );

  it('exits 1 naming the field when the config file is invalid, before touching the database', async () => {
    const config = await writeConfig('invalid.json', {
      sites: [{ id: 'blog', origins: ['https://blog.example/'] }],
      admins: [{ name: 'Ada', token: 'short' }],
    });
    const database = path.join(temp.dir, 'never-created.db');
    const server = start({ PORT: '0', DATABASE_URL: `sqlite:${database}`, HEARTH_CONFIG: config });
    assert.deepEqual(await server.exited, { code: 1, signal: null });
    const stderr = readLogMessages(server.output.stderr);
    assert.match(stderr, new RegExp(`^Hearth: invalid configuration in ${escapeRegExp(config)}:$`, 'm'));
    assert.match(stderr, /^ {2}sites\.0\.origins\.0: must look like https:\/\/example\.org/m);
    assert.match(stderr, /^ {2}admins\.0\.token: must be at least 24 characters$/m);
    assert.equal(server.output.stdout, '');
    assert.ok(!existsSync(database), 'the store is not opened with a bad config');
  });

  it('exits 1 naming the file and position of a JSON syntax error', async () => {
    const config = await writeConfig('broken.json', '{\n  "sites": [\n  ]\n  "admins": []\n}\n');
    const server = start({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_CONFIG: config });
    assert.deepEqual(await server.exited, { code: 1, signal: null });
    assert.match(
      readLogMessages(server.output.stderr),
      new RegExp(`^Hearth: ${escapeRegExp(config)} is not valid JSON: .* at line 4, column 3\\.$`, 'm'),
    );
  });

  it('exits 1 naming HEARTH_CONFIG when its file is missing', async () => {
    const missing = path.join(temp.dir, 'no-such-config.json');
    const server = start({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_CONFIG: missing });
    assert.deepEqual(await server.exited, { code: 1, signal: null });
    assert.equal(
      readLogMessages(server.output.stderr),
      `Hearth: HEARTH_CONFIG names ${missing}, which does not exist.`,
    );
  });

  it('exits 1 naming HEARTH_ADMIN_TOKEN when it is too short, without printing it', async () => {
    const server = start({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_ADMIN_TOKEN: 'hunter2-hunter2' });
    assert.deepEqual(await server.exited, { code: 1, signal: null });
    assert.match(
      readLogMessages(server.output.stderr),
      /^ {2}HEARTH_ADMIN_TOKEN: must be at least 24 characters/m,
    );
    assert.doesNotMatch(server.output.stderr, /hunter2/);
  });

  it('exits 1 naming PORT when the port is taken', async () => {
    const holder = start({ PORT: '0', DATABASE_URL: 'memory:' });
    const port = new URL(await waitForListening(holder)).port;
    const second = start({ PORT: port, DATABASE_URL: 'memory:' });
    assert.deepEqual(await second.exited, { code: 1, signal: null });
    assert.match(second.output.stderr, /PORT/);
    await killServer(holder);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
