import { relative } from 'node:path';
import { gzipBudgetBytes, measureBundle } from '../scripts/bundle-size.mjs';

/** Where issue #11 aims `hearth.js` (gzip -9), below the CI ceiling of scripts/bundle-size.mjs. */
export const gzipGoalBytes = 18_000;

/** The widget's size: every file a reader downloads before the thread renders, in bytes. */
export interface BundleSize {
  /** The entry and every file it imports statically, relative to the current directory. */
  files: string[];
  rawBytes: number;
  /** gzip at level 9, summed over `files`. */
  gzipBytes: number;
  /** brotli at quality 11, summed over `files`. */
  brotliBytes: number;
  gzipBudgetBytes: number;
  isWithinBudget: boolean;
  gzipGoalBytes: number;
  isWithinGoal: boolean;
}

/**
 * Measures the bundle at `entry` with the same code `npm run size` uses
 * (scripts/bundle-size.mjs), so the benchmark and the CI budget check never disagree.
 */
export function measureBundleSize(entry: string): BundleSize {
  const measured = measureBundle(entry);
  return {
    ...measured,
    files: measured.files.map((file) => relative(process.cwd(), file)),
    gzipBudgetBytes,
    isWithinBudget: measured.gzipBytes <= gzipBudgetBytes,
    gzipGoalBytes,
    isWithinGoal: measured.gzipBytes <= gzipGoalBytes,
  };
}
