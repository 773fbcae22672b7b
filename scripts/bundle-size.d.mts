/** The critical-path budget, in gzip bytes. */
export const gzipBudgetBytes: number;
/** What /hearth.js loads before the thread can render, raw and compressed. */
export function measureBundle(entry?: string): {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
};
/** The chunks hearth.js imports only on demand, with their gzip bytes. */
export function lazyChunks(entry?: string): Array<{ file: string; gzipBytes: number }>;
