import type { Hono } from 'hono';
import type { AppEnv } from '../app-deps.js';
import { hashParts, matchesIfNoneMatch } from '../http/etag.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import { methodNotAllowed } from './method-not-allowed.js';

const openApiPath = '/api/v1/openapi.json';

/** Browsers and proxies may reuse the document an hour, then revalidate it by its ETag. */
const openApiCacheControl = 'public, max-age=3600';

/**
 * Registers `GET /api/v1/openapi.json`: the public protocol as an OpenAPI 3.1 document, built
 * from src/protocol/'s schemas once, on the first request. Served like the other public GET
 * routes (CORS and the site's Origin rule), cacheable, with an ETag.
 */
export function registerOpenApiRoutes(app: Hono<AppEnv>): void {
  let document: { json: string; etag: string } | undefined;
  app.get(openApiPath, (c) => {
    if (!document) {
      const json = JSON.stringify(buildOpenApiDocument());
      document = { json, etag: `W/"${hashParts('openapi', json)}"` };
    }
    c.header('ETag', document.etag);
    c.header('Cache-Control', openApiCacheControl);
    if (matchesIfNoneMatch(c.req.header('If-None-Match'), document.etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(document.json, 200);
  });
  app.all(openApiPath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
}
