import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `server/src/main.ts` and `dist/` live. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The admin token every test server starts with (unless a test passes its own). Seeding data
 * through the API uses it, as an import would: it skips proof of work and rate limits, which
 * the widget under test still meets.
 */
export const e2eAdminToken = 'e2e-admin-token-0123456789abcdef';

/** Headers that make an API request an admin's. */
export const adminHeaders = { Authorization: `Bearer ${e2eAdminToken}` };

/** A real Hearth server process on a fresh temporary SQLite database. */
export interface HearthServer {
  /** Its origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  port: number;
  /** The temporary directory holding `hearth.db`; removed by `stop()` and when the test process exits. */
  dataDir: string;
  /**
   * Stops the server with SIGTERM (SIGKILL after 5 s) and removes its data directory, unless
   * `keepData` is set so that `restart()` can bring the same endpoint back.
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Kills the server at once with SIGKILL, as a crash would; the data stays for `restart()`. */
  kill(): Promise<void>;
  /**
   * Brings the same endpoint back: stops it first if running (keeping its data), then starts a
   * new process on the same port and database. `url` and `port` stay the same.
   */
  restart(): Promise<void>;
  /** What the running process has written to stderr so far: its warnings and errors, one JSON line each. */
  readStderr(): string;
}

const startTimeoutMs = 20_000;
const stopTimeoutMs = 5_000;
const listeningLine = /Hearth listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/;

// Children still running when the test process exits are killed, so a failed test never leaves a
// server holding a port.
const liveChildren = new Set<ChildProcess>();
const dataDirs = new Set<string>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** One server process; it ends when killed or stopped. */
interface ServerProcess {
  url: string;
  end(signal: NodeJS.Signals): Promise<void>;
  readStderr(): string;
}

/** What a test may change about the server it starts. */
export interface StartServerOptions {
  /**
   * Extra environment variables, e.g. `HEARTH_CONFIG` or `HEARTH_ADMIN_TOKEN`; they override the
   * test process's own. PORT, HOST and DATABASE_URL are always the helper's.
   */
  env?: Record<string, string>;
  /**
   * Settings for the demo site (see docs/self-hosting.md#configuration), written to a config
   * file for this server; without them the server runs its built-in demo site.
   */
  site?: Record<string, unknown>;
  /**
   * Top-level config fields (`email`, `publicUrl`…) written to the config file beside `site`
   * (the demo site's settings, or none); with either, the server reads that file.
   */
  config?: Record<string, unknown>;
  /** The store's DATABASE_URL, e.g. a PostgreSQL database shared by two servers; default: a fresh SQLite file. */
  databaseUrl?: string;
}

/** Spawns the server on `port` (0: any free port) over the database in `dataDir`. */
async function spawnServer(
  dataDir: string,
  port: number,
  extraEnv: Record<string, string> = {},
  databaseUrl = `sqlite:${join(dataDir, 'hearth.db')}`,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HEARTH_ADMIN_TOKEN: e2eAdminToken,
      ...extraEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);

  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    });
  });

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    if (process.env.HEARTH_E2E_VERBOSE) process.stderr.write(chunk);
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(`did not print "Hearth listening on …" within ${startTimeoutMs / 1000} s`);
    }, startTimeoutMs);
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The Hearth server ${why}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (process.env.HEARTH_E2E_VERBOSE) process.stdout.write(chunk);
      const match = listeningLine.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`could not be spawned: ${error.message}`));
  });

  async function end(signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  return { url, end, readStderr: () => stderr };
}

/**
 * Spawns `node --import tsx server/src/main.ts` with PORT=0 on 127.0.0.1 and a fresh database, and
 * resolves once it prints its listening line. `options.env` is kept for `restart()`.
 */
export async function startServer(options: StartServerOptions = {}): Promise<HearthServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'));
  dataDirs.add(dataDir);
  const env = { ...options.env };
  if (options.site || options.config) {
    // The demo site as `npm start` serves it, with the test's changes on top.
    const configFile = join(dataDir, 'hearth.config.json');
    const site = { id: 'demo', origins: ['http://localhost:*', 'http://127.0.0.1:*'], ...options.site };
    writeFileSync(configFile, JSON.stringify({ sites: [site], ...options.config }));
    env.HEARTH_CONFIG = configFile;
  }
  let current = await spawnServer(dataDir, 0, env, options.databaseUrl);
  const url = current.url;
  const port = Number(new URL(url).port);

  return {
    url,
    port,
    dataDir,
    async stop({ keepData = false } = {}) {
      await current.end('SIGTERM');
      if (keepData) return;
      rmSync(dataDir, { recursive: true, force: true });
      dataDirs.delete(dataDir);
    },
    kill: () => current.end('SIGKILL'),
    readStderr: () => current.readStderr(),
    async restart() {
      await current.end('SIGTERM');
      current = await spawnServer(dataDir, port, env, options.databaseUrl);
      if (current.url !== url) throw new Error(`The server came back on ${current.url}, not ${url}.`);
    },
  };
}
