/** How long an earlier build's chunks stay in dist/, in milliseconds (7 days). */
export const defaultKeepMs: number;
/**
 * Deletes from `distDir` what neither the current build nor a page opened in the last `keepMs`
 * can load; returns the deleted files' paths.
 */
export function pruneDist(distDir?: string, options?: { keepMs?: number; nowMs?: number }): string[];
