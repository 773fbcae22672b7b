import { countSteps } from './step-counter.js';

/**
 * Finds the closing backtick run of a code span in one pass: the text's maximal backtick runs
 * are listed once by length, and each length's cursor only moves forward, because openers are
 * met left to right. Without this, `` ` `` runs of many lengths make each opener rescan the rest.
 */
export function createBacktickRuns(text: string): (length: number, from: number) => number {
  const runsByLength = new Map<number, number[]>();
  for (let at = text.indexOf('`'); at !== -1; at = text.indexOf('`', at)) {
    const start = at;
    while (text[at] === '`') {
      countSteps();
      at += 1;
    }
    const runs = runsByLength.get(at - start) ?? [];
    runs.push(start);
    runsByLength.set(at - start, runs);
  }
  const cursors = new Map<number, number>();
  return (length, from) => {
    const runs = runsByLength.get(length);
    if (!runs) return -1;
    let cursor = cursors.get(length) ?? 0;
    while (cursor < runs.length && runs[cursor]! < from) {
      countSteps();
      cursor += 1;
    }
    cursors.set(length, cursor);
    return cursor < runs.length ? runs[cursor]! : -1;
  };
}

/** A code span's text: line ends as spaces, and one space stripped from each end if both have one. */
export function toCodeText(raw: string): string {
  const text = raw.replace(/\n/g, ' ');
  return text.length > 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== ''
    ? text.slice(1, -1)
    : text;
}
