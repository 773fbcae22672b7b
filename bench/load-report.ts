import type { LoadCell, LoadResult } from './load.js';
import type { LoadRun } from './load-paced.js';

const storeNames = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** "SQLite, 2 processes": how the output names a cell. */
export function describeCell(cell: Pick<LoadCell, 'store' | 'processes'>): string {
  return `${storeNames[cell.store]}, ${cell.processes} process${cell.processes === 1 ? '' : 'es'}`;
}

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, column) =>
        column < 2 || column === 10 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header!), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

function runRow(cellLabel: string, label: string, run: LoadRun, note = ''): string[] {
  const statuses = Object.entries(run.statuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');
  const overload = run.isOverloaded ? ' — OVERLOADED: stopped with 2 s of requests unanswered' : '';
  return [
    cellLabel,
    label,
    run.targetRate === null ? 'max' : `${run.targetRate}/s`,
    run.requestsPerSecond.toFixed(0),
    ms(run.p50Ms),
    ms(run.p99Ms),
    ms(run.maxMs),
    String(run.unexpected),
    String(run.errors),
    ms(run.serverCpuMsPerRequest ?? Number.NaN),
    `${statuses}${overload}${note === '' ? '' : `; ${note}`}`,
  ];
}

/** Prints the load benchmark's table and its goal line per cell. */
export function printLoad(result: LoadResult): void {
  const { machine } = result;
  const measured = result.cells.find((cell) => cell.runs !== null);
  const feedBytes = measured?.feedBytes ?? 0;
  const sent = measured
    ? `${(measured.feedWireBytes / 1024).toFixed(1)} KiB as sent (${measured.feedEncoding ?? 'not compressed'})`
    : 'not read';
  const half = result.durationMs / 2000;
  console.log(
    `\nLoad: real server processes (server/src/main.ts; 2 processes = node:cluster workers sharing one port, bench/load-cluster.ts)`,
  );
  console.log(
    `machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; the load generator runs on the same machine`,
  );
  console.log(
    `read thread: ${result.comments} comments, feed ${(feedBytes / 1024).toFixed(1)} KiB of JSON, ${sent} to ` +
      `Accept-Encoding: ${result.acceptEncoding || '(none)'}; ` +
      `paced runs ${result.durationMs / 1000} s, open loop, latency from when each request was due; ` +
      `autocannon runs ${half} s, ${result.autocannonConnections} connections; posts ${half} s`,
  );
  const rows: string[][] = [
    [
      'cell',
      'run',
      'target',
      'req/s',
      'p50',
      'p99',
      'max',
      'non-2xx/3xx',
      'errors',
      'server CPU/req',
      'statuses',
    ],
  ];
  for (const cell of result.cells) {
    const busy = `other CPU ${cell.otherCpuPercent.toFixed(0)}% before`;
    rows.push(runRow(describeCell(cell), 'calibration: static JSON, no Hearth', cell.calibration, busy));
    if (cell.runs === null) {
      rows.push(['', `skipped: ${cell.skipped?.split('\n')[0] ?? ''}`, ...Array<string>(9).fill('')]);
      continue;
    }
    const { runs } = cell;
    rows.push(runRow('', 'reads (200), paced', runs.reads));
    rows.push(runRow('', 'reads (304, If-None-Match), paced', runs.notModified));
    rows.push(runRow('', 'reads (200), autocannon -R: 1 burst/s', runs.readsBursty));
    rows.push(runRow('', 'reads (200), autocannon unthrottled', runs.readsUnthrottled));
    rows.push(runRow('', 'posts (201), paced', runs.posts));
  }
  console.log(table(rows));
  for (const cell of result.cells) {
    if (cell.runs === null) continue;
    const { reads, notModified, posts } = cell.runs;
    const perCore = (run: LoadRun): string => {
      const cpuMs = run.serverCpuMsPerRequest ?? Number.NaN;
      return `${ms(cpuMs)} (~${Number.isFinite(cpuMs) ? Math.round(1000 / cpuMs) : '–'}/s per core)`;
    };
    console.log(
      `server CPU per request — ${describeCell(cell)}: feed 200 ${perCore(reads)}, feed 304 ${perCore(notModified)}, post ${perCore(posts)}`,
    );
  }
  for (const cell of result.cells) {
    const verdict =
      cell.runs === null
        ? 'not run'
        : `${cell.isGoalMet ? 'met' : 'MISSED'} (p99 ${ms(cell.runs.reads.p99Ms)} for 200s, ${ms(cell.runs.notModified.p99Ms)} for 304s)`;
    console.log(
      `thread reads p99 ≤ 20 ms at ${result.readRate.toLocaleString('en')} req/s, zero errors — ${describeCell(cell)}: ${verdict}`,
    );
  }
}
