import { Hono, type Context } from 'hono';
import { ErrorCode } from '../../src/protocol/index.js';
import { createAbuseGuard } from './abuse/abuse-guard.js';
import { createAdminAttemptCounter } from './admin/admin-token-throttle.js';
import { createAuditRecorder } from './admin/audit-log.js';
import type { AppDeps, AppEnv, AppServices } from './app-deps.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { ApiError } from './http/api-error.js';
import { compressBody } from './http/compress-body.js';
import { createStaticFileSender } from './http/static-files.js';
import { createEventQueue, createSecretReader } from './jobs/hearth-jobs.js';
import { createLocalChangeNotifier } from './live/local-change-notifier.js';
import { createJsonCompression } from './middleware/compress-json.js';
import { createApiCors } from './middleware/cors.js';
import { createSecurityHeaders } from './middleware/security-headers.js';
import { createSiteResolver } from './middleware/site.js';
import { registerAdminPage } from './routes/admin/admin-page.js';
import { registerAdminRoutes } from './routes/admin/admin-routes.js';
import { registerAssetRoutes } from './routes/assets.js';
import { registerChallengeRoutes } from './routes/challenge.js';
import { registerCommentEditRoutes } from './routes/comment-edit.js';
import { registerCommentRoutes } from './routes/comments.js';
import { registerCountRoutes } from './routes/counts.js';
import { registerDemoSsoRoutes } from './routes/demo-sso.js';
import { registerEmailLinkRoutes } from './routes/email-links.js';
import { registerFeedRoutes } from './routes/feeds.js';
import { registerModerationLinkRoutes } from './routes/moderation-links.js';
import { registerMyCommentRoutes } from './routes/my-comments.js';
import { registerOpenApiRoutes } from './routes/openapi.js';
import { registerThreadEventRoutes } from './routes/thread-events.js';
import { registerVoteRoutes } from './routes/votes.js';
import { createIpHasher } from './security/ip-hash.js';
import type { CommentStore } from './store/comment-store.js';

/**
 * Builds the Hearth HTTP app over a store: protocol v1 under `/api/v1`, the admin API under
 * `/api/v1/admin`, plus the widget, demo and admin pages when `config.assets` is set (and the
 * demo's sign-in, `POST /demo/sso-token`, when `config.demoSso` is). Opens no
 * port and does no I/O until a request comes. `services.changes` carries thread changes to the
 * event streams of every process (default: this process only); `services.compress` compresses
 * answers when `config.compression` is on (default: node:zlib). Throws a RangeError naming the field when
 * `config` is out of range.
 */
export function createApp(
  store: CommentStore,
  config: Partial<ServerConfig> = {},
  services: AppServices = {},
): Hono<AppEnv> {
  const resolved = resolveConfig(config);
  const readSecret = createSecretReader(store, resolved);
  const hashIp = createIpHasher(readSecret);
  const deps: AppDeps = {
    store,
    config: resolved,
    hashIp,
    abuse: createAbuseGuard({ store, readSecret }),
    audit: createAuditRecorder({ store, now: resolved.now, log: resolved.logInfo }),
    countAdminAttempt: createAdminAttemptCounter({
      store,
      now: resolved.now,
      trustProxy: resolved.trustProxy,
      hashIp,
    }),
    changes: services.changes ?? createLocalChangeNotifier(),
    compress: services.compress ?? compressBody,
    queueEvent: createEventQueue(store, resolved, services.jobs ?? { wake() {} }),
  };
  const app = new Hono<AppEnv>();

  app.use('*', createSecurityHeaders());
  app.use('/api/*', createApiCors(resolved));
  app.use('/api/*', createSiteResolver(resolved));
  app.use('/api/*', async (c, next) => {
    c.set('countAdminAttempt', deps.countAdminAttempt);
    await next();
  });
  if (resolved.compression) app.use('/api/*', createJsonCompression(deps.compress));

  registerCommentRoutes(app, deps);
  registerMyCommentRoutes(app, deps);
  registerCommentEditRoutes(app, deps);
  registerThreadEventRoutes(app, deps);
  registerChallengeRoutes(app, deps);
  registerCountRoutes(app, deps);
  registerFeedRoutes(app, deps);
  registerVoteRoutes(app, deps);
  registerOpenApiRoutes(app);
  registerAdminRoutes(app, deps);
  registerEmailLinkRoutes(app, deps);
  registerModerationLinkRoutes(app, deps);
  if (resolved.demoSso) registerDemoSsoRoutes(app, deps);
  if (resolved.assets) {
    const sendFile = createStaticFileSender({ isEnabled: resolved.compression, compress: deps.compress });
    registerAdminPage(app, resolved.assets, sendFile, resolved.sourceMaps);
    registerAssetRoutes(app, resolved.assets, sendFile, resolved.sourceMaps);
  }

  app.notFound((c) =>
    sendError(c, new ApiError(404, ErrorCode.notFound, `Nothing here: ${c.req.method} ${c.req.path}`)),
  );

  // The one place errors become responses; anything not an ApiError is our bug, so the client
  // gets a generic message and the details stay in the server log.
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    resolved.logError(error);
    return sendError(
      c,
      new ApiError(500, ErrorCode.internal, 'Something went wrong on the server. Please try again.'),
    );
  });

  return app;
}

function sendError(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  // A 304-eligible header set earlier in the handler must not leak onto an error.
  c.header('ETag', undefined);
  c.header('Cache-Control', 'no-store');
  return c.json(error.toResponseBody(), error.status);
}
