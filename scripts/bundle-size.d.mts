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
type Chunk = { file: string; gzipBytes: number };
/** The lazy chunks by when they load: beside a first visit's first request, for markdown, after the first paint, on demand. */
export function groupLazyChunks(entry?: string): {
  firstVisit: Chunk[];
  markdown: Chunk[];
  afterPaint: Chunk[];
  onDemand: Chunk[];
};
