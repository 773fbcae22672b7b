import type { Hono } from 'hono';
import { ErrorCode, type ChangesResponse } from '../../../src/protocol/index.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../http/api-error.js';
import { hashParts, matchesIfNoneMatch } from '../http/etag.js';
import type { CommentStore } from '../store/comment-store.js';
import { formatCursor, parseCursor, parseNewComment, parseThread } from './comment-input.js';
import { methodNotAllowed } from './method-not-allowed.js';

const commentsPath = '/api/v1/threads/:thread/comments';

/**
 * Registers `GET` (the thread's change feed) and `POST` (a new comment) on
 * `/api/v1/threads/{encodeURIComponent(thread)}/comments`, and 405 for other methods.
 * Hono leaves `%2F` encoded while routing and decodes the parameter afterwards, so thread
 * keys containing `/` stay one path segment.
 */
export function registerCommentRoutes(app: Hono, store: CommentStore, config: ServerConfig): void {
  app.get(commentsPath, async (c) => {
    const thread = parseThread(c.req.param('thread'));
    const sinceSeq = parseCursor(c.req.query('since'));
    const page = await store.listChanges(thread, sinceSeq, config.pageSize);

    // Every change takes a new seq, so (thread, since, lastSeq, more) pins the page's content.
    const etag = `W/"${hashParts('changes-v1', thread, String(sinceSeq), String(page.lastSeq), String(page.more))}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);

    const response: ChangesResponse = {
      comments: page.comments,
      cursor: formatCursor(page.lastSeq),
      more: page.more,
    };
    return c.json(response, 200);
  });

  app.post(commentsPath, async (c) => {
    const thread = parseThread(c.req.param('thread'));
    const input = await parseNewComment(c.req.raw, config.requestMaxBytes);
    const result = await store.insertComment(thread, input, config.now());

    switch (result.kind) {
      case 'created':
        return c.json(result.comment, 201);
      case 'existing':
        return c.json(result.comment, 200);
      case 'conflict':
        throw new ApiError(409, ErrorCode.idConflict, 'Another comment already has this id.', {
          field: 'id',
        });
      case 'unknown-parent':
        throw new ApiError(
          422,
          ErrorCode.unknownParent,
          'The comment being replied to does not exist in this thread.',
          {
            field: 'parentId',
          },
        );
    }
  });

  app.all(commentsPath, methodNotAllowed(['GET', 'HEAD', 'POST', 'OPTIONS']));
}
