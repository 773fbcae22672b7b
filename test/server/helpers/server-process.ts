import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `npm start` runs. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainFile = fileURLToPath(new URL('../../../server/src/main.ts', import.meta.url));
// Resolved here, so the child finds tsx whatever its working directory.
export const tsxLoader = import.meta.resolve('tsx');

/** A spawned `server/src/main.ts` and what it has printed so far. */
export interface ServerProcess {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns main.ts with the given environment on top of ours; the caller must kill it. */
export function spawnServer(env: Record<string, string>, cwd = repoRoot): ServerProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, mainFile], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (output.stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output.stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output, exited };
}

/** The log lines of `text` (complete lines only), each parsed; throws when one is not a JSON object. */
export function readLogLines(text: string): Array<{ level: string; event: string; msg: string }> {
  return text
    .split('\n')
    .slice(0, -1)
    .filter((line) => line !== '')
    .map((line) => {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || !('msg' in parsed)) {
        throw new Error(`not a structured log line: ${line}`);
      }
      return parsed as { level: string; event: string; msg: string };
    });
}

/** The `msg` of each log line in `text`, one a line, for matching as the lines read. */
export function readLogMessages(text: string): string {
  return readLogLines(text)
    .map((line) => line.msg)
    .join('\n');
}

/** Waits for the `Hearth listening on <url>` line and returns the URL's origin. */
export async function waitForListening(server: ServerProcess, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /^Hearth listening on (http:\/\/\S+\/)$/m.exec(readLogMessages(server.output.stdout));
    if (match?.[1]) return new URL(match[1]).origin;
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`server exited before listening:\n${server.output.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`server did not print its listening line in ${timeoutMs} ms:\n${server.output.stderr}`);
}

/** Kills a spawned server if it is still running and waits for it to go. */
export async function killServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}
