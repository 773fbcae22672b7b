import type { Hono } from 'hono';
import { ErrorCode, mineMaxIds, type MineResponse } from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { parseThreadInPath } from './comment-input.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readRequestIdentity } from './request-identity.js';
import { ssoVoterKey } from './votes.js';

const minePath = '/api/v1/threads/:thread/comments/mine';

/**
 * Registers `GET /api/v1/threads/{thread}/comments/mine`: the ids of the comments the SSO
 * user in the bearer token wrote in the thread, newest first (`ids`), so the widget can offer
 * Edit and Delete on a device that never held their author tokens; and those they upvoted,
 * most recent vote first (`votedIds`), so their votes show pressed there too. Registered
 * before the `/comments/{id}` routes, which would otherwise take `mine` for an id.
 */
export function registerMyCommentRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  app.get(minePath, async (c) => {
    const site = c.get('site');
    const thread = parseThreadInPath(c.req.url, c.req.param('thread'));
    const identity = await readRequestIdentity(c, config, config.now());
    if (identity.kind !== 'sso') {
      throw new ApiError(401, ErrorCode.authRequired, 'Sign in through the site to list your comments.');
    }
    const { userId } = identity.user;
    const [records, votedIds] = await Promise.all([
      store.queryComments({ site: site.id, thread, userId, limit: mineMaxIds }),
      store.listVotedIds(site.id, thread, ssoVoterKey(userId), mineMaxIds),
    ]);
    c.header('Cache-Control', 'no-store');
    const response: MineResponse = { ids: records.map((record) => record.comment.id), votedIds };
    return c.json(response, 200);
  });
  app.all(minePath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
}
