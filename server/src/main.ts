/**
 * Starts the Hearth reference server: the only module that opens a port.
 *
 * Environment: PORT (default 8787; 0 = any free port), HOST (default 127.0.0.1), DATABASE_URL
 * (default sqlite:data/hearth.db, relative paths resolved against the repository root;
 * postgres://user:password@host:5432/database for PostgreSQL, migrated before listening; see
 * store/open-store.ts), HEARTH_DIST (default dist, the built widget's folder), and HEARTH_CONFIG,
 * HEARTH_ADMIN_TOKEN, HEARTH_SECRET, HEARTH_TRUST_PROXY, HEARTH_COMPRESSION, HEARTH_SOURCE_MAPS,
 * HEARTH_SMTP_URL, HEARTH_MAIL_FROM, HEARTH_PUBLIC_URL (see config-file.ts).
 * Runs the job worker (jobs/hearth-jobs.ts: emails) once listening, and stops it on shutdown.
 * Serves the API, `dist/hearth.js` and `demo/`; without a config file and on a loopback HOST,
 * the demo site also gets an SSO secret and the demo's sign-in, `POST /demo/sso-token`
 * (routes/demo-sso.ts). Logs one JSON object a line (log/log-line.ts): where its configuration
 * came from, one line per site, a warning per site id the database holds comments of that no
 * configured site has (log/missing-sites.ts), then `Hearth listening on http://HOST:PORT/` (event
 * `listening`) once listening; exits 0 on SIGINT or SIGTERM after closing the server and the
 * store, and 1 with a message naming the variable or field on bad configuration.
 */
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { resolveConfig } from './config.js';
import { defaultConfigFileName, loadHearthConfig, type LoadedHearthConfig } from './config-file.js';
import { formatOrigin, isLoopbackHost, readServerEnv, repoRoot, type ServerEnv } from './env.js';
import type { ChangeNotifier } from './live/change-notifier.js';
import { createHearthJobs } from './jobs/hearth-jobs.js';
import { openChangeNotifier } from './live/open-change-notifier.js';
import { logInfo, LogLevel, logProblem } from './log/log-line.js';
import { warnOfMissingSites } from './log/missing-sites.js';
import type { SiteConfig } from './site-config.js';
import type { CommentStore } from './store/comment-store.js';
import { openStore } from './store/open-store.js';

// In-flight requests get this long to finish on shutdown before their connections are cut.
const shutdownGraceMs = 5000;

/** The demo sites with an SSO secret the store keeps (random, 43 characters), for demo/sso.html. */
async function withDemoSso(sites: SiteConfig[], demoStore: CommentStore): Promise<SiteConfig[]> {
  const secret = await demoStore.readSecret('demo-sso');
  return sites.map((site) => ({ ...site, sso: { secret, holdNewUsers: false, emailsVerified: true } }));
}

function fail(message: string): never {
  logProblem(LogLevel.error, { event: 'startup_failed', msg: `Hearth: ${message}` });
  process.exit(1);
}

let env: ServerEnv;
try {
  env = readServerEnv(process.env);
} catch (error) {
  fail((error as Error).message);
}

let loaded: LoadedHearthConfig;
try {
  loaded = loadHearthConfig(process.env, repoRoot);
} catch (error) {
  fail((error as Error).message);
}
const { config } = loaded;
// Only the built-in demo site signs readers in itself (demo/sso.html); a configured site's
// tokens come from that site's own backend. The demo signer signs any name as verified, so an
// unconfigured server that other machines can reach does without it.
const isDemoSite = loaded.file === null;
const isDemoSignInOn = isDemoSite && isLoopbackHost(env.host);

let store: CommentStore;
try {
  store = await openStore(env.databaseUrl, repoRoot);
} catch (error) {
  fail(`cannot open the store: ${(error as Error).message}`);
}

let changes: ChangeNotifier;
try {
  changes = await openChangeNotifier(env.databaseUrl, store);
} catch (error) {
  await store.close();
  fail(`cannot listen for changes in the database: ${(error as Error).message}`);
}

let sites = config.sites;
if (isDemoSignInOn) {
  try {
    sites = await withDemoSso(sites, store);
  } catch (error) {
    fail(`cannot read the demo's SSO secret from the store: ${(error as Error).message}`);
  }
}

const appConfig = resolveConfig({
  assets: {
    widgetFile: path.join(env.distDir, 'hearth.js'),
    demoDir: path.join(repoRoot, 'demo'),
  },
  sites,
  admins: config.admins,
  secret: config.secret,
  trustProxy: config.trustProxy,
  compression: config.compression,
  sourceMaps: config.sourceMaps,
  streamsPerClient: config.streamsPerClient,
  demoSso: isDemoSignInOn,
  email: config.email ?? null,
  publicUrl: config.publicUrl ?? null,
});
// Every process runs a worker: on PostgreSQL they share the queue, each job taken by one.
const jobs = createHearthJobs(store, appConfig, { worker: { leaseMs: config.jobLeaseSeconds * 1000 } });
const app = createApp(store, appConfig, { changes, jobs: jobs.worker });

// Which file was read and which origins each site answers: the first things to check when a
// page gets origin_not_allowed. Admin names only, never their tokens. One JSON object a line.
logInfo(
  loaded.file === null
    ? {
        event: 'config',
        msg: `Hearth config: no ${defaultConfigFileName}, serving the demo site (set HEARTH_CONFIG to use a file)`,
        file: null,
      }
    : { event: 'config', msg: `Hearth config: ${loaded.file}`, file: loaded.file },
);
for (const site of config.sites) {
  logInfo({
    event: 'site',
    msg: `Hearth site ${site.id}: ${site.origins.join(', ')} (moderation: ${site.moderation})`,
    site: site.id,
    origins: site.origins,
    moderation: site.moderation,
  });
}
// A site renamed in the config leaves its comments under the old id, where no page reads them.
try {
  await warnOfMissingSites(
    store,
    config.sites.map((site) => site.id),
  );
} catch (error) {
  logProblem(LogLevel.warn, {
    event: 'site_check_failed',
    msg: 'Hearth could not list the site ids the database holds',
    error,
  });
}
if (isDemoSignInOn) {
  logInfo({
    event: 'demo_sign_in',
    msg: 'Hearth demo sign-in: POST /demo/sso-token signs SSO tokens for the demo site',
  });
} else if (isDemoSite) {
  logProblem(LogLevel.warn, {
    event: 'demo_sign_in_off',
    msg: `Hearth demo sign-in is off: it signs any name as verified, and HOST ${env.host} is not loopback. Write a config file, or listen on 127.0.0.1`,
    host: env.host,
  });
}
if (config.trustProxy)
  logInfo({ event: 'trust_proxy', msg: 'Hearth trusts X-Forwarded-For from the proxy in front of it' });
if (!config.compression) {
  logInfo({ event: 'compression_off', msg: 'Hearth compression is off: the proxy in front should compress' });
}
if (config.sourceMaps)
  logInfo({ event: 'source_maps', msg: 'Hearth serves the source maps of its built files' });
if (config.email) {
  logInfo({
    event: 'email',
    msg: `Hearth email: on, from ${config.email.from}, links to ${config.publicUrl}`,
    from: config.email.from,
    publicUrl: config.publicUrl,
  });
}
if (config.admins.length > 0) {
  const names = config.admins.map((admin) => admin.name);
  logInfo({ event: 'admins', msg: `Hearth admins: ${names.join(', ')}`, admins: names });
}

const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
  const url = formatOrigin(env.host, info.port);
  logInfo({ event: 'listening', msg: `Hearth listening on ${url}`, url });
  jobs.worker.start();
});

server.on('error', (error: NodeJS.ErrnoException) => {
  void store
    .close()
    .finally(() => fail(`cannot listen on HOST ${env.host} PORT ${env.port}: ${error.message}`));
});

let isShuttingDown = false;

async function shutdown(): Promise<void> {
  if (isShuttingDown) return;
  isShuttingDown = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if ('closeIdleConnections' in server) {
    server.closeIdleConnections();
    // Busy connections (a request in flight, an event stream until it ends) close once idle,
    // rather than waiting out their keep-alive timeout.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    // Not unref'd: the process must stay up until the store is closed, even if nothing else is pending.
    setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
  }
  // Ends the event streams, which would otherwise hold the close for the whole grace period;
  // their readers reconnect, to another process or to this one restarted.
  await changes.close();
  await closed;
  // The job running finishes (or its lease ends and another process takes it again).
  await jobs.close();
  await store.close();
  process.exit(0);
}

process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
