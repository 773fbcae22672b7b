import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-deps.js';
import { ErrorCode } from '../../../src/protocol/index.js';
import type { AssetsConfig } from '../config.js';
import { ApiError, AssetErrorCode } from '../http/api-error.js';
import type { SendStaticFile } from '../http/static-files.js';
import { contentTypeOf } from './content-types.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readFileIfPresent } from '../http/read-file.js';
import { setHtmlPageHeaders } from '../middleware/security-headers.js';

/** The demo pages' policy; the widget must run under it, so no inline scripts or styles anywhere. */
export const demoContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const chunkNamePattern = /^[\w-]+\.js(\.map)?$/;

/** Why a source map answers 404 when `sourceMaps` is off. */
export const sourceMapsOffMessage =
  'This server does not serve source maps: set "sourceMaps": true in hearth.config.json or HEARTH_SOURCE_MAPS=1.';

/** Whether a built file's name is a source map's, which only `sourceMaps` lets out. */
export function isSourceMap(name: string): boolean {
  return name.endsWith('.map');
}

/**
 * Registers `GET /hearth.js` (and its source map when `sourceMaps` is on, else 404), the
 * chunks it loads later under `/chunks/`, and the demo pages under `/`.
 * Files are read on every request, so a rebuild shows up without a restart; `sendFile`
 * compresses them by the request's `Accept-Encoding`.
 */
export function registerAssetRoutes(
  app: Hono<AppEnv>,
  assets: AssetsConfig,
  sendFile: SendStaticFile,
  sourceMaps: boolean,
): void {
  app.get('/hearth.js', async (c) => {
    // Module scripts load in CORS mode, so the paste-this tag on another origin needs this.
    c.header('Access-Control-Allow-Origin', '*');
    const content = await readFileIfPresent(assets.widgetFile);
    if (content === null) {
      throw new ApiError(
        503,
        AssetErrorCode.widgetNotBuilt,
        'The widget has not been built yet: run npm run build.',
      );
    }
    return sendFile(c, {
      file: assets.widgetFile,
      content,
      contentType: contentTypeOf(assets.widgetFile),
      cacheControl: 'public, max-age=300',
    });
  });

  app.get('/hearth.js.map', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    const file = `${assets.widgetFile}.map`;
    const content = sourceMaps ? await readFileIfPresent(file) : null;
    if (content === null)
      throw new ApiError(
        404,
        ErrorCode.notFound,
        sourceMaps ? 'The widget was built without a source map.' : sourceMapsOffMessage,
      );
    return sendFile(c, {
      file,
      content,
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=300',
    });
  });

  // Chunks the widget imports after first paint. Their names carry a content hash, so they
  // never change and may be cached for good.
  app.get('/chunks/:file', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    const name = c.req.param('file');
    const file =
      chunkNamePattern.test(name) && (sourceMaps || !isSourceMap(name))
        ? path.join(path.dirname(assets.widgetFile), 'chunks', name)
        : null;
    const content = file === null ? null : await readFileIfPresent(file);
    if (file === null || content === null)
      throw new ApiError(404, ErrorCode.notFound, 'No such widget chunk.');
    const contentType = name.endsWith('.map') ? 'application/json; charset=utf-8' : contentTypeOf(file);
    return sendFile(c, { file, content, contentType, cacheControl: 'public, max-age=31536000, immutable' });
  });

  app.all('/hearth.js', methodNotAllowed(['GET', 'HEAD']));
  app.all('/hearth.js.map', methodNotAllowed(['GET', 'HEAD']));

  app.get('/*', async (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    // The demo article's canonical address serves it too: links in emails and feeds point there.
    const requestPath = c.req.path === demoArticlePath ? '/' : c.req.path;
    const file = resolveDemoFile(assets.demoDir, requestPath);
    const content = file === null ? null : await readFileIfPresent(file);
    if (file === null || content === null) return c.notFound();
    const contentType = contentTypeOf(file);
    if (contentType.startsWith('text/html')) {
      setHtmlPageHeaders(c, {
        contentSecurityPolicy: demoContentSecurityPolicy,
        referrerPolicy: 'strict-origin-when-cross-origin',
      });
    }
    return sendFile(c, { file, content, contentType, cacheControl: 'no-cache' });
  });

  app.all('/', methodNotAllowed(['GET', 'HEAD']));
}

/** Where demo/index.html says the demo article lives (its `<link rel="canonical">`). */
const demoArticlePath = '/posts/small-communities';

/** Longest file name most file systems hold, in bytes; a longer segment names no file. */
const segmentMaxBytes = 255;

/**
 * Maps a request path (as Hono gives it: decoded except `%2F` and `%25`) to a file inside
 * `demoDir`, or null. Any segment that is empty, starts with a dot, holds a control character
 * or is longer than a file name can be is refused, which covers `..` in every encoding and
 * keeps dotfiles private.
 */
function resolveDemoFile(demoDir: string, requestPath: string): string | null {
  const withIndex = requestPath.endsWith('/') ? `${requestPath}index.html` : requestPath;
  let decoded: string;
  try {
    decoded = decodeURIComponent(withIndex);
  } catch {
    return null;
  }
  const segments = decoded.split('/').slice(1);
  const isSafe = (segment: string) =>
    segment !== '' &&
    !segment.startsWith('.') &&
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    !/[\\\x00-\x1f\x7f]/.test(segment) &&
    Buffer.byteLength(segment) <= segmentMaxBytes &&
    !path.isAbsolute(segment);
  if (!segments.every(isSafe)) return null;

  const root = path.resolve(demoDir);
  const file = path.resolve(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}
