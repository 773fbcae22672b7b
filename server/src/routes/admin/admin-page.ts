import path from 'node:path';
import type { Context, Hono } from 'hono';
import { ErrorCode } from '../../../../src/protocol/index.js';
import type { AppEnv } from '../../app-deps.js';
import type { AssetsConfig } from '../../config.js';
import { ApiError, AssetErrorCode } from '../../http/api-error.js';
import type { SendStaticFile } from '../../http/static-files.js';
import { demoContentSecurityPolicy, isSourceMap, sourceMapsOffMessage } from '../assets.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { readFileIfPresent } from '../../http/read-file.js';
import { setHtmlPageHeaders } from '../../middleware/security-headers.js';

const javascript = 'text/javascript; charset=utf-8';
const sourceMap = 'application/json; charset=utf-8';
const chunkNamePattern = /^[\w-]+\.js(\.map)?$/;

/**
 * Registers `/admin` (the moderation page, `demo/admin.html`), its script `/admin.js` with its
 * source map (when `sourceMaps` is on, else 404), and the chunks it may load under `/admin-chunks/`. Same-origin only: unlike
 * `/hearth.js`, nothing here carries CORS headers, and `Cross-Origin-Resource-Policy` keeps
 * other sites from loading the script at all. Everything is revalidated on every load
 * (`no-cache`), so a rebuilt page is never mixed with an old script.
 */
export function registerAdminPage(
  app: Hono<AppEnv>,
  assets: AssetsConfig,
  sendFile: SendStaticFile,
  sourceMaps: boolean,
): void {
  const distDir = path.dirname(assets.widgetFile);
  const adminFile = path.join(distDir, 'admin.js');

  /** Sends a file revalidated on every load (`no-cache`), with a same-origin resource policy. */
  const sendSameOrigin = (c: Context, file: string, content: Buffer, contentType: string) => {
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    return sendFile(c, { file, content, contentType, cacheControl: 'no-cache' });
  };

  app.get('/admin', async (c) => {
    const file = path.join(assets.demoDir, 'admin.html');
    const content = await readFileIfPresent(file);
    if (content === null) return c.notFound();
    // The page's URL is no secret, but nothing on it has a reason to tell other sites it exists.
    setHtmlPageHeaders(c, {
      contentSecurityPolicy: demoContentSecurityPolicy,
      referrerPolicy: 'no-referrer',
    });
    c.header('X-Robots-Tag', 'noindex, nofollow');
    return sendSameOrigin(c, file, content, 'text/html; charset=utf-8');
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
    return sendSameOrigin(c, adminFile, content, javascript);
  });

  app.get('/admin.js.map', async (c) => {
    const content = sourceMaps ? await readFileIfPresent(`${adminFile}.map`) : null;
    if (content === null) {
      throw new ApiError(
        404,
        ErrorCode.notFound,
        sourceMaps ? 'The admin page was built without a source map.' : sourceMapsOffMessage,
      );
    }
    return sendSameOrigin(c, `${adminFile}.map`, content, sourceMap);
  });

  app.get('/admin-chunks/:file', async (c) => {
    const name = c.req.param('file');
    const file =
      chunkNamePattern.test(name) && (sourceMaps || !isSourceMap(name))
        ? path.join(distDir, 'admin-chunks', name)
        : null;
    const content = file === null ? null : await readFileIfPresent(file);
    if (file === null || content === null)
      throw new ApiError(404, ErrorCode.notFound, 'No such admin chunk.');
    return sendSameOrigin(c, file, content, name.endsWith('.map') ? sourceMap : javascript);
  });

  for (const route of ['/admin', '/admin.js', '/admin.js.map', '/admin-chunks/:file']) {
    app.all(route, methodNotAllowed(['GET', 'HEAD']));
  }
}
