import type { SourcePosition } from './import-item.js';

/** A bad record, as the summary reports it. */
export interface ReportedProblem extends SourcePosition {
  message: string;
}

/** What an import did, or (with `--dry-run`) would do. */
export interface ImportSummary {
  format: string;
  site: string;
  dryRun: boolean;
  /** Threads that received comments or a lock. */
  threads: number;
  /** Comments stored now (tombstones included), and how many of them are replies, tombstones, held. */
  comments: number;
  replies: number;
  tombstones: number;
  held: number;
  /** Comments stored by an earlier import of the same file: left as they are. */
  present: number;
  /** Replies whose parent is not in the file, stored at the top of their thread. */
  orphans: number;
  /** Bodies longer than the limit, cut (see html-to-markdown.ts's `fitBody`). */
  truncated: number;
  votes: number;
  lockedThreads: number;
  bans: number;
  /** Records left out, by reason (`spam`, `pingback`, `deleted, without replies`, …). */
  skipped: Record<string, number>;
  /** Bad records (reported, and skipped with `--skip-bad`). */
  problems: ReportedProblem[];
}

/** Most problems a summary lists; the count says how many there were. */
export const problemListMax = 50;

/** The summary as lines for a terminal. */
export function formatSummary(summary: ImportSummary, problemCount: number): string {
  const verb = summary.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} into site "${summary.site}" from ${summary.format}${summary.dryRun ? ' (dry run: nothing was written)' : ''}:`,
    `  threads:    ${summary.threads}${summary.lockedThreads > 0 ? ` (${summary.lockedThreads} locked)` : ''}`,
    `  comments:   ${summary.comments}`,
    `  replies:    ${summary.replies}`,
    `  tombstones: ${summary.tombstones}`,
    `  held:       ${summary.held}`,
    `  votes:      ${summary.votes}`,
  ];
  if (summary.bans > 0) lines.push(`  bans:       ${summary.bans}`);
  if (summary.present > 0) lines.push(`  already imported (left as they are): ${summary.present}`);
  if (summary.orphans > 0)
    lines.push(`  replies whose parent is not in the file (placed at the top): ${summary.orphans}`);
  if (summary.truncated > 0)
    lines.push(`  bodies over 10,000 characters, cut and marked […]: ${summary.truncated}`);
  const skipped = Object.entries(summary.skipped).sort((a, b) => b[1] - a[1]);
  const skippedTotal = skipped.reduce((sum, [, count]) => sum + count, 0);
  lines.push(`  skipped:    ${skippedTotal}`);
  for (const [reason, count] of skipped) lines.push(`    ${reason}: ${count}`);
  if (problemCount > 0) {
    lines.push(`  bad records skipped (--skip-bad): ${problemCount}`);
    lines.push(...formatProblems(summary.problems, problemCount).map((line) => `  ${line}`));
  }
  return lines.join('\n');
}

/** Problems as `line L, column C: message` lines, with a last line for those not listed. */
export function formatProblems(problems: readonly ReportedProblem[], problemCount: number): string[] {
  // By position: a reader may find them out of order (Commento's commenters are read first).
  const lines = [...problems]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((problem) => `  line ${problem.line}, column ${problem.column}: ${problem.message}`);
  if (problemCount > problems.length) lines.push(`  … and ${problemCount - problems.length} more`);
  return lines;
}
