import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { writeDisqusFixture } from '../test/server/helpers/disqus-generator.js';

// Import and export throughput of the real `hearth` command (server/bin/hearth.js) in its own
// process, issue #15: a generated Disqus export of `comments` posts imported into an empty SQLite
// file and an empty PostgreSQL database (127.0.0.1:5432, as the tests use), then exported.
// Peak RSS is the child's own high-water mark (/proc/<pid>/status VmHWM, read just before exit
// through --import of a tiny reporter), so it covers parsing, staging and writing.

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const hearthBin = path.join(repoRoot, 'server/bin/hearth.js');
const adminPgUrl = process.env.HEARTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ImportBenchOptions {
  /** Comments in the generated export (posts). */
  comments: number;
}

export interface TransferCase {
  database: 'sqlite' | 'postgres';
  importSeconds: number;
  commentsPerSecond: number;
  peakRssMb: number;
  exportSeconds: number;
  exportLinesPerSecond: number;
  exportPeakRssMb: number;
}

export interface ImportBenchResult {
  comments: number;
  fileMb: number;
  cases: TransferCase[];
  /** ≥ 10,000 comments/s and < 200 MB peak RSS on SQLite. */
  isSqliteWithinGoal: boolean;
}

interface ChildRun {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs `hearth <args>` and measures its wall time and peak RSS. */
async function runHearth(args: string[], env: NodeJS.ProcessEnv, reporter: string): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', reporter, hearthBin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const match = /HEARTH_BENCH_PEAK_RSS_KB=(\d+)/.exec(stderr);
  if (code !== 0 || !match) throw new Error(`hearth ${args[0]} failed (${code}): ${stderr}`);
  return { seconds, peakRssMb: Number(match[1]) / 1024, stdout };
}

async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `hearth_bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminPgUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminPgUrl);
    url.pathname = `/${name}`;
    return await work(url.href);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Imports then exports a generated Disqus file of `comments` posts on SQLite and PostgreSQL. */
export async function measureImport(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-import-'));
  try {
    const reporter = path.join(dir, 'peak-rss.mjs');
    writeFileSync(
      reporter,
      `import { readFileSync } from 'node:fs';
       process.on('exit', () => {
         const kb = /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
         process.stderr.write('HEARTH_BENCH_PEAK_RSS_KB=' + kb + '\\n');
       });`,
    );
    const file = path.join(dir, 'disqus.xml');
    const postsPerThread = 50;
    const counts = await writeDisqusFixture(file, {
      threads: Math.ceil(options.comments / postsPerThread),
      postsPerThread,
    });
    const config = path.join(dir, 'hearth.config.json');
    writeFileSync(config, JSON.stringify({ sites: [{ id: 'blog', origins: ['https://blog.example.org'] }] }));
    const cases: TransferCase[] = [];
    const measure = async (database: TransferCase['database'], databaseUrl: string) => {
      const env = { DATABASE_URL: databaseUrl, HEARTH_CONFIG: config };
      const imported = await runHearth(['import', file, '--site', 'blog'], env, reporter);
      const out = path.join(dir, `export-${database}.ndjson`);
      const exported = await runHearth(
        ['export', '--site', 'blog', '--out', out, '--include-private'],
        env,
        reporter,
      );
      const lines = Number(/\((\d+) lines\)/.exec(exported.stdout)?.[1] ?? counts.posts);
      cases.push({
        database,
        importSeconds: imported.seconds,
        commentsPerSecond: counts.posts / imported.seconds,
        peakRssMb: imported.peakRssMb,
        exportSeconds: exported.seconds,
        exportLinesPerSecond: lines / exported.seconds,
        exportPeakRssMb: exported.peakRssMb,
      });
    };
    await measure('sqlite', `sqlite:${path.join(dir, 'hearth.db')}`);
    await withPostgresDatabase((url) => measure('postgres', url));
    const sqlite = cases.find((entry) => entry.database === 'sqlite');
    return {
      comments: counts.posts,
      fileMb: counts.bytes / 1024 / 1024,
      cases,
      isSqliteWithinGoal:
        sqlite !== undefined && sqlite.commentsPerSecond >= 10_000 && sqlite.peakRssMb < 200,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
