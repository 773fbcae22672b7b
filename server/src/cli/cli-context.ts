import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadHearthConfig, type LoadedHearthConfig } from '../config-file.js';
import { readServerEnv, repoRoot, type ServerEnv } from '../env.js';

/** A command's failure: its message goes to stderr, and the process exits with `exitCode`. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    message: string,
    /** 1 the work failed, 2 the command line was wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Reads a command line with `parseArgs`; one that does not fit is a usage error, with `help`. */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  help: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CommandError(`${(error as Error).message}\n\n${help}`, 2);
  }
}

/** Where a command writes, so tests can capture it. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * The environment and configuration a command runs with: the server's own (`DATABASE_URL`,
 * `HEARTH_CONFIG`, …), read and checked exactly as the server's start-up reads them.
 */
export function readCommandConfig(env: NodeJS.ProcessEnv): {
  serverEnv: ServerEnv;
  loaded: LoadedHearthConfig;
} {
  try {
    return { serverEnv: readServerEnv(env), loaded: loadHearthConfig(env, repoRoot) };
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
}

/**
 * A path the person typed, resolved against the directory they typed it in: `npm run hearth`
 * runs in the repository root but records the caller's directory in `INIT_CWD`.
 */
export function resolveUserPath(file: string, env: NodeJS.ProcessEnv): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), file);
}

/** The configured site `id`, or a CommandError listing the sites there are. */
export function requireSite(loaded: LoadedHearthConfig, id: string | undefined): string {
  const ids = loaded.config.sites.map((site) => site.id);
  if (id === undefined) throw new CommandError(`--site is required: one of ${ids.join(', ')}.`, 2);
  if (!ids.includes(id)) {
    const where = loaded.file ?? 'the built-in demo configuration';
    throw new CommandError(`no site "${id}" in ${where}; the sites are: ${ids.join(', ')}.`);
  }
  return id;
}
