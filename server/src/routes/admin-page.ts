import path from 'node:path';
import type { Context, Hono } from 'hono';
import { ErrorCode } from '../../../src/protocol/index.js';
import type { AppEnv } from '../app-deps.js';
import type { AssetsConfig } from '../config.js';
import { ApiError, AssetErrorCode } from '../http/api-error.js';
import { hashParts, matchesIfNoneMatch } from '../http/etag.js';
import { demoContentSecurityPolicy } from './assets.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readFileIfPresent } from '../http/read-file.js';

const javascript = 'text/javascript; charset=utf-8';
const sourceMap = 'application/json; charset=utf-8';
const chunkNamePattern = /^[\w-]+\.js(\.map)?$/;

/**
 * Registers `/admin` (the moderation page, `demo/admin.html`), its script `/admin.js` with its
 * source map, and the chunks it may load under `/admin-chunks/`. Same-origin only: unlike
 * `/hearth.js`, nothing here carries CORS headers, and `Cross-Origin-Resource-Policy` keeps
 * other sites from loading the script at all. Everything is revalidated on every load
 * (`no-cache`), so a rebuilt page is never mixed with an old script.
 */
export function registerAdminPage(app: Hono<AppEnv>, assets: AssetsConfig): void {
  const distDir = path.dirname(assets.widgetFile);
  const adminFile = path.join(distDir, 'admin.js');

  app.get('/admin', async (c) => {
    const content = await readFileIfPresent(path.join(assets.demoDir, 'admin.html'));
    if (content === null) return c.notFound();
    c.header('Content-Security-Policy', demoContentSecurityPolicy);
    // The page's URL is no secret, but nothing on it has a reason to tell other sites it exists.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    return sendSameOrigin(c, content, 'text/html; charset=utf-8');
  });

  app.get('/admin.js', async (c) => {
    const content = await readFileIfPresent(adminFile);
    if (content === null) {
      throw new ApiError(
        503,
        AssetErrorCode.widgetNotBuilt,
        'The admin page has not been built yet: run npm run build.',
      );
    }
    return sendSameOrigin(c, content, javascript);
  });

  app.get('/admin.js.map', async (c) => {
    const content = await readFileIfPresent(`${adminFile}.map`);
    if (content === null) {
      throw new ApiError(404, ErrorCode.notFound, 'The admin page was built without a source map.');
    }
    return sendSameOrigin(c, content, sourceMap);
  });

  app.get('/admin-chunks/:file', async (c) => {
    const name = c.req.param('file');
    const content = chunkNamePattern.test(name)
      ? await readFileIfPresent(path.join(distDir, 'admin-chunks', name))
      : null;
    if (content === null) throw new ApiError(404, ErrorCode.notFound, 'No such admin chunk.');
    return sendSameOrigin(c, content, name.endsWith('.map') ? sourceMap : javascript);
  });

  for (const route of ['/admin', '/admin.js', '/admin.js.map', '/admin-chunks/:file']) {
    app.all(route, methodNotAllowed(['GET', 'HEAD']));
  }
}

/** Sends a file with an ETag (304 when it matches), `no-cache` and a same-origin resource policy. */
function sendSameOrigin(c: Context, content: Buffer, contentType: string): Response {
  const etag = `"${hashParts(content)}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(new Uint8Array(content), 200);
}
