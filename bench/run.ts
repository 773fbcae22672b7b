import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBundleSize } from './bundle-size.js';
import type { BundleSize } from './bundle-size.js';
import { measureRender } from './render.js';
import type { RenderResult, Stats } from './render.js';

// Usage: npm run bench [-- --runs 7 --skip-render]
// Measures the built dist/hearth.js; it never builds. Writes bench/results.json.

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const bundlePath = fileURLToPath(new URL('../dist/hearth.js', import.meta.url));
const resultsPath = fileURLToPath(new URL('./results.json', import.meta.url));

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '7' },
    'skip-render': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 5) {
  console.error(`--runs must be an integer of at least 5 (got ${values.runs}).`);
  process.exit(2);
}

if (!existsSync(bundlePath)) {
  console.error('dist/hearth.js is missing. Build the widget first:  npm run build');
  process.exit(1);
}
process.chdir(repoRoot);

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KiB`;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  const [header, ...body] = rows;
  return [line(header!), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

function printBundle(size: BundleSize): void {
  console.log('\nBundle size');
  console.log(
    table([
      ['files', 'raw', 'gzip -9', 'brotli -q11'],
      [size.files.join(', '), kib(size.rawBytes), kib(size.gzipBytes), kib(size.brotliBytes)],
    ]),
  );
  const percent = ((100 * size.gzipBytes) / size.gzipBudgetBytes).toFixed(1);
  const verdict = size.isWithinBudget ? 'within budget' : 'OVER BUDGET';
  console.log(
    `gzip ${size.gzipBytes} B of a ${size.gzipBudgetBytes} B budget (${percent}%): ${verdict}; brotli ${size.brotliBytes} B`,
  );
}

function statsRow(label: string, stats: Stats): string[] {
  return [label, ms(stats.medianMs), ms(stats.minMs), ms(stats.maxMs)];
}

function printRender(result: RenderResult): void {
  const depth = Object.entries(result.commentsByDepth)
    .map(([level, count]) => `depth ${level}: ${count}`)
    .join(', ');
  console.log(
    `\nRender: ${result.comments} comments (${depth}; bodies ~${result.averageBodyChars} chars), ${result.browser}, median of ${result.runs} runs`,
  );
  console.log(
    table([
      ['case', 'median', 'min', 'max'],
      statsRow('(a) plain innerHTML renderer', result.baseline),
      statsRow("(a') plain, incl. fetch + JSON.parse", result.baselineWithFetch),
      statsRow('(a") plain + content-visibility:auto', result.baselineContentVisibility),
      statsRow('(b) Hearth, first visit', result.firstVisit),
      statsRow(`(c) Hearth, return visit (API +${result.returnDelayMs} ms)`, result.returnVisit),
    ]),
  );
  console.log(
    `(b)/(a) = ${result.ratio.toFixed(2)}× (goal ≤ ${result.goalRatio}×): ${result.isWithinGoal ? 'met' : 'NOT met'}; median of per-run ratios ${result.pairedRatio.toFixed(2)}×`,
  );
  console.log(
    `(b)/(a") = ${result.contentVisibilityRatio.toFixed(2)}× like for like (both skip layout of off-screen conversations)`,
  );
  console.log(
    `return visit painted before the network answered: ${result.isReturnPaintedBeforeNetwork ? 'yes, every run' : 'NO'}`,
  );
}

const bundle = measureBundleSize(bundlePath);
printBundle(bundle);

let render: RenderResult | null = null;
if (!values['skip-render']) {
  console.log('');
  render = await measureRender(bundlePath, { runs, returnDelayMs: 2_000, count: 1_000 });
  printRender(render);
}

writeFileSync(
  resultsPath,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, bundle, render }, null, 2)}\n`,
);
console.log(`\nWrote ${resultsPath}`);

const failures = [
  !bundle.isWithinBudget && 'bundle over its gzip budget',
  render && !render.isWithinGoal && 'first visit slower than the goal',
  render && !render.isReturnPaintedBeforeNetwork && 'return visit not painted before the network',
].filter(Boolean);
if (failures.length > 0) {
  console.log(`Goals missed: ${failures.join('; ')}`);
  process.exitCode = 1;
}
