/**
 * The parser's work, counted in steps (a character looked at, a node moved, a delimiter
 * visited), so tests can bound it without a clock. Module state: parsing is synchronous.
 */
export const stepCounter = { steps: 0 };

/** Records `count` steps of work. */
export function countSteps(count = 1): void {
  stepCounter.steps += count;
}
