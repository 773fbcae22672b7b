import type { CriticalPathResult, CriticalPathVisit, ScriptFetch } from './critical-path.js';
import { table, verdict } from './report-format.js';

function chunkName(script: ScriptFetch): string {
  return script.file.replace(/^\/chunks\//, '').replace(/-[\w-]{8}\.js$/, '');
}

function scriptRow(label: string, script: ScriptFetch): string[] {
  const source = script.isFromCache ? 'cache' : `${script.status} ${script.contentEncoding ?? 'identity'}`;
  return [
    label,
    chunkName(script),
    source,
    `${script.wireBytes} B`,
    `${script.decodedBytes} B`,
    `${script.gzipBytes} B`,
    `${script.brotliBytes} B`,
    `${script.requestedMs.toFixed(0)} ms`,
  ];
}

function visitRows(label: string, visit: CriticalPathVisit): string[][] {
  const totals = visit.beforeTotals;
  return [
    ...visit.before.map((script) => scriptRow(`${label}, before`, script)),
    [
      `${label}, before: total`,
      `${visit.before.length} files`,
      '',
      `${totals.wireBytes} B`,
      `${totals.decodedBytes} B`,
      `${totals.gzipBytes} B`,
      `${totals.brotliBytes} B`,
      `${visit.firstCommentMs.toFixed(0)} ms¹`,
    ],
    ...visit.after.map((script) => scriptRow(`${label}, after`, script)),
  ];
}

/** Prints the widget scripts fetched before and after the first comment, first and return visits. */
export function printCriticalPath(result: CriticalPathResult): void {
  console.log(
    `\nCritical path as fetched: ${result.comments} comments (${result.bodyFormat} bodies) from the reference server, ${result.browser}`,
  );
  console.log(
    'wire = CDP encodedDataLength (headers + body as sent); gzip/brotli = the built file at -9 / q11; when = request sent relative to the first comment',
  );
  console.log(
    table([
      ['visit', 'script', 'answer', 'wire', 'decoded', 'gzip -9', 'brotli', 'when'],
      ...visitRows('first visit', result.firstVisit),
      ...visitRows('return visit', result.returnVisit),
    ]),
  );
  console.log('¹ from inserting <hearth-comments> to its first comment laid out');
  const first = result.firstVisit.beforeTotals;
  console.log(
    `first visit before the first comment: ${first.gzipBytes} B gzip, ${first.brotliBytes} B brotli, ${first.wireBytes} B on the wire, ${first.decodedBytes} B decoded ` +
      `(goal ≤ ${result.goalCriticalGzipBytes} B gzip): ${verdict(result.isFirstVisitWithinGoal)}`,
  );
  const returned = result.returnVisit.before.map(chunkName).join(' + ') || 'nothing';
  console.log(
    `return visit before the first comment: ${returned} (goal: hearth alone): ${verdict(result.isReturnHearthAlone)}`,
  );
}
