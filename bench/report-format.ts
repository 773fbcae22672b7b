import type { Stats } from './stats.js';

// How the benchmark's printed tables format their cells.

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KiB`;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** Rows as aligned columns: the first left-aligned, the others right-aligned, a rule under the header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  const [header, ...body] = rows;
  return [line(header!), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

export function statsRow(label: string, stats: Stats): string[] {
  return [label, ms(stats.medianMs), ms(stats.minMs), ms(stats.maxMs)];
}

export function verdict(isMet: boolean): string {
  return isMet ? 'met' : 'NOT met';
}
