import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot, tsxLoader } from './server-process.js';

const kitFile = fileURLToPath(new URL('../../../conformance/run.ts', import.meta.url));

/** What one run of the conformance kit printed, and how it exited. */
export interface KitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each check's line, by check name: its outcome (`PASS`, `FAIL`, `SKIP`) and the rest of the line. */
  checks: Map<string, { outcome: string; detail: string }>;
}

/**
 * Runs `npm run conformance`'s script (conformance/run.ts) in its own process with `args`;
 * `HEARTH_ADMIN_TOKEN` is cleared unless `env` sets it.
 */
export function runConformanceKit(args: string[], env: Record<string, string> = {}): Promise<KitRun> {
  const child = spawn(process.execPath, ['--import', tsxLoader, kitFile, ...args], {
    cwd: repoRoot,
    env: { ...process.env, HEARTH_ADMIN_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const checks = new Map<string, { outcome: string; detail: string }>();
      for (const match of stdout.matchAll(/^(PASS|FAIL|SKIP) ([a-z-]+): (.*)$/gm)) {
        checks.set(match[2]!, { outcome: match[1]!, detail: match[3]! });
      }
      resolve({ code, stdout, stderr, checks });
    });
  });
}
