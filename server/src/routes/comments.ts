import type { Hono } from 'hono';
import {
  CommentStatus,
  ErrorCode,
  type ChangesResponse,
  NewCommentSchema,
  type Comment,
  type NewComment,
  type PostedComment,
} from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import type { Identity } from '../auth/identity.js';
import { readClientIp } from '../http/client-ip.js';
import { ApiError } from '../http/api-error.js';
import { createBodyEncoder } from '../http/body-encoder.js';
import { CompressionEffort, encodingForSize } from '../http/compress-body.js';
import { findHeldTag, hashParts, tagForEncoding } from '../http/etag.js';
import { createResponseCache } from '../http/response-cache.js';
import { negotiateEncoding, sendEncoded } from '../http/send-encoded.js';
import { CommentEvent, type PostContext } from '../jobs/comment-events.js';
import { decideStatus } from '../moderation/hold-rules.js';
import { matchesOrigin, type SiteConfig } from '../site-config.js';
import type { ChangeSpan, CommentAuthor, CommentStore } from '../store/comment-store.js';
import { isSameComment } from '../store/same-comment.js';
import { jsonBody } from '../middleware/request-validators.js';
import { formatCursor, parseCursor, parseLimit, parseThreadInPath, threadParam } from './comment-input.js';
import { editableUntil } from './edit-window.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readRequestIdentity } from './request-identity.js';

const commentsPath = '/api/v1/threads/:thread/comments';

/**
 * Registers `GET` (the thread's change feed) and `POST` (a new comment) on
 * `/api/v1/threads/{encodeURIComponent(thread)}/comments`, and 405 for other methods.
 * Hono leaves `%2F` encoded while routing and decodes the parameter afterwards, so thread
 * keys containing `/` stay one path segment.
 */
export function registerCommentRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  const maxBytes = config.requestMaxBytes;
  // JSON by ETag, and its compressed codings beside it, each made once (http/body-encoder.ts).
  const pages = createResponseCache();
  const encodePage = createBodyEncoder(pages, deps.compress, CompressionEffort.dynamic);
  // Every change takes a new seq, so (site, thread, since, lastSeq, more) pins a page's
  // comments; locking takes no seq, so the lock is part of the tag too. v3: comments carry votes;
  // v4: and their bodies' trees (body-tree.ts).
  // Whether readers are offered reply notifications: a server started with email tags its pages
  // apart from one without, so a reader's cached page learns of the change.
  const offersNotify = config.email !== null;
  const tagPage = (site: string, thread: string, sinceSeq: number, span: ChangeSpan, locked: boolean) =>
    `W/"${hashParts('changes-v4', site, thread, String(sinceSeq), String(span.lastSeq), String(span.more), String(locked), String(offersNotify))}"`;

  /*
   * A read costs two small queries when the reader is up to date (the page's extent and the
   * lock, then 304) and when another reader fetched the same page before (its body is cached
   * by ETag, in each coding); only a page no one has asked for yet reads and serializes the
   * comments, and a coding no one has asked for yet compresses them.
   */
  app.get(commentsPath, async (c) => {
    const site = c.get('site');
    const thread = parseThreadInPath(c.req.url, c.req.param('thread'));
    const sinceSeq = parseCursor(c.req.query('since'));
    const limit = parseLimit(c.req.query('limit'));
    // The tag pins a page by its first and last seq, so pages of any size share the body cache.
    const pageSize = limit === undefined ? config.pageSize : Math.min(limit, config.pageMaxSize);
    const [span, state] = await Promise.all([
      store.peekChanges(site.id, thread, sinceSeq, pageSize),
      store.getThreadState(site.id, thread),
    ]);
    c.header('Cache-Control', 'no-cache');
    const negotiated = negotiateEncoding(c, config.compression);
    let etag = tagPage(site.id, thread, sinceSeq, span, state.locked);
    // The page's size, which decides whether it is compressed, is known only once it is read.
    const held = findHeldTag(c.req.header('If-None-Match'), etag, negotiated);
    if (held !== undefined) {
      c.header('ETag', held);
      return c.body(null, 304);
    }

    let json = pages.get(etag);
    if (json === undefined) {
      const page = await store.listChanges(site.id, thread, sinceSeq, pageSize);
      // A write between the peek and the read moves the page: tag what was read.
      etag = tagPage(site.id, thread, sinceSeq, page, state.locked);
      const response: ChangesResponse = {
        comments: page.comments,
        cursor: formatCursor(page.lastSeq),
        more: page.more,
        locked: state.locked,
        ...(offersNotify ? { notify: true } : {}),
      };
      json = new TextEncoder().encode(JSON.stringify(response));
      pages.set(etag, json);
    }
    const encoding = encodingForSize(json.byteLength, negotiated);
    c.header('ETag', tagForEncoding(etag, encoding));
    const bytes = await encodePage(etag, json, encoding);
    return sendEncoded(c, bytes, encoding, 'application/json');
  });

  /*
   * A post runs, and the first failure answers:
   * 1. thread key, content type, size, JSON, fields (400/413/415);
   * 2. who is asking (401 for a refused token);
   * 3. the id: a retry of a stored comment answers 200 with it, another comment's id 409.
   *    This comes before every rule that can change between a post and its retry (lock, ban,
   *    rate limit, duplicate text), because the widget treats a 4xx as final and would show a
   *    stored comment as failed;
   * 4. site rules: guests allowed (403), bans (403), locked thread (403);
   * 5. the abuse guard, except for admins (400/409/429);
   * 6. moderation picks published or held, and the store inserts (422 for an unknown parent).
   */
  app.post(commentsPath, threadParam, jsonBody(NewCommentSchema, { maxBytes }), async (c) => {
    const site = c.get('site');
    const { thread } = c.req.valid('param');
    const parsed = c.req.valid('json');
    const nowMs = config.now();
    const identity = await readRequestIdentity(c, config, nowMs);
    // A signed-in reader posts under the name the site vouches for, whatever the form said.
    const input: NewComment =
      identity.kind === 'sso' ? { ...parsed, authorName: identity.user.name } : parsed;

    // The author learns until when they may edit it (the window runs from createdAt);
    // admins have no window.
    const answer = (comment: Comment): PostedComment =>
      identity.kind === 'admin' ? comment : { ...comment, editableUntil: editableUntil(site, comment) };
    const retried = await findRetriedComment(store, site, thread, input);
    if (retried) return c.json(answer(retried), 200);

    const ipHash = await deps.hashIp(readClientIp(c, config.trustProxy), nowMs);
    const author = describeAuthor(identity, input, ipHash);
    await checkSiteRules(store, site, thread, identity, author);

    if (identity.kind !== 'admin') {
      try {
        await deps.abuse.checkPost({ site, thread, input, ipHash, isSso: identity.kind === 'sso', nowMs });
      } catch (error) {
        // Two copies of one post racing: the loser may trip the duplicate or replay checks
        // only because the winner was just stored. It is still a retry.
        const raced = await findRetriedComment(store, site, thread, input);
        if (raced) return c.json(answer(raced), 200);
        throw error;
      }
    }

    const post = readPostContext(site, input, author, offersNotify);
    const status = await decideStatus({ site, input, identity, author, store });
    const result = await store.insertComment({ site: site.id, thread, input, author, status, nowMs });
    switch (result.kind) {
      case 'created': {
        const { comment } = result;
        deps.changes.publish({ site: site.id, thread, seq: comment.seq });
        const event = comment.status === CommentStatus.held ? CommentEvent.held : CommentEvent.created;
        await deps.queueEvent(event, site.id, comment, post);
        return c.json(answer(comment), 201);
      }
      case 'existing':
        return c.json(answer(result.comment), 200);
      case 'conflict':
        throw idConflict();
      case 'unknown-parent':
        throw new ApiError(
          422,
          ErrorCode.unknownParent,
          'The comment being replied to does not exist in this thread.',
          { field: 'parentId' },
        );
    }
  });

  app.all(commentsPath, methodNotAllowed(['GET', 'HEAD', 'POST', 'OPTIONS']));
}

/**
 * What the post asks beyond the comment, for emails: `notify` only when the server sends email
 * (400 on the email field when there is no address to send to), and `pageUrl` only when it is
 * on one of the site's origins (else links use the site's `threadUrl`).
 */
function readPostContext(
  site: SiteConfig,
  input: NewComment,
  author: CommentAuthor,
  offersNotify: boolean,
): PostContext {
  const post: PostContext = {};
  if (input.locale !== undefined) post.locale = input.locale;
  if (input.pageUrl !== undefined && isOnSite(site, input.pageUrl)) post.pageUrl = input.pageUrl;
  if (input.notify !== undefined && offersNotify) {
    if (author.email === null) {
      throw new ApiError(400, ErrorCode.validationFailed, 'Give an email address to be told of replies.', {
        field: 'email',
      });
    }
    post.notify = input.notify;
  }
  return post;
}

function isOnSite(site: SiteConfig, pageUrl: string): boolean {
  const { origin } = new URL(pageUrl);
  return site.origins.some((pattern) => matchesOrigin(pattern, origin));
}

function idConflict(): ApiError {
  return new ApiError(409, ErrorCode.idConflict, 'Another comment already has this id.', { field: 'id' });
}

/**
 * The stored comment when this post repeats it (same site, thread, parent, name and body),
 * null when the id is free, and 409 `id_conflict` when another comment has it.
 */
async function findRetriedComment(
  store: CommentStore,
  site: SiteConfig,
  thread: string,
  input: NewComment,
): Promise<Comment | null> {
  const stored = await store.getComment(input.id);
  if (!stored) return null;
  if (stored.site === site.id && isSameComment(stored.comment, thread, input)) return stored.comment;
  throw idConflict();
}

/** Who a new comment is stored as: everything the server keeps about its author. */
function describeAuthor(identity: Identity, input: NewComment, ipHash: string | null): CommentAuthor {
  if (identity.kind === 'sso') {
    const { user } = identity;
    return {
      authorTokenHash: null,
      userId: user.userId,
      email: user.email,
      ipHash,
      verified: true,
      avatarUrl: user.avatarUrl,
    };
  }
  const email = input.email?.trim().toLowerCase() ?? '';
  return {
    authorTokenHash: identity.kind === 'guest' ? identity.tokenHash : null,
    userId: null,
    email: email === '' ? null : email,
    ipHash,
    verified: false,
    avatarUrl: null,
  };
}

/** Throws 403 when the site's own rules refuse this author here: guests, bans, a locked thread. */
async function checkSiteRules(
  store: CommentStore,
  site: SiteConfig,
  thread: string,
  identity: Identity,
  author: CommentAuthor,
): Promise<void> {
  const isAdmin = identity.kind === 'admin';
  if (!site.guests && identity.kind !== 'sso' && !isAdmin) {
    throw new ApiError(403, ErrorCode.guestsNotAllowed, 'Please sign in to comment on this site.');
  }
  if (!isAdmin) {
    const ban = await store.findBan(site.id, {
      userId: author.userId,
      email: author.email,
      ipHash: author.ipHash,
    });
    // The reason is for moderators; the author learns only that they may not post.
    if (ban) throw new ApiError(403, ErrorCode.banned, 'You can no longer comment on this site.');
  }
  if ((await store.getThreadState(site.id, thread)).locked) {
    throw new ApiError(403, ErrorCode.threadLocked, 'This conversation is closed to new comments.');
  }
}
