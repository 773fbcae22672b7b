/** A set of timings: its median, extremes and every sample, in ms. */
export interface Stats {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median, min and max of timings in ms, keeping the samples. */
export function summarizeMs(samplesMs: number[]): Stats {
  return {
    medianMs: median(samplesMs),
    minMs: samplesMs.length === 0 ? Number.NaN : Math.min(...samplesMs),
    maxMs: samplesMs.length === 0 ? Number.NaN : Math.max(...samplesMs),
    samplesMs,
  };
}
