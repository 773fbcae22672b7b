import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { percentile } from '../../bench/stats.js';
import { makeTempDir } from './helpers/fixtures.js';
import { repoRoot, tsxLoader, type ServerProcess } from './helpers/server-process.js';

const clusterFile = fileURLToPath(new URL('../../bench/load-cluster.ts', import.meta.url));
const adminToken = 'cluster-test-admin-token-0123456789';

/** Spawns bench/load-cluster.ts with the given environment on top of ours. */
function spawnCluster(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, clusterFile], {
    cwd: repoRoot,
    env: { ...process.env, HEARTH_ADMIN_TOKEN: '', HEARTH_SECRET: '', HEARTH_TRUST_PROXY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output.stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output.stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output, exited };
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Waits until `count` workers printed their listening line. */
async function waitForWorkers(cluster: ServerProcess, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((cluster.output.stdout.match(/Hearth listening on /g) ?? []).length < count) {
    if (cluster.child.exitCode !== null) throw new Error(`cluster exited:\n${cluster.output.stderr}`);
    if (Date.now() > deadline) throw new Error(`workers did not listen:\n${cluster.output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('bench/load-cluster.ts', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let config: string;
  const started: ServerProcess[] = [];

  before(async () => {
    temp = await makeTempDir('hearth-cluster-');
    config = path.join(temp.dir, 'hearth.config.json');
    const site = { id: 'demo', origins: ['http://127.0.0.1:*'], proofOfWork: { enabled: false } };
    await writeFile(
      config,
      JSON.stringify({ sites: [site], admins: [{ name: 'admin', token: adminToken }] }),
    );
  });
  after(async () => {
    for (const cluster of started) {
      if (cluster.child.exitCode === null) cluster.child.kill('SIGKILL');
    }
    await temp.remove();
  });

  it('runs two workers on one port over one database, and SIGTERM stops them all with exit 0', async () => {
    const port = await findFreePort();
    const cluster = spawnCluster({
      HEARTH_WORKERS: '2',
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(temp.dir, 'cluster.db')}`,
      HEARTH_CONFIG: config,
    });
    started.push(cluster);
    await waitForWorkers(cluster, 2);
    // Node children only: tsx may also run an esbuild service process under the primary.
    const workerPids = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(cluster.child.pid)], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'node')
      .map(([pid]) => Number(pid));
    assert.equal(workerPids.length, 2);

    const feed = `http://127.0.0.1:${port}/api/v1/threads/${encodeURIComponent('/posts/cluster')}/comments`;
    const id = randomUUID();
    const posted = await fetch(feed, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, authorName: 'Ada', body: 'One database behind both workers.' }),
    });
    assert.equal(posted.status, 201);
    // A new connection each time, so the primary hands them to both workers in turn.
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await fetch(feed, { headers: { connection: 'close' } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { comments: Array<{ id: string }> };
      assert.deepEqual(
        body.comments.map((comment) => comment.id),
        [id],
      );
    }

    cluster.child.kill('SIGTERM');
    assert.deepEqual(await cluster.exited, { code: 0, signal: null });
    assert.deepEqual(workerPids.filter(isRunning), []);
  });

  it('refuses PORT=0 with exit 1 and a message naming PORT', async () => {
    const cluster = spawnCluster({ PORT: '0', DATABASE_URL: 'memory:', HEARTH_CONFIG: config });
    started.push(cluster);
    assert.deepEqual(await cluster.exited, { code: 1, signal: null });
    assert.match(cluster.output.stderr, /PORT must name the port the workers share/);
  });

  it('exits 1 when a worker cannot start', async () => {
    const port = await findFreePort();
    const cluster = spawnCluster({ PORT: String(port), DATABASE_URL: 'mysql://nope', HEARTH_CONFIG: config });
    started.push(cluster);
    assert.deepEqual(await cluster.exited, { code: 1, signal: null });
    assert.match(cluster.output.stderr, /DATABASE_URL scheme mysql: is not supported/);
    assert.match(cluster.output.stderr, /exited before listening; stopping/);
  });
});

describe('bench/stats.ts percentile', () => {
  it('picks the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile(values, 100), 100);
    assert.equal(percentile(values, 0), 1);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});
