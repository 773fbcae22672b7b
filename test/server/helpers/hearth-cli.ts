import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const hearthBin = path.join(repoRoot, 'server/bin/hearth.js');

/** What one run of a command did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node` with `nodeArgs` (a script and its arguments) in its own process with `env` over the
 * test process's environment, in `cwd` (default: the repository), and collects what it printed.
 */
export function runNodeCommand(
  nodeArgs: string[],
  env: Record<string, string>,
  cwd = repoRoot,
): Promise<CliRun> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the real `hearth` command (server/bin/hearth.js) in its own process with `env` over the
 * test process's environment (DATABASE_URL, HEARTH_CONFIG), in `cwd` (default: the repository).
 */
export function runHearthCli(args: string[], env: Record<string, string>, cwd = repoRoot): Promise<CliRun> {
  return runNodeCommand([hearthBin, ...args], { INIT_CWD: cwd, ...env }, cwd);
}
