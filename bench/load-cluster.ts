/**
 * Runs several Hearth server processes on one port with node:cluster: this primary forks
 * `HEARTH_WORKERS` workers (default 2), each running `server/src/main.ts` with the same
 * environment (PORT, HOST, DATABASE_URL, HEARTH_CONFIG, HEARTH_SECRET, …), and the primary hands
 * incoming connections to them in turn. Each worker prints its own `Hearth listening on …` line.
 *
 * Usage: HEARTH_WORKERS=2 PORT=8787 DATABASE_URL=postgres://… node --import tsx bench/load-cluster.ts
 *
 * PORT must not be 0: each worker would print a port of its own choosing, not the
 * shared one. SIGTERM or SIGINT stops every worker (each finishes its requests and closes its store) and
 * then the primary, exiting 0. A worker that dies after it was listening is replaced; one that
 * dies before (bad configuration, unreachable database) stops the whole cluster with exit 1.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';

const serverEntry = fileURLToPath(new URL('../server/src/main.ts', import.meta.url));

/** The worker count from `HEARTH_WORKERS`: a whole number from 1 to 64, default 2. */
function readWorkerCount(text: string | undefined): number {
  const count = Number(text?.trim() || '2');
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`Hearth cluster: HEARTH_WORKERS must be a whole number from 1 to 64, got "${text}".`);
    process.exit(1);
  }
  return count;
}

const workerCount = readWorkerCount(process.env.HEARTH_WORKERS);
if (/^0+$/.test(process.env.PORT?.trim() ?? '')) {
  console.error('Hearth cluster: PORT must name the port the workers share, not 0 (default 8787).');
  process.exit(1);
}
// Workers inherit this process's `--import tsx`, so they can run the TypeScript entry directly.
cluster.setupPrimary({ exec: serverEntry });

const listening = new WeakSet<Worker>();
let isShuttingDown = false;

function forkWorker(): void {
  const worker = cluster.fork();
  worker.once('listening', () => listening.add(worker));
  worker.once('exit', (code, signal) => {
    if (isShuttingDown) return;
    if (listening.has(worker)) {
      console.error(
        `Hearth cluster: worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
      );
      forkWorker();
      return;
    }
    // Its own message (bad configuration, database unreachable) is already on stderr.
    console.error(`Hearth cluster: worker ${worker.process.pid} exited before listening; stopping`);
    void shutdown(1);
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (isShuttingDown) return;
  isShuttingDown = true;
  const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    ),
  );
  process.exit(exitCode);
}

for (let index = 0; index < workerCount; index++) forkWorker();
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
