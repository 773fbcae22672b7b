// Fails when the widget's critical path exceeds its gzip budget (run after `npm run build`).
import { gzipBudgetBytes, lazyChunks, measureBundle } from './bundle-size.mjs';

const { files, rawBytes, gzipBytes, brotliBytes } = measureBundle();
const percent = ((gzipBytes / gzipBudgetBytes) * 100).toFixed(1);
console.log(
  `hearth.js critical path (${files.length} file${files.length === 1 ? '' : 's'}): ` +
    `${rawBytes} B raw, ${gzipBytes} B gzip, ${brotliBytes} B brotli; budget ${gzipBudgetBytes} B gzip (${percent}% used)`,
);
const lazy = lazyChunks();
if (lazy.length > 0) {
  console.log(
    `loaded after first paint: ${lazy.map((chunk) => `${chunk.file} ${chunk.gzipBytes} B gzip`).join(', ')}`,
  );
}
if (gzipBytes > gzipBudgetBytes) {
  console.error(`Over budget by ${gzipBytes - gzipBudgetBytes} B gzip.`);
  process.exit(1);
}
