import type { Context } from 'hono';
import { ErrorCode } from '../../../src/protocol/index.js';
import type { AppEnv } from '../app-deps.js';
import { readBearerToken } from '../auth/admin-token.js';
import { readIdentity, type Identity } from '../auth/identity.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../http/api-error.js';

/**
 * Who is asking, from the request's `Authorization` header, for the request's site (see
 * auth/identity.ts for the kinds and the 401s); `nowMs` is the server clock, in ms.
 *
 * The public API takes admin tokens too, so it counts them as the admin API does
 * (admin/admin-token-throttle.ts): an admin token, and a bearer token refused as of no known
 * kind, count against the network; a right admin token is taken back. A throttled network gets
 * 429 `too_many_attempts` for both, so the answer never tells a right guess from a wrong one.
 * Author tokens and SSO-shaped tokens (JWTs) are never counted: readers send them with every
 * request, and a site that rotates its SSO secret must still get 401 `sso_token_invalid` for
 * every old token, so its readers sign in again. Admin tokens are no JWTs (see site-config.ts).
 */
export async function readRequestIdentity(
  c: Context<AppEnv>,
  config: ServerConfig,
  nowMs: number,
): Promise<Identity> {
  const authorization = c.req.header('Authorization');
  let identity: Identity;
  try {
    identity = await readIdentity({ authorization, site: c.get('site'), admins: config.admins, nowMs });
  } catch (error) {
    const isGuess =
      error instanceof ApiError &&
      error.code === ErrorCode.authRequired &&
      readBearerToken(authorization) !== null;
    if (isGuess) await c.get('countAdminAttempt')(c);
    throw error;
  }
  if (identity.kind === 'admin') {
    const forgive = await c.get('countAdminAttempt')(c);
    await forgive?.();
  }
  return identity;
}
