import { waitUntil as waitUntilOrTimeOut } from '@open-wc/testing';

/**
 * How long a wait may last before the test fails, in ms: it only bounds a hang. Two busy
 * cores made @open-wc's default of 1 s fail tests that were right, so no wait goes below it.
 */
export const hangCapMs = 15_000;

export interface WaitOptions {
  /** How often the predicate is checked, in ms. Default 50. */
  intervalMs?: number;
  /** A longer cap for work that is large by design (10,000 comments), in ms; never below {@link hangCapMs}. */
  capMs?: number;
}

/**
 * Resolves once `predicate` holds; fails only when it never does (see {@link hangCapMs}). A
 * predicate that throws has not held yet: a slow machine can poll between two renders, when a
 * part a helper such as `part()` insists on is briefly absent. The last error is reported.
 */
export async function waitUntil(
  predicate: () => unknown,
  message?: string,
  { intervalMs = 50, capMs = hangCapMs }: WaitOptions = {},
): Promise<void> {
  let lastError: unknown;
  const holds = async (): Promise<boolean> => {
    try {
      return Boolean(await predicate());
    } catch (error) {
      lastError = error;
      return false;
    }
  };
  try {
    await waitUntilOrTimeOut(holds, message, { interval: intervalMs, timeout: Math.max(capMs, hangCapMs) });
  } catch (error) {
    if (lastError instanceof Error) (error as Error).message += ` (last: ${lastError.message})`;
    throw error;
  }
}
