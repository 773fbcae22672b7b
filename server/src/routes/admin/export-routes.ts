import type { Hono } from 'hono';
import { z } from 'zod';
import { ErrorCode } from '../../../../src/protocol/index.js';
import { exportSite } from '../../export/export-site.js';
import { streamLines } from '../../export/line-stream.js';
import { ApiError } from '../../http/api-error.js';
import { validateWith } from '../../http/read-json.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import type { AdminEnv } from '../../admin/admin-auth.js';
import type { AdminContext } from '../../admin/admin-context.js';
import { AuditAction } from '../../admin/audit-log.js';

/** `?private=1` adds the private fields and records; `0` or none leaves them out. */
const exportQuery = z.object({
  private: z
    .enum(['0', '1'], { error: 'private must be 1 (include private fields) or 0.' })
    .optional()
    .transform((value) => value === '1'),
});

/** The download's file name: `hearth-<site>-<YYYY-MM-DD>.ndjson`, the date in UTC. */
function exportFileName(site: string, nowMs: number): string {
  return `hearth-${site}-${new Date(nowMs).toISOString().slice(0, 10)}.ndjson`;
}

/**
 * Registers `GET /sites/{site}/export[?private=1]` under the admin app: the site's export
 * (docs/export-format.md) streamed as NDJSON, as a download. An unknown site is 404 `not_found`.
 * Each export is written to the audit log, saying whether it carried the private fields.
 */
export function registerAdminExportRoutes(admin: Hono<AdminEnv>, context: AdminContext): void {
  const { store, config, audit } = context.deps;

  admin.get('/sites/:site/export', async (c) => {
    const site = c.req.param('site');
    if (!config.sites.some((each) => each.id === site)) {
      const shown = site.length > 64 ? `${site.slice(0, 64)}…` : site;
      const known = config.sites.map((each) => each.id).join(', ');
      throw new ApiError(404, ErrorCode.notFound, `No site "${shown}" here; this server has: ${known}.`);
    }
    const { private: includePrivate } = validateWith(exportQuery, c.req.query());
    const nowMs = config.now();
    // A HEAD request reads no comments, so it exports nothing worth a line in the audit log.
    if (c.req.method !== 'HEAD') {
      await audit(c.get('admin').name, {
        action: AuditAction.siteExport,
        site,
        target: site,
        detail: includePrivate ? 'with private fields' : 'without private fields',
      });
    }
    const lines = exportSite(store, site, { includePrivate, nowMs });
    return c.body(streamLines(lines, config.logError), 200, {
      'Content-Type': 'application/x-ndjson',
      'Content-Disposition': `attachment; filename="${exportFileName(site, nowMs)}"`,
    });
  });
  admin.all('/sites/:site/export', methodNotAllowed(['GET', 'HEAD']));
}
