import { fileURLToPath } from 'node:url';
import { runNodeCommand, type CliRun } from './hearth-cli.js';
import { tsxLoader } from './server-process.js';

const kitFile = fileURLToPath(new URL('../../../conformance/run.ts', import.meta.url));

/** What one run of the conformance kit printed, and how it exited. */
export interface KitRun extends CliRun {
  /** Each check's line, by check name: its outcome (`PASS`, `FAIL`, `SKIP`) and the rest of the line. */
  checks: Map<string, { outcome: string; detail: string }>;
}

/**
 * Runs `npm run conformance`'s script (conformance/run.ts) in its own process with `args`;
 * `HEARTH_ADMIN_TOKEN` is cleared unless `env` sets it.
 */
export async function runConformanceKit(args: string[], env: Record<string, string> = {}): Promise<KitRun> {
  const run = await runNodeCommand(['--import', tsxLoader, kitFile, ...args], {
    HEARTH_ADMIN_TOKEN: '',
    ...env,
  });
  const checks = new Map<string, { outcome: string; detail: string }>();
  for (const match of run.stdout.matchAll(/^(PASS|FAIL|SKIP) ([a-z-]+): (.*)$/gm)) {
    checks.set(match[2]!, { outcome: match[1]!, detail: match[3]! });
  }
  return { ...run, checks };
}
