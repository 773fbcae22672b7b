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

/**
 * The `p`th percentile (0–100) of `values` by the nearest-rank method: the smallest value that
 * at least `p`% of the values are at or below; NaN when empty.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
