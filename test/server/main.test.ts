import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChangesResponseSchema, CommentSchema } from '../../src/protocol/index.js';
import { commentsUrl, makeTempDir } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { killServer, repoRoot, spawnServer, type ServerProcess } from './helpers/server-process.js';
import { waitForListening } from './helpers/server-process.js';

describe('server/src/main.ts', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const started: ServerProcess[] = [];
  const start = (env: Record<string, string>, cwd?: string) => {
    const server = spawnServer({ HOST: '127.0.0.1', ...env }, cwd);
    started.push(server);
    return server;
  };

  before(async () => {
    temp = await makeTempDir();
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
    assert.equal(first.output.stdout.trim().split('\n').length, 1, 'exactly one line on stdout');

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

  it('exits 1 naming PORT when the port is taken', async () => {
    const holder = start({ PORT: '0', DATABASE_URL: 'memory:' });
    const port = new URL(await waitForListening(holder)).port;
    const second = start({ PORT: port, DATABASE_URL: 'memory:' });
    assert.deepEqual(await second.exited, { code: 1, signal: null });
    assert.match(second.output.stderr, /PORT/);
    await killServer(holder);
  });
});
