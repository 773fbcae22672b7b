import type { MiddlewareHandler } from 'hono';
import { ErrorCode } from '../../../src/protocol/index.js';
import type { AppEnv } from '../app-deps.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../http/api-error.js';
import { createOriginRefusalLog } from '../log/origin-refusals.js';
import { findSiteByOrigin } from '../site-config.js';

const adminPrefix = '/api/v1/admin';

/**
 * Whether a path belongs to the admin API, which is same-origin only and names its site in
 * each request, so neither site resolution by Origin nor CORS applies to it.
 */
export function isAdminApiPath(path: string): boolean {
  return path === adminPrefix || path.startsWith(`${adminPrefix}/`);
}

/**
 * Picks the site a `/api/*` request is for and stores it as `c.get('site')`: the site whose
 * origins include the request's Origin, or the first site when there is no Origin header
 * (same-origin GETs, curl, server-to-server). An Origin no site lists is refused with 403
 * `origin_not_allowed` before any route runs, so nothing is read or stored for it. That refusal
 * alone carries `Access-Control-Allow-Origin: <that origin>`, so the widget on the page can read
 * why and tell the site's owner; it says nothing but the origin the page sent. The refusal is
 * logged through `config.logWarn`, once per origin per 10 minutes (log/origin-refusals.ts).
 *
 * Preflights never get here (middleware/cors.ts answers them). Admin API requests are let
 * through without a site: those routes take `site` from the request instead.
 */
export function createSiteResolver(config: ServerConfig): MiddlewareHandler<AppEnv> {
  const defaultSite = config.sites[0];
  if (defaultSite === undefined) throw new RangeError('sites must list at least one site.');
  const logRefusal = createOriginRefusalLog({ now: config.now, log: config.logWarn });
  return async (c, next) => {
    if (isAdminApiPath(c.req.path)) return next();
    const origin = c.req.header('Origin');
    if (origin === undefined) {
      c.set('site', defaultSite);
      return next();
    }
    const site = findSiteByOrigin(config.sites, origin);
    if (site === undefined) {
      // The header is the client's; keep the echo short so it cannot bloat the response.
      const shown = origin.length > 200 ? `${origin.slice(0, 200)}…` : origin;
      logRefusal(origin, c.req.path);
      throw new ApiError(
        403,
        ErrorCode.originNotAllowed,
        `Pages on ${shown} may not use this comment server: add the origin to a site's origins (sites[].origins) in the server's configuration.`,
        // Readable by that page only so the widget can say why; Vary: Origin is already set (cors.ts).
        { headers: { 'Access-Control-Allow-Origin': origin } },
      );
    }
    c.set('site', site);
    return next();
  };
}
