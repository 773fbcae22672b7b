import type { Hono } from 'hono';
import type { AdminThread } from '../../../../src/protocol/admin.js';
import { threadPageUrl } from '../../feeds/thread-page-url.js';
import { queryParams } from '../../middleware/request-validators.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import type { AdminEnv } from '../../admin/admin-auth.js';
import type { AdminContext } from '../../admin/admin-context.js';
import { encodeThreadCursor } from '../../admin/thread-cursor.js';

/**
 * Registers `GET /threads?site=&limit=&before=` under the admin app: one site's threads,
 * newest activity first, with their comment counts, lock state and page address. A full page
 * carries `nextBefore`, the `before` of the next one.
 */
export function registerAdminThreadRoutes(admin: Hono<AdminEnv>, context: AdminContext): void {
  const { deps, schemas } = context;

  admin.get('/threads', queryParams(schemas.threadsQuery, { decodable: true }), async (c) => {
    const { site: siteId, limit, before } = c.req.valid('query');
    const site = deps.config.sites.find((candidate) => candidate.id === siteId)!;
    const summaries = await deps.store.listThreads(siteId, { limit, ...(before ? { before } : {}) });
    const threads = summaries.map((summary): AdminThread => ({
      site: siteId,
      thread: summary.thread,
      published: summary.published,
      held: summary.held,
      lastActivityAt: summary.lastActivityMs === null ? null : new Date(summary.lastActivityMs).toISOString(),
      locked: summary.locked,
      url: threadPageUrl(site, summary.thread),
    }));
    const last = summaries.at(-1);
    // A short page is the last one; a full one may be followed by more.
    const nextBefore = summaries.length === limit && last ? encodeThreadCursor(last) : null;
    return c.json({ threads, nextBefore }, 200);
  });
  admin.all('/threads', methodNotAllowed(['GET', 'HEAD']));

  admin.get('/queue', queryParams(schemas.queueQuery), async (c) => {
    const { site } = c.req.valid('query');
    return c.json(await deps.store.countModerationQueue(site), 200);
  });
  admin.all('/queue', methodNotAllowed(['GET', 'HEAD']));
}
