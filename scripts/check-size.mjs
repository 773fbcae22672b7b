// Fails when the widget's critical path exceeds its gzip budget (run after `npm run build`).
import { basename } from 'node:path';
import { groupLazyChunks, gzipBudgetBytes, measureBundle } from './bundle-size.mjs';

const { files, rawBytes, gzipBytes, brotliBytes } = measureBundle();
const percent = ((gzipBytes / gzipBudgetBytes) * 100).toFixed(1);
console.log(
  `hearth.js critical path (${files.length} file${files.length === 1 ? '' : 's'}): ` +
    `${rawBytes} B raw, ${gzipBytes} B gzip, ${brotliBytes} B brotli; budget ${gzipBudgetBytes} B gzip (${percent}% used)`,
);
const sum = (chunks) => chunks.reduce((total, chunk) => total + chunk.gzipBytes, 0);
const list = (chunks) =>
  chunks.map((chunk) => `${basename(chunk.file)} ${chunk.gzipBytes} B`).join(', ') || 'none';
const { firstVisit, markdown, afterPaint, onDemand } = groupLazyChunks();
console.log(
  `first visit, before the first comment: hearth.js + ${list(firstVisit)} = ${gzipBytes + sum(firstVisit)} B gzip; ` +
    `a page with markdown from a server that sends no body trees adds ${list(markdown)} = ` +
    `${gzipBytes + sum(firstVisit) + sum(markdown)} B gzip`,
);
console.log(`return visit, before the first comment: hearth.js alone, ${gzipBytes} B gzip`);
console.log(`after the first paint: ${list(afterPaint)} (${sum(afterPaint)} B gzip)`);
console.log(`on demand (big threads, counts, a full disk): ${list(onDemand)}`);
if (gzipBytes > gzipBudgetBytes) {
  console.error(`Over budget by ${gzipBytes - gzipBudgetBytes} B gzip.`);
  process.exit(1);
}
