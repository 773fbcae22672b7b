import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runAutocannon } from './load-autocannon.js';
import { measureCalibration } from './load-calibration.js';
import { createBenchDatabase, LoadStore } from './load-database.js';
import { measureCpuBusy } from './load-machine.js';
import { runPaced, type LoadRun } from './load-paced.js';
import { printLoad } from './load-report.js';
import { commentsPath, composeNewComment, loadPostThread, loadReadThread, seedThread } from './load-seed.js';
import { loadAdminToken, startLoadServer, type LoadServer } from './load-server.js';

// Usage: node --import tsx bench/load.ts [--duration 8 --stores sqlite,postgres --processes 1,2
//                                        --read-rate 1000 --post-rate 50 --accept-encoding 'br, gzip']
// (or npm run bench, with --load-duration and --skip-load). Starts real server processes for
// each cell of {SQLite, PostgreSQL} × {1, 2 processes}, seeds a thread, and measures its feed
// and new posts over HTTP. Exits 1 when a cell misses the read goal. PostgreSQL cells create
// `hearth_bench_<random>` on HEARTH_BENCH_POSTGRES_URL (default
// postgres://postgres@127.0.0.1:5432/postgres) and drop it after; a cell whose database or
// server cannot start is reported as skipped. Reads send `Accept-Encoding: br, gzip` as browsers
// do (`--accept-encoding ''` sends none), so a compressing server is measured compressing.

const pauseMs = 1_000;
/** About the size of a 200-comment feed, for the calibration run. */
const calibrationBytes = 126_000;
/** autocannon's keep-alive connections. */
const connections = 10;

/** The read goal: 99% of feed reads within this many ms at `readRate`, with no errors. */
export const readGoalP99Ms = 20;

export interface LoadOptions {
  /** Length of each fixed-rate read run in ms; the other runs take half. Default 8,000. */
  durationMs?: number;
  stores?: LoadStore[];
  /** Process counts to run, e.g. [1, 2]; two or more run under node:cluster. */
  processes?: number[];
  /** Feed reads a second in the fixed-rate runs. Default 1,000. */
  readRate?: number;
  /** New comments a second in the post run. Default 50. */
  postRate?: number;
  /** Comments seeded on the read thread. Default 200 (one feed page). */
  comments?: number;
  /** The `Accept-Encoding` every read sends, as browsers do; '' sends none. Default `br, gzip`. */
  acceptEncoding?: string;
}

type CellSettings = Required<
  Pick<LoadOptions, 'durationMs' | 'readRate' | 'postRate' | 'comments' | 'acceptEncoding'>
>;

/** One cell of the matrix: a store and a process count, and what its runs measured. */
export interface LoadCell {
  store: LoadStore;
  processes: number;
  /** Why the cell did not run (e.g. the store is not available), or null. */
  skipped: string | null;
  /** CPU busy (0–100, all cores) in the second before the cell started: other work on the machine. */
  otherCpuPercent: number;
  /** The paced client against a static response of the feed's size, just before the cell. */
  calibration: LoadRun;
  feedBytes: number;
  /** The feed as sent to the reads' `Accept-Encoding`, in bytes, and its Content-Encoding (null: none). */
  feedWireBytes: number;
  feedEncoding: string | null;
  runs: {
    /** Feed GETs answered 200 with the whole thread, paced at `readRate`. */
    reads: LoadRun;
    /** The same with the feed's ETag in If-None-Match, answered 304. */
    notModified: LoadRun;
    /** autocannon's `overallRate` at `readRate`: one burst a second. */
    readsBursty: LoadRun;
    /** autocannon as fast as the server answers, for the most reads a second. */
    readsUnthrottled: LoadRun;
    /** New comments, paced at `postRate`. */
    posts: LoadRun;
  } | null;
  /** Both paced read runs kept p99 within the goal at the full rate with no error. */
  isGoalMet: boolean;
}

export interface LoadResult {
  machine: { cpus: number; cpuModel: string; node: string };
  durationMs: number;
  readRate: number;
  postRate: number;
  comments: number;
  /** The `Accept-Encoding` the reads sent ('' for none). */
  acceptEncoding: string;
  autocannonConnections: number;
  cells: LoadCell[];
}

/** Whether a fixed-rate read run met the goal: full rate, p99 ≤ goal, nothing failed. */
export function isReadGoalMet(run: LoadRun): boolean {
  const isFullRate =
    !run.isOverloaded && (run.targetRate === null || run.requestsPerSecond >= 0.95 * run.targetRate);
  return isFullRate && run.p99Ms <= readGoalP99Ms && run.unexpected === 0 && run.errors === 0;
}

/** Runs every cell of the matrix, one after another, each on a fresh database. */
export async function measureLoad(options: LoadOptions = {}): Promise<LoadResult> {
  const {
    durationMs = 8_000,
    stores = [LoadStore.sqlite, LoadStore.postgres],
    processes = [1, 2],
    readRate = 1_000,
    postRate = 50,
    comments = 200,
    acceptEncoding = 'br, gzip',
  } = options;
  const cells: LoadCell[] = [];
  for (const store of stores) {
    for (const count of processes) {
      const settings = { durationMs, readRate, postRate, comments, acceptEncoding };
      cells.push(await measureCell(store, count, settings));
    }
  }
  const cpuList = cpus();
  return {
    machine: { cpus: cpuList.length, cpuModel: cpuList[0]?.model ?? 'unknown', node: process.version },
    durationMs,
    readRate,
    postRate,
    comments,
    acceptEncoding,
    autocannonConnections: connections,
    cells,
  };
}

async function measureCell(store: LoadStore, processes: number, settings: CellSettings): Promise<LoadCell> {
  const otherCpuPercent = await measureCpuBusy(1_000);
  const calibration = await measureCalibration(settings.readRate, 1_500, calibrationBytes);
  const machine = { otherCpuPercent, calibration };
  let database;
  try {
    database = await createBenchDatabase(store);
  } catch (error) {
    return skippedCell(store, processes, `no database: ${(error as Error).message}`, machine);
  }
  try {
    let server;
    try {
      server = await startLoadServer(database.url, processes);
    } catch (error) {
      return skippedCell(store, processes, (error as Error).message, machine);
    }
    try {
      const { feed, runs } = await runScenarios(server, settings);
      const isGoalMet = isReadGoalMet(runs.reads) && isReadGoalMet(runs.notModified);
      return { store, processes, skipped: null, ...machine, ...feed, runs, isGoalMet };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

/** Runs `body` and adds the server's CPU time per answered request, counted up to a pause after it. */
async function withServerCpu(server: LoadServer, body: () => Promise<LoadRun>): Promise<LoadRun> {
  const beforeMs = server.readCpuMs();
  const run = await body();
  // The pause also lets the server finish what an overloaded run left queued.
  await sleep(pauseMs);
  const answered = Object.values(run.statuses).reduce((sum, count) => sum + count, 0);
  return { ...run, serverCpuMsPerRequest: (server.readCpuMs() - beforeMs) / answered };
}

/** Seeds the read thread on a running server, warms it up, and runs each scenario in turn. */
async function runScenarios(
  server: LoadServer,
  settings: CellSettings,
): Promise<{
  feed: Pick<LoadCell, 'feedBytes' | 'feedWireBytes' | 'feedEncoding'>;
  runs: NonNullable<LoadCell['runs']>;
}> {
  const { durationMs, readRate, postRate, comments, acceptEncoding } = settings;
  const { url } = server;
  const { etag, ...feedSizes } = await seedThread(
    url,
    loadAdminToken,
    loadReadThread,
    comments,
    acceptEncoding,
  );
  const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  const feed = { method: 'GET', path: commentsPath(loadReadThread), headers } as const;
  const notModified = { ...feed, headers: { ...headers, 'if-none-match': etag } };
  const post = (index: number) =>
    ({ method: 'POST', path: commentsPath(loadPostThread), body: composeNewComment(index) }) as const;
  // JIT, heaps and connection pools warm up on requests that are not measured, rising to the
  // full rate: started cold at full rate, a server near its limit can fall behind and stay there.
  for (const share of [0.25, 0.5, 0.75, 1]) {
    await runPaced(url, { rate: readRate * share, durationMs: 750, buildRequest: () => feed });
  }
  await runPaced(url, { rate: postRate, durationMs: 500, buildRequest: (i) => post(1_000_000 + i) });

  const half = durationMs / 2;
  const measure = (body: () => Promise<LoadRun>) => withServerCpu(server, body);
  const reads = await measure(() => runPaced(url, { rate: readRate, durationMs, buildRequest: () => feed }));
  const notModifiedRun = await measure(() =>
    runPaced(url, { rate: readRate, durationMs, buildRequest: () => notModified }),
  );
  const readsBursty = await measure(() =>
    runAutocannon(url, { ...feed, durationMs: half, connections, overallRate: readRate }),
  );
  const readsUnthrottled = await measure(() =>
    runAutocannon(url, { ...feed, durationMs: half, connections }),
  );
  const posts = await measure(() => runPaced(url, { rate: postRate, durationMs: half, buildRequest: post }));
  return {
    feed: feedSizes,
    runs: { reads, notModified: notModifiedRun, readsBursty, readsUnthrottled, posts },
  };
}

function skippedCell(
  store: LoadStore,
  processes: number,
  reason: string,
  machine: Pick<LoadCell, 'otherCpuPercent' | 'calibration'>,
): LoadCell {
  const feed = { feedBytes: 0, feedWireBytes: 0, feedEncoding: null };
  return { store, processes, skipped: reason, ...machine, ...feed, runs: null, isGoalMet: false };
}

/** Splits a comma-separated option into its values. */
function readList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '8' },
      stores: { type: 'string', default: 'sqlite,postgres' },
      processes: { type: 'string', default: '1,2' },
      'read-rate': { type: 'string', default: '1000' },
      'post-rate': { type: 'string', default: '50' },
      'accept-encoding': { type: 'string', default: 'br, gzip' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const stores = readList(values.stores);
  const processes = readList(values.processes).map(Number);
  if (!(durationMs >= 1000) || stores.some((store) => !(store in LoadStore))) {
    console.error('--duration must be at least 1 (seconds); --stores lists sqlite and/or postgres.');
    process.exit(2);
  }
  if (processes.some((count) => !Number.isInteger(count) || count < 1)) {
    console.error('--processes lists whole numbers of at least 1, e.g. 1,2.');
    process.exit(2);
  }
  const readRate = Number(values['read-rate']);
  const postRate = Number(values['post-rate']);
  if (!(readRate >= 1 && postRate >= 1)) {
    console.error('--read-rate and --post-rate are requests a second, at least 1.');
    process.exit(2);
  }
  const result = await measureLoad({
    durationMs,
    stores: stores as LoadStore[],
    processes,
    readRate,
    postRate,
    acceptEncoding: values['accept-encoding'],
  });
  printLoad(result);
  if (result.cells.some((cell) => !cell.isGoalMet)) process.exitCode = 1;
}
