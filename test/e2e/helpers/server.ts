import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `server/src/main.ts` and `dist/` live. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A real Hearth server process on a fresh temporary SQLite database. */
export interface HearthServer {
  /** Its origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  port: number;
  /** The temporary directory holding `hearth.db`; removed when the process ends. */
  dataDir: string;
  /** Stops the server with SIGTERM (SIGKILL after 5 s) and removes its data directory. */
  stop(): Promise<void>;
  /** Kills the server at once with SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

const startTimeoutMs = 20_000;
const stopTimeoutMs = 5_000;
const listeningLine = /Hearth listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/;

// Children still running when the test process exits are killed, so a failed test never leaves a
// server holding a port.
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/**
 * Spawns `node --import tsx server/src/main.ts` with PORT=0 on 127.0.0.1 and a fresh database, and
 * resolves once it prints its listening line.
 */
export async function startServer(): Promise<HearthServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dataDir, 'hearth.db')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);

  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
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

  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
