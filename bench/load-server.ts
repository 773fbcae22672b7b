import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProcessTreeCpuMs } from './load-machine.js';

// Starts the server as production would: `node --import tsx server/src/main.ts` for one process,
// bench/load-cluster.ts (node:cluster, workers sharing the port) for several.

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

// A bench that crashes must not leave servers holding ports and databases open.
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});
const startTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;

/** The admin token of the bench site; seeding uses it. */
export const loadAdminToken = `load-admin-${randomBytes(16).toString('hex')}`;

/**
 * The bench site: every guard a reader's post meets that would refuse a load generator (proof of
 * work, minimum compose time, duplicate text, per-IP and per-thread rate limits) is off, so each
 * POST measures the write itself. Requests without an Origin header get this first site.
 */
function benchConfig(): unknown {
  return {
    sites: [
      {
        id: 'bench',
        origins: ['http://127.0.0.1:*'],
        moderation: 'none',
        limits: {
          postsPerMinutePerIp: 1_000_000,
          postsPerHourPerIp: 1_000_000,
          postsPerMinutePerThread: 1_000_000,
          minComposeSeconds: 0,
          duplicateWindowMinutes: 0,
        },
        proofOfWork: { enabled: false },
      },
    ],
    admins: [{ name: 'bench', token: loadAdminToken }],
    // One secret for every process, as docs/self-hosting.md asks of a multi-process deploy.
    secret: randomBytes(32).toString('hex'),
  };
}

/** Running server processes sharing one port. */
export interface LoadServer {
  /** Origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** CPU time used so far by the server's processes (the cluster's primary and workers), in ms. */
  readCpuMs(): number;
  /** SIGTERM to the process (the cluster primary stops its workers), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the cluster needs one fixed port for all workers). */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `processes` server processes over `databaseUrl` with the bench site's config, and
 * resolves once every one printed its listening line; rejects with the output if one exits first.
 */
export async function startLoadServer(databaseUrl: string, processes: number): Promise<LoadServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-load-config-'));
  const configFile = join(dir, 'hearth.config.json');
  writeFileSync(configFile, JSON.stringify(benchConfig()));
  const port = await findFreePort();
  const entry = processes === 1 ? 'server/src/main.ts' : 'bench/load-cluster.ts';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      HEARTH_CONFIG: configFile,
      HEARTH_WORKERS: String(processes),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    }),
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no listening line in time')), startTimeoutMs);
      child.stdout.on('data', () => {
        if ((output.match(/Hearth listening on /g) ?? []).length < processes) return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with code ${code} before listening`));
      });
    });
  } catch (error) {
    await stop();
    // The last line is usually the reason (main.ts prints "Hearth: …" and exits 1).
    const lastLine = output.trim().split('\n').at(-1) ?? '';
    const why = `${(error as Error).message}: ${lastLine}`;
    throw new Error(`The server did not start (${why}).\n${output.trim()}`, {
      cause: error,
    });
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    readCpuMs: () => (child.pid === undefined ? Number.NaN : readProcessTreeCpuMs(child.pid)),
    stop,
  };
}
