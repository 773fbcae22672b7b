import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';

/**
 * CORS for `/api/*`: any origin may call the API, because the widget is pasted onto other
 * sites and identity travels as a bearer token, never a cookie. Issue #5 narrows the origin
 * to each site's allowed list; this is the one place to change.
 */
export function createApiCors(): MiddlewareHandler {
  return cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'If-None-Match'],
    exposeHeaders: ['ETag'],
    maxAge: 600,
  });
}
