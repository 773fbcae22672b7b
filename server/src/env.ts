import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (two levels above this file), against which relative paths resolve. The
 * `hearth` command's bundle, server/dist/hearth.mjs (server/bin/load-cli.js), sits at this
 * file's depth, so the same holds there.
 */
export const repoRoot = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** What `main.ts` takes from the environment. */
export interface ServerEnv {
  /** `PORT`: 0–65535, default 8787; 0 picks any free port. */
  port: number;
  /** `HOST`: the interface to listen on, default 127.0.0.1 (this machine only). */
  host: string;
  /**
   * `DATABASE_URL`: default `sqlite:data/hearth.db`. Relative `sqlite:` paths resolve against
   * the repository root, not the current directory, because `npm start --workspace server`
   * runs in `server/` while `npm start` at the root runs in the root.
   */
  databaseUrl: string;
  /**
   * `HEARTH_DIST`: the absolute path of the built widget's folder (`hearth.js`, `chunks/`,
   * `admin.js`), default `<repo>/dist`; a relative path resolves against the repository root.
   */
  distDir: string;
}

/** Reads and validates the server's environment; throws an Error whose message names the variable at fault. */
export function readServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const portText = env.PORT?.trim() || '8787';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new Error(`PORT must be an integer from 0 to 65535 (0 picks a free port), got "${env.PORT}".`);
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  if (/\s/.test(host)) throw new Error(`HOST must be a host name or IP address, got "${env.HOST}".`);
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:data/hearth.db';
  const distDir = path.resolve(repoRoot, env.HEARTH_DIST?.trim() || 'dist');
  return { port, host, databaseUrl, distDir };
}

/** The URL to print for a listening address; IPv6 literals need brackets. */
export function formatOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/**
 * Whether `host` is reachable from this machine only: `localhost`, `::1`, or 127.0.0.0/8.
 * Anything else, `0.0.0.0` and `::` included, may be reachable from other machines.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
