import { ms, table, verdict } from './report-format.js';
import type { TransferResult, VisitTransfer } from './transfer.js';

function visitRow(label: string, visit: VisitTransfer): string[] {
  const statuses = visit.exchanges.map((exchange) => `${exchange.method} ${exchange.status}`).join(', ');
  const isEstimated = visit.exchanges.some((exchange) => exchange.isEstimated);
  const { wire } = visit;
  return [
    label,
    String(visit.requests),
    `${isEstimated ? '~' : ''}${visit.totalBytes} B`,
    `${wire.apiBytes} B`,
    `${wire.apiDecodedBytes} B`,
    wire.apiEncodings.join(', ') || '–',
    `${wire.hearthBytes} B`,
    `${wire.scriptBytes} B`,
    statuses,
  ];
}

/** Prints the API and script bytes of a first visit and of return visits, against their goals. */
export function printTransfer(result: TransferResult): void {
  console.log(
    `\nTransfer: real server, ${result.comments} comments on the demo thread (seeded in ${ms(result.seedMs)}), ${result.browser}`,
  );
  console.log(
    'API both ways = request headers + body + response headers + body (Playwright sizes); ' +
      'received = CDP encodedDataLength of the /api/ answers (event stream excluded), decoded = their bodies decoded; ' +
      'hearth.js and scripts = CDP encodedDataLength (0 from the HTTP cache)',
  );
  console.log(
    table([
      [
        'visit',
        'requests',
        'API both ways',
        'API received',
        'decoded',
        'encoding',
        'hearth.js',
        'scripts',
        'requests (status)',
      ],
      visitRow('first visit (empty IndexedDB)', result.firstVisit),
      visitRow('(a) return, 1 new comment', result.newComment),
      ...result.unchanged.map((visit, index) =>
        visitRow(`(b) return, nothing new${result.unchanged.length > 1 ? ` #${index + 1}` : ''}`, visit),
      ),
    ]),
  );
  const first = result.firstVisit.wire;
  console.log(
    `first visit API received ${first.apiBytes} B (goal ≤ ${result.goalFirstVisitApiBytes} B): ${verdict(result.isFirstVisitApiWithinGoal)}; ` +
      `hearth.js ${first.hearthBytes} B on the wire (goal ≤ ${result.goalHearthBytes} B): ${verdict(result.isHearthWithinGoal)}`,
  );
  console.log(
    `(a) ${result.newComment.totalBytes} B both ways (goal ≤ ${result.goalNewCommentBytes} B): ${verdict(result.isNewCommentWithinGoal)}; ` +
      `(b) last GET answered ${result.unchanged.at(-1)!.finalGetStatus}: ${result.isUnchangedNotModified ? '304 as expected' : 'NOT a 304'}`,
  );
}
