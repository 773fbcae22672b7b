import type { MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config.js';
import { findSiteByOrigin } from '../site-config.js';
import { isAdminApiPath } from './site.js';

const allowMethods = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const allowHeaders = 'Content-Type, Authorization, If-None-Match, Last-Event-ID';
const exposeHeaders = 'ETag, Retry-After';
const maxAgeSeconds = '600';

/**
 * CORS for `/api/*`, per site. `Access-Control-Allow-Origin` echoes the request's Origin only
 * when a configured site lists it (never `*`), so only those pages can read answers; every
 * response says `Vary: Origin` because that header changes with the Origin. No credentials:
 * identity travels as a bearer token, never a cookie.
 *
 * Every OPTIONS request is answered here with 204, as a preflight. An origin no site lists gets
 * a preflight that lets the real request through too, but no `Access-Control-Expose-Headers`:
 * that request reaches the site resolver (middleware/site.ts), which refuses it with 403
 * `origin_not_allowed` before any route runs, and that refusal is the one answer such a page may
 * read. So a widget pasted on an unlisted origin learns why from a POST as from a GET (the
 * browser would otherwise show only its generic CORS error), and nothing is read or stored.
 * The admin API gets no CORS headers at all: its page is same-origin, and no other page should
 * be able to read it.
 */
export function createApiCors(config: ServerConfig): MiddlewareHandler {
  return async (c, next) => {
    if (isAdminApiPath(c.req.path)) return next();
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('Origin');
    const isAllowed = origin !== undefined && findSiteByOrigin(config.sites, origin) !== undefined;
    if (isAllowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', exposeHeaders);
    }
    if (c.req.method === 'OPTIONS') {
      if (origin !== undefined) {
        if (!isAllowed) c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Allow-Methods', allowMethods);
        c.header('Access-Control-Allow-Headers', allowHeaders);
        c.header('Access-Control-Max-Age', maxAgeSeconds);
      }
      return c.body(null, 204);
    }
    return next();
  };
}
