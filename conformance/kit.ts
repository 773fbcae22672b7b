import type { Check, KitContext } from './check.js';

/** How one check went: `skip` when the gate failed and it was not run. */
export interface CheckResult {
  name: string;
  outcome: 'pass' | 'fail' | 'skip';
  /** The summary for a pass, the reason for a failure or a skip. */
  detail: string;
}

/** A result as the one line the kit prints for it. */
export function formatResult(result: CheckResult): string {
  return `${result.outcome.toUpperCase()} ${result.name}: ${result.detail}`;
}

/**
 * Runs `checks` one after another against `kit`, telling `report` of each as it ends. A check
 * fails with the reason it throws; when the first (the gate) fails, the others are skipped.
 */
export async function runChecks(
  kit: KitContext,
  checks: readonly Check[],
  report: (result: CheckResult) => void,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    let result: CheckResult;
    if (index > 0 && results[0]?.outcome === 'fail') {
      result = { name: check.name, outcome: 'skip', detail: `not run: ${results[0].name} failed` };
    } else {
      try {
        await check.run(kit);
        result = { name: check.name, outcome: 'pass', detail: check.summary };
      } catch (error) {
        result = { name: check.name, outcome: 'fail', detail: (error as Error).message };
      }
    }
    results.push(result);
    report(result);
  }
  return results;
}
