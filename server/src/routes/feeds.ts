import type { Context, Hono } from 'hono';
import { ErrorCode, type Comment } from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { renderAtomFeed, type AtomEntry } from '../feeds/atom.js';
import { toCommentHtml } from '../feeds/comment-html.js';
import { threadPageUrl } from '../feeds/thread-page-url.js';
import { ApiError } from '../http/api-error.js';
import { createBodyEncoder } from '../http/body-encoder.js';
import { CompressionEffort, encodingForSize } from '../http/compress-body.js';
import { findHeldTag, hashParts, tagForEncoding } from '../http/etag.js';
import { createResponseCache } from '../http/response-cache.js';
import { negotiateEncoding, sendEncoded } from '../http/send-encoded.js';
import type { SiteConfig } from '../site-config.js';
import { parseBody } from '../store/body-tree.js';
import { parseThreadInPath } from './comment-input.js';
import { methodNotAllowed } from './method-not-allowed.js';

const threadFeedPath = '/api/v1/threads/:thread/feed.atom';
const siteFeedPath = '/api/v1/feed.atom';
/** Comments in a feed: the latest ones. */
const feedEntries = 50;
/** Most bytes of compressed feeds kept: 4 MiB. */
const feedCacheMaxBytes = 4 * 1024 * 1024;
/** Feed readers may reuse a feed a minute, then ask again with its ETag. */
const feedCacheControl = 'public, max-age=60';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Registers the Atom feeds (RFC 4287) of a site's latest published comments:
 * `GET /api/v1/threads/{thread}/feed.atom` for one thread and `GET /api/v1/feed.atom` for the
 * whole site. Held and deleted comments never appear. A feed reader sends no Origin, so the
 * site is the first configured one unless `?site=<id>` names another. Each entry's content is
 * the comment's formatted text as safe HTML (comment-html.ts), linked to `#comment-<id>` on
 * the thread's page (the site's `threadUrl`, else its first origin and the thread key).
 */
export function registerFeedRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  // Each feed's XML by ETag, and its compressed codings beside it, each made once.
  const feeds = createResponseCache(feedCacheMaxBytes);
  const encode = createBodyEncoder(feeds, deps.compress, CompressionEffort.dynamic);

  async function answer(c: Context<AppEnv>, thread: string | null): Promise<Response> {
    const site = pickSite(c, config.sites);
    const comments = await store.listLatestComments(site.id, thread, feedEntries);
    const selfUrl = new URL(c.req.url);
    selfUrl.search = c.req.query('site') ? `?site=${encodeURIComponent(site.id)}` : '';
    // What a feed shows changes only with its comments (each change takes a new seq) or its address.
    const etag = `W/"${hashParts('feed-v1', site.id, thread ?? '', selfUrl.href, ...comments.map((comment) => `${comment.id} ${comment.seq}`))}"`;
    const negotiated = negotiateEncoding(c, config.compression);
    c.header('Cache-Control', feedCacheControl);
    const held = findHeldTag(c.req.header('If-None-Match'), etag, negotiated);
    if (held !== undefined) {
      c.header('ETag', held);
      return c.body(null, 304);
    }
    let bytes = feeds.get(etag);
    if (bytes === undefined) {
      const xml = renderAtomFeed({
        selfUrl: selfUrl.href,
        title: thread === null ? `Latest comments (${site.id})` : `Comments on ${thread}`,
        link: thread === null ? null : threadPageUrl(site, thread),
        updated: comments.reduce(
          (latest, comment) => (comment.updatedAt > latest ? comment.updatedAt : latest),
          new Date(0).toISOString(),
        ),
        entries: comments.map((comment) => toEntry(site, comment)),
      });
      bytes = new TextEncoder().encode(xml);
      feeds.set(etag, bytes);
    }
    const encoding = encodingForSize(bytes.byteLength, negotiated);
    c.header('ETag', tagForEncoding(etag, encoding));
    return sendEncoded(
      c,
      await encode(etag, bytes, encoding),
      encoding,
      'application/atom+xml; charset=utf-8',
    );
  }

  app.get(siteFeedPath, (c) => answer(c, null));
  app.get(threadFeedPath, (c) => answer(c, parseThreadInPath(c.req.url, c.req.param('thread'))));
  app.all(siteFeedPath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
  app.all(threadFeedPath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
}

/** The site `?site=` names, else the one the request resolved to (middleware/site.ts). */
function pickSite(c: Context<AppEnv>, sites: readonly SiteConfig[]): SiteConfig {
  const id = c.req.query('site');
  if (id === undefined) return c.get('site');
  const site = sites.find((candidate) => candidate.id === id);
  if (!site) throw new ApiError(404, ErrorCode.notFound, 'No site has this id.', { field: 'site' });
  return site;
}

function toEntry(site: SiteConfig, comment: Comment): AtomEntry {
  const page = threadPageUrl(site, comment.thread);
  return {
    id: uuidPattern.test(comment.id)
      ? `urn:uuid:${comment.id.toLowerCase()}`
      : `urn:hearth:comment:${encodeURIComponent(comment.id)}`,
    title: `${comment.authorName} on ${comment.thread}`,
    authorName: comment.authorName,
    published: comment.createdAt,
    updated: comment.updatedAt,
    link: page === null ? null : `${page}#comment-${encodeURIComponent(comment.id)}`,
    html: toCommentHtml(parseBody(comment.body)),
  };
}
