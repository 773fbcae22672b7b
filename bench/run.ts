import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBundleSize } from './bundle-size.js';
import type { BundleSize } from './bundle-size.js';
import { measureCriticalPath } from './critical-path.js';
import type { CriticalPathResult } from './critical-path.js';
import { printCriticalPath } from './critical-path-report.js';
import { measureEmail, type EmailBenchResult } from './email.js';
import { measureImport, type ImportBenchResult } from './import.js';
import { measureLoad } from './load.js';
import type { LoadResult } from './load.js';
import { printLoad } from './load-report.js';
import { measureMarkdownBytes } from './markdown-bytes.js';
import { measureParseWorst, printParseWorst } from './markdown-parse.js';
import type { ParseWorst } from './markdown-parse.js';
import type { MarkdownBytes, PartSize } from './markdown-bytes.js';
import { measureOutboxReplay } from './outbox-replay.js';
import type { OutboxReplayResult } from './outbox-replay.js';
import { measureRender } from './render.js';
import { printRender } from './render-report.js';
import { kib, ms, statsRow, table } from './report-format.js';
import { measureBigRender, printBigRender } from './render-big.js';
import type { BigRenderResult } from './render-big.js';
import type { RenderResult } from './render.js';
import { measureTransfer } from './transfer.js';
import type { TransferResult } from './transfer.js';
import { printTransfer } from './transfer-report.js';

// Usage: npm run bench [-- --runs 7 --skip-parse --skip-render --skip-formatted --skip-big-render --skip-critical-path --skip-transfer --skip-outbox
//                         --outbox-count 100 --outbox-compose-count 100 --skip-load --load-duration 8
//                         --load-accept-encoding 'br, gzip' --skip-email --skip-import --import-comments 100000]
// Measures the built dist/hearth.js; it never builds. Writes bench/results.json.
// The transfer and outbox benchmarks drive the real server (server/src/main.ts) on a temporary
// SQLite database, which serves that same dist/hearth.js on its demo page. Its demo site lifts
// the rate limits and keeps proof of work on (bench/live.ts). The outbox replay runs twice:
// `--outbox-count` comments with no minimum compose time (the cost of proof of work alone), then
// `--outbox-compose-count` with the server's default (3 s), as a reader's page meets it; 0 skips a case.
// The load benchmark (bench/load.ts) runs server processes on SQLite and PostgreSQL, 1 and 2 of
// them, `--load-duration` seconds per fixed-rate run. The email benchmark (bench/email.ts) times
// reply notifications against a real SMTP server on 127.0.0.1 (`--skip-email` leaves it out).
// The import benchmark (bench/import.ts) runs `hearth import` and `hearth export` on a generated
// Disqus export of `--import-comments` posts, on SQLite and PostgreSQL (`--skip-import`).

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const bundlePath = fileURLToPath(new URL('../dist/hearth.js', import.meta.url));
const resultsPath = fileURLToPath(new URL('./results.json', import.meta.url));

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '7' },
    'skip-parse': { type: 'boolean', default: false },
    'skip-render': { type: 'boolean', default: false },
    'skip-formatted': { type: 'boolean', default: false },
    'skip-big-render': { type: 'boolean', default: false },
    'skip-transfer': { type: 'boolean', default: false },
    'skip-critical-path': { type: 'boolean', default: false },
    'skip-outbox': { type: 'boolean', default: false },
    'outbox-count': { type: 'string', default: '100' },
    'outbox-compose-count': { type: 'string', default: '100' },
    'skip-load': { type: 'boolean', default: false },
    'skip-email': { type: 'boolean', default: false },
    'skip-import': { type: 'boolean', default: false },
    'import-comments': { type: 'string', default: '100000' },
    'load-duration': { type: 'string', default: '8' },
    'load-accept-encoding': { type: 'string', default: 'br, gzip' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 5) {
  console.error(`--runs must be an integer of at least 5 (got ${values.runs}).`);
  process.exit(2);
}
const outboxCount = Number(values['outbox-count']);
const outboxComposeCount = Number(values['outbox-compose-count']);
const loadDurationSeconds = Number(values['load-duration']);
if (!(loadDurationSeconds >= 1)) {
  console.error(`--load-duration must be a number of seconds, at least 1 (got ${values['load-duration']}).`);
  process.exit(2);
}
for (const [flag, value] of [
  ['--outbox-count', outboxCount],
  ['--outbox-compose-count', outboxComposeCount],
] as const) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${flag} must be a whole number (got ${value}).`);
    process.exit(2);
  }
}

if (!existsSync(bundlePath)) {
  console.error('dist/hearth.js is missing. Build the widget first:  npm run build');
  process.exit(1);
}
process.chdir(repoRoot);

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
  console.log(
    `gzip ${size.gzipBytes} B against the ${size.gzipGoalBytes} B goal: ${size.isWithinGoal ? 'met' : 'NOT met'}`,
  );
}

function partRow(
  label: string,
  part: PartSize,
  files = part.files.map((file) => basename(file)).join(', '),
): string[] {
  return [label, files || '(none)', kib(part.rawBytes), kib(part.gzipBytes), kib(part.brotliBytes)];
}

function printMarkdownBytes(bytes: MarkdownBytes): void {
  console.log('\nMarkdown path bytes (each file compressed on its own)');
  console.log(
    table([
      ['part', 'files', 'raw', 'gzip -9', 'brotli -q11'],
      partRow('critical path total (renders parsed trees)', bytes.critical),
      partRow('markdown parser chunk, lazy', bytes.parser),
      partRow('schema chunk (zod), lazy', bytes.schema),
      partRow('other lazy chunks', bytes.other, `${bytes.other.files.length} files`),
    ]),
  );
  const pullFiles = bytes.pull.files.map((file) => basename(file).replace(/-[\w-]{8}\.js$/, '')).join(' + ');
  console.log(
    `first-visit pull loads, beside the request: ${bytes.pull.gzipBytes} B gzip, ${bytes.pull.brotliBytes} B brotli (${pullFiles || 'no read-changes chunk found'})`,
  );
}

function printOutbox(result: OutboxReplayResult): void {
  const compose =
    result.minComposeSeconds === null
      ? 'minComposeSeconds at its default (3 s)'
      : `minComposeSeconds ${result.minComposeSeconds}`;
  console.log(`\nOutbox replay: real server, proof of work on, ${compose}, ${result.browser}`);
  const { breakdown } = result;
  console.log(
    table([
      ['case', 'median', 'min', 'max'],
      [`queue ${result.queued} comments offline through the composer`, ms(result.queueMs), '', ''],
      [`replay ${result.queued} comments once back online`, ms(result.replayMs), '', ''],
      [`  per comment (replay / ${result.queued})`, ms(result.replayMs / result.queued), '', ''],
      statsRow(`  GET /api/v1/challenge (${breakdown.challenges} requests)`, breakdown.challengeMs),
      statsRow('  solve one challenge (widget solver, in Node)', result.solveMs),
      statsRow(`  POST comment (${breakdown.posts} requests)`, breakdown.postMs),
      statsRow('  challenge answered → its POST sent', breakdown.challengeToPostMs),
      statsRow('  one POST sent → the next sent', breakdown.postIntervalMs),
    ]),
  );
  const statuses = Object.entries(breakdown.postStatuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');
  console.log(
    `stored exactly once: ${result.isExactlyOnce ? 'yes' : 'NO'} (${result.duplicates} duplicated, ${result.missing} missing); POSTs answered ${statuses || 'nothing'}`,
  );
}

const bundle = measureBundleSize(bundlePath);
printBundle(bundle);

const markdownBytes = measureMarkdownBytes(bundlePath);
printMarkdownBytes(markdownBytes);

// The markdown parser's worst case on the fuzzer's bodies (issue #12), against marked's.
let parseWorst: ParseWorst | null = null;
if (!values['skip-parse']) {
  parseWorst = measureParseWorst(runs);
  printParseWorst(parseWorst);
}

let render: RenderResult | null = null;
if (!values['skip-render']) {
  console.log('');
  render = await measureRender(bundlePath, { runs, returnDelayMs: 2_000, count: 1_000 });
  printRender(render);
}

let formattedRender: RenderResult | null = null;
if (!values['skip-render'] && !values['skip-formatted']) {
  console.log('');
  formattedRender = await measureRender(bundlePath, {
    runs,
    returnDelayMs: 2_000,
    count: 1_000,
    bodyFormat: 'markdown',
  });
  printRender(formattedRender);
}

// 10,000 comments: Hearth's first screen and memory against the plain renderer's whole thread.
let bigRender: BigRenderResult | null = null;
if (!values['skip-render'] && !values['skip-big-render']) {
  console.log('');
  bigRender = await measureBigRender(bundlePath, { runs, count: 10_000 });
  printBigRender(bigRender);
}

// Which widget scripts a first and a return visit fetch before the first comment appears.
let criticalPath: CriticalPathResult | null = null;
let formattedCriticalPath: CriticalPathResult | null = null;
if (!values['skip-critical-path']) {
  criticalPath = await measureCriticalPath(bundlePath, { count: 1_000 });
  printCriticalPath(criticalPath);
  if (!values['skip-formatted']) {
    formattedCriticalPath = await measureCriticalPath(bundlePath, { count: 1_000, bodyFormat: 'markdown' });
    printCriticalPath(formattedCriticalPath);
  }
}

let transfer: TransferResult | null = null;
if (!values['skip-transfer']) {
  console.log('');
  transfer = await measureTransfer({ count: 1_000 });
  printTransfer(transfer);
}

let outbox: OutboxReplayResult | null = null;
if (!values['skip-outbox'] && outboxCount > 0) {
  console.log('');
  outbox = await measureOutboxReplay({ count: outboxCount, existing: 10, minComposeSeconds: 0 });
  printOutbox(outbox);
}

let outboxDefaultCompose: OutboxReplayResult | null = null;
if (!values['skip-outbox'] && outboxComposeCount > 0) {
  console.log('');
  outboxDefaultCompose = await measureOutboxReplay({ count: outboxComposeCount, existing: 10 });
  printOutbox(outboxDefaultCompose);
}

let load: LoadResult | null = null;
if (!values['skip-load']) {
  load = await measureLoad({
    durationMs: loadDurationSeconds * 1000,
    acceptEncoding: values['load-accept-encoding'],
  });
  printLoad(load);
}

let email: EmailBenchResult | undefined;
if (!values['skip-email']) {
  email = await measureEmail({ followers: 1_000, latencyReplies: 100, posts: 200 });
  console.log('\nReply notifications: real server (SQLite), real SMTP server on 127.0.0.1, no pacing');
  console.log(
    table([
      ['case', 'median', 'p99', 'min', 'max'],
      ...[
        ['reply POSTed → its email accepted by SMTP', email.replyToEmailMs],
        ['POST a reply, notifications on', email.postOnMs],
        ['POST a reply, no email configured', email.postOffMs],
      ].map(([label, stats]) => {
        const { medianMs, p99Ms, minMs, maxMs } = stats as EmailBenchResult['postOnMs'];
        return [label as string, ms(medianMs), ms(p99Ms), ms(minMs), ms(maxMs)];
      }),
    ]),
  );
  console.log(`POST median, notifications on / off: ${email.postRatio.toFixed(2)}× (goal: within 1.10×)`);
  console.log(
    `drain: ${email.drain.emails} replies queued, then ${email.drain.emailsPerSecond.toFixed(0)} emails/s (${email.drain.seconds.toFixed(1)} s)`,
  );
}

let importResult: ImportBenchResult | undefined;
if (!values['skip-import']) {
  importResult = await measureImport({ comments: Number(values['import-comments']) });
  console.log(
    `\nImport and export: \`hearth\` in its own process, a generated Disqus export of ${importResult.comments.toLocaleString('en')} comments (${importResult.fileMb.toFixed(0)} MB)`,
  );
  console.log(
    table([
      ['database', 'import', 'comments/s', 'peak RSS', 'export', 'lines/s', 'peak RSS'],
      ...importResult.cases.map((entry) => [
        entry.database,
        `${entry.importSeconds.toFixed(1)} s`,
        entry.commentsPerSecond.toFixed(0),
        `${entry.peakRssMb.toFixed(0)} MB`,
        `${entry.exportSeconds.toFixed(1)} s`,
        entry.exportLinesPerSecond.toFixed(0),
        `${entry.exportPeakRssMb.toFixed(0)} MB`,
      ]),
    ]),
  );
  console.log('goal: SQLite import ≥ 10,000 comments/s with peak RSS < 200 MB');
}

const measuredAt = new Date().toISOString();
writeFileSync(
  resultsPath,
  `${JSON.stringify(
    {
      measuredAt,
      node: process.version,
      bundle,
      markdownBytes,
      parseWorst,
      render,
      formattedRender,
      bigRender,
      criticalPath,
      formattedCriticalPath,
      transfer,
      outbox,
      outboxDefaultCompose,
      load,
      email,
      import: importResult,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nWrote ${resultsPath}`);

const failures = [
  !bundle.isWithinBudget && 'bundle over its gzip budget',
  parseWorst && parseWorst.worstMs > 50 && 'a markdown body took more than 50 ms (one long task) to parse',
  render && !render.isWithinGoal && 'first visit slower than the goal',
  render && !render.isReturnPaintedBeforeNetwork && 'return visit not painted before the network',
  render?.germanFirstVisit &&
    render.germanFirstVisit.medianMs > 1.05 * render.firstVisit.medianMs &&
    'a German first visit more than 5% slower than an English one',
  formattedRender && !formattedRender.isWithinGoal && 'formatted first visit slower than the goal',
  formattedRender &&
    !formattedRender.isReturnPaintedBeforeNetwork &&
    'formatted return visit not painted before the network',
  bigRender && !bigRender.isFirstScreenWithinGoal && 'big thread first screen slower than the goal',
  bigRender && !bigRender.isHeapWithinGoal && 'big thread JS heap over the goal',
  !bundle.isWithinGoal && 'hearth.js over its gzip goal',
  criticalPath && !criticalPath.isFirstVisitWithinGoal && 'first-visit critical path over its gzip goal',
  criticalPath &&
    !criticalPath.isReturnHearthAlone &&
    'return visit fetched more than hearth.js before its first comment',
  formattedCriticalPath &&
    !formattedCriticalPath.isFirstVisitWithinGoal &&
    'formatted first-visit critical path over its gzip goal',
  formattedCriticalPath &&
    !formattedCriticalPath.isReturnHearthAlone &&
    'formatted return visit fetched more than hearth.js before its first comment',
  transfer && !transfer.isFirstVisitApiWithinGoal && 'first visit API bytes over their goal',
  transfer && !transfer.isHearthWithinGoal && 'hearth.js on the wire over its goal',
  transfer && !transfer.isNewCommentWithinGoal && 'return visit after one new comment over its byte goal',
  transfer && !transfer.isUnchangedNotModified && 'unchanged return visit did not end in a 304',
  outbox && !outbox.isExactlyOnce && 'outbox replay stored a comment twice or lost one',
  outboxDefaultCompose &&
    !outboxDefaultCompose.isExactlyOnce &&
    'outbox replay (default compose time) stored a comment twice or lost one',
  load?.cells.some((cell) => !cell.isGoalMet) && 'thread reads missed their load goal in a cell',
  importResult && !importResult.isSqliteWithinGoal && 'SQLite import under 10,000 comments/s or over 200 MB',
].filter(Boolean);
if (failures.length > 0) {
  console.log(`Goals missed: ${failures.join('; ')}`);
  process.exitCode = 1;
}
