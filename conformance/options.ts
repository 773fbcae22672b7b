import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ThreadKeySchema } from '../src/protocol/index.js';
import { normalizeEndpoint } from '../src/sync/api-urls.js';

/** What a run of the kit was asked to do. */
export interface KitOptions {
  /** The endpoint, ending in '/'. */
  endpoint: string;
  /** The `Origin` to send: one of the site's origins. */
  origin: string;
  /** The admin token, or null to run as a guest. */
  adminToken: string | null;
  /** The thread to write test comments into. */
  thread: string;
}

export const usage = `Usage: npm run conformance -- <endpoint> [options]

Runs Hearth protocol v1's checklist (docs/protocol.md) against a server and prints one line per
check. Exits 0 when every check passes, 1 when any fails, 2 on a usage error.

  <endpoint>             the server's base URL, e.g. http://localhost:8787/
  --origin <url>         the Origin to send, one of the site's origins
                         (default: the endpoint's own origin)
  --admin-token <token>  post as a moderator, so proof of work and rate limits do not apply
                         (default: $HEARTH_ADMIN_TOKEN; without one it posts as a guest,
                         solving the proof of work and waiting out 429s)
  --thread <key>         the thread to write test comments into
                         (default: a new /hearth-conformance/<random> each run)
  --help                 print this text`;

/** Thrown for a command line the kit cannot run: the message says why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The origin of `text`, an http(s) URL; throws a UsageError naming `what` when it is not one. */
function readHttpUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} must be an http(s) URL, got "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what} must be an http(s) URL, got "${text}".`);
  }
  return url;
}

/** Reads the command line (`args`, without node and the script) and the environment; null for --help. */
export function readKitOptions(args: string[], env: NodeJS.ProcessEnv): KitOptions | null {
  let parsed: ReturnType<typeof parseKitArgs>;
  try {
    parsed = parseKitArgs(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'Name the endpoint.' : 'Name one endpoint only.');
  }
  const endpointUrl = readHttpUrl(positionals[0]!, 'The endpoint');
  const endpoint = normalizeEndpoint(endpointUrl.href, endpointUrl.href);
  const origin =
    values.origin === undefined ? endpointUrl.origin : readHttpUrl(values.origin, '--origin').origin;
  const adminToken = values['admin-token'] ?? env.HEARTH_ADMIN_TOKEN ?? '';
  if (values['admin-token'] === '') throw new UsageError('--admin-token must not be empty.');
  const thread = values.thread ?? `/hearth-conformance/${randomBytes(6).toString('hex')}`;
  const threadCheck = ThreadKeySchema.safeParse(thread);
  if (!threadCheck.success) throw new UsageError(`--thread: ${threadCheck.error.issues[0]?.message}`);
  return { endpoint, origin, adminToken: adminToken === '' ? null : adminToken, thread };
}

function parseKitArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      origin: { type: 'string' },
      'admin-token': { type: 'string' },
      thread: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
