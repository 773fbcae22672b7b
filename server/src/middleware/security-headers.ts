import type { MiddlewareHandler } from 'hono';

/** Adds headers every response carries, errors included: browsers must never sniff types. */
export function createSecurityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
}
