import { Hono } from 'hono';
import type { AdminMe, ThreadLock } from '../../../../src/protocol/admin.js';
import { createAdminAuth, type AdminEnv } from '../../admin/admin-auth.js';
import type { AdminContext } from '../../admin/admin-context.js';
import { createAdminSchemas } from '../../admin/admin-schemas.js';
import { AuditAction } from '../../admin/audit-log.js';
import { describeAuditEntries } from '../../admin/audit-subjects.js';
import { registerAdminBanRoutes } from './ban-routes.js';
import { registerAdminCommentRoutes } from './comment-routes.js';
import { registerAdminExportRoutes } from './export-routes.js';
import { registerAdminThreadRoutes } from './thread-routes.js';
import { registerAdminWebhookRoutes } from './webhook-routes.js';
import type { AppDeps, AppEnv } from '../../app-deps.js';
import { jsonBody, queryParams } from '../../middleware/request-validators.js';
import { methodNotAllowed } from '../method-not-allowed.js';

/** Where the admin API lives. */
const adminApiPath = '/api/v1/admin';

/**
 * Registers the admin API under `/api/v1/admin/…` (decision 0004, point 9). Every route, known
 * or not, first needs an admin token; every change is written to the audit log with the
 * admin's name and logged as one line through `config.logInfo` (default: stdout). The site comes from the
 * query or body, never from the Origin: the admin page is same-origin and spans every site.
 */
export function registerAdminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  const maxBytes = config.requestMaxBytes;
  const context: AdminContext = { deps, schemas: createAdminSchemas(config.sites) };
  const admin = new Hono<AdminEnv>();
  admin.use('*', createAdminAuth(deps));

  admin.get('/me', (c) =>
    c.json(
      {
        name: c.get('admin').name,
        sites: config.sites.map((site) => ({
          id: site.id,
          moderation: site.moderation,
          origins: site.origins,
        })),
      } satisfies AdminMe,
      200,
    ),
  );
  admin.all('/me', methodNotAllowed(['GET', 'HEAD']));

  registerAdminCommentRoutes(admin, context);

  admin.post('/threads/lock', jsonBody(context.schemas.lockBody, { maxBytes }), async (c) => {
    const { site, thread, locked } = c.req.valid('json');
    const before = await store.getThreadState(site, thread);
    if (before.locked !== locked) {
      await store.setThreadLocked(site, thread, locked);
      // A lock takes no seq: readers pull to learn it.
      deps.changes.publish({ site, thread, seq: 0 });
      await deps.audit(c.get('admin').name, {
        action: locked ? AuditAction.threadLock : AuditAction.threadUnlock,
        site,
        target: thread,
        detail: '',
      });
    }
    return c.json({ site, thread, locked } satisfies ThreadLock, 200);
  });
  admin.all('/threads/lock', methodNotAllowed(['POST']));
  registerAdminThreadRoutes(admin, context);

  registerAdminBanRoutes(admin, context);

  admin.get('/audit', queryParams(context.schemas.auditQuery), async (c) => {
    const { limit } = c.req.valid('query');
    const entries = await describeAuditEntries(store, config.sites, await store.listAudit(limit));
    return c.json({ entries }, 200);
  });
  admin.all('/audit', methodNotAllowed(['GET', 'HEAD']));

  registerAdminWebhookRoutes(admin, context);

  registerAdminExportRoutes(admin, context);

  app.route(adminApiPath, admin);
}
