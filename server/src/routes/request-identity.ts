import type { Context } from 'hono';
import { ErrorCode } from '../../../src/protocol/index.js';
import type { AppEnv } from '../app-deps.js';
import { readBearerToken } from '../auth/admin-token.js';
import { readIdentity, type Identity } from '../auth/identity.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../http/api-error.js';

/** Refusals of a bearer token that could have been a guessed admin token. */
const guessRefusals: ReadonlySet<string> = new Set([ErrorCode.authRequired, ErrorCode.ssoTokenInvalid]);

/**
 * Who is asking, from the request's `Authorization` header, for the request's site (see
 * auth/identity.ts for the kinds and the 401s); `nowMs` is the server clock, in ms.
 *
 * The public API takes admin tokens too, so it counts them as the admin API does
 * (admin/admin-token-throttle.ts): an admin token, and a bearer token refused as of no known
 * kind or as a forged SSO token, count against the network; a right admin token is taken back.
 * A throttled network gets 429 `too_many_attempts` for both, so the answer never tells a right
 * guess from a wrong one. Author and verified SSO tokens are never counted: they are no guess at
 * an admin token, and readers send them with every request.
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
      error instanceof ApiError && guessRefusals.has(error.code) && readBearerToken(authorization) !== null;
    if (isGuess) await c.get('countAdminAttempt')(c);
    throw error;
  }
  if (identity.kind === 'admin') {
    const forgive = await c.get('countAdminAttempt')(c);
    await forgive?.();
  }
  return identity;
}
