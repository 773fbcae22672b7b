import { limits } from '../../src/protocol/index.js';
import { formatLogLine, LogLevel } from './log/log-line.js';
import { demoSite, type AdminConfig, type EmailConfig, type SiteConfig } from './site-config.js';

/** Files the server hands to browsers next to the API; absent means the server is API-only. */
export interface AssetsConfig {
  /** Absolute path of the built widget, e.g. `<repo>/dist/hearth.js`; its `.map` sits beside it. */
  widgetFile: string;
  /** Absolute path of the demo pages; `/` serves its `index.html`. */
  demoDir: string;
}

/** Everything `createApp` can be told; every field has a default except `assets`. */
export interface ServerConfig {
  /** Most comments in one page of changes; 1 to `limits.pageMaxComments`, default 200. */
  pageSize: number;
  /**
   * Most comments in a page a client asks for with `?limit=` (a first visit asks for
   * `limits.pageMaxComments`); larger limits are cut to it. 1 to `limits.pageMaxComments`, default 1000.
   */
  pageMaxSize: number;
  /** Largest request body read, in bytes; default `limits.requestMaxBytes` (64 KiB). */
  requestMaxBytes: number;
  /** Widget and demo files to serve; when absent only `/api/*` is served. */
  assets?: AssetsConfig;
  /** The server's clock in ms since the epoch; tests pin it. Default `Date.now`. */
  now: () => number;
  /**
   * Where unexpected errors go before a generic 500 is sent; default: one JSON line on stderr
   * (log/log-line.ts), its stack escaped with the rest.
   */
  logError: (error: unknown) => void;
  /** Where the audit trail of admin actions is printed, one JSON line each; default `console.log`. */
  logInfo: (line: string) => void;
  /**
   * Where warnings an operator should act on are printed, one JSON line each (a page refused
   * for an origin no site lists, at most once per origin per 10 minutes); default `console.error`.
   */
  logWarn: (line: string) => void;
  /** The sites this server answers for; the first is the default. Default: the demo site. */
  sites: SiteConfig[];
  /** Who may use the admin page and API. Default: nobody. */
  admins: AdminConfig[];
  /** Secret for IP hashes and challenge signatures; default: one the store keeps. */
  secret?: string;
  /** Trust `X-Forwarded-For` for the client address. Default false. */
  trustProxy: boolean;
  /**
   * Serve `POST /demo/sso-token`, which signs an SSO token for any name (routes/demo-sso.ts),
   * for the first site, which must have `sso`. Only for the built-in demo site. Default false.
   */
  demoSso: boolean;
  /**
   * Compress answers by the request's `Accept-Encoding`: built files, and JSON of 1 KB or more
   * (brotli where accepted, else gzip). Default true; false for a proxy in front that compresses.
   */
  compression: boolean;
  /**
   * Serve the built files' source maps (`/hearth.js.map`, `/admin.js.map`, chunks' `.map`);
   * when false they answer 404. Default false: they carry the whole source.
   */
  sourceMaps: boolean;
  /**
   * Most event streams (`GET …/events`) one client network (IP address) may hold open at once
   * in this process; more answer 429 `too_many_streams`. 1 to 100 000, default 20.
   */
  streamsPerClient: number;
  /** How often an idle event stream (`GET …/events`) sends a heartbeat, in ms; default 25 000. */
  heartbeatMs: number;
  /** How email is sent (reply notifications, moderator alerts); null: no email. Default null. */
  email: EmailConfig | null;
  /** Where readers reach this server, for links in emails (`https://comments.example.org`); default null. */
  publicUrl: string | null;
}

/** The configuration `createApp` uses for every field it is not given. */
const defaultConfig: ServerConfig = {
  pageSize: 200,
  pageMaxSize: limits.pageMaxComments,
  requestMaxBytes: limits.requestMaxBytes,
  now: () => Date.now(),
  logError: (error) =>
    console.error(
      formatLogLine(LogLevel.error, { event: 'unexpected_error', msg: 'Hearth: unexpected error', error }),
    ),
  logInfo: (line) => console.log(line),
  logWarn: (line) => console.error(line),
  sites: [demoSite],
  admins: [],
  trustProxy: false,
  demoSso: false,
  compression: true,
  sourceMaps: false,
  streamsPerClient: 20,
  heartbeatMs: 25_000,
  email: null,
  publicUrl: null,
};

/** Fills in defaults and throws a RangeError naming the first field that is out of range. */
export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  const config: ServerConfig = { ...defaultConfig };
  // Spread would copy explicit `undefined`s over the defaults.
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) Object.assign(config, { [key]: value });
  }
  if (!isIntegerIn(config.pageSize, 1, limits.pageMaxComments)) {
    throw new RangeError(
      `pageSize must be an integer from 1 to ${limits.pageMaxComments}, got ${config.pageSize}.`,
    );
  }
  if (!isIntegerIn(config.pageMaxSize, 1, limits.pageMaxComments)) {
    throw new RangeError(
      `pageMaxSize must be an integer from 1 to ${limits.pageMaxComments}, got ${config.pageMaxSize}.`,
    );
  }
  if (!isIntegerIn(config.requestMaxBytes, 1, Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`requestMaxBytes must be a positive integer, got ${config.requestMaxBytes}.`);
  }
  if (!isIntegerIn(config.streamsPerClient, 1, 100_000)) {
    throw new RangeError(
      `streamsPerClient must be an integer from 1 to 100000, got ${config.streamsPerClient}.`,
    );
  }
  if (!isIntegerIn(config.heartbeatMs, 1, 2_147_483_647)) {
    throw new RangeError(`heartbeatMs must be a positive integer of ms, got ${config.heartbeatMs}.`);
  }
  if (config.email !== null && config.publicUrl === null) {
    throw new RangeError('publicUrl must be set with email: the links in emails point to it.');
  }
  return config;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
