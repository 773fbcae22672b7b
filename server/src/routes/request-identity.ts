import type { Context } from 'hono';
import type { AppEnv } from '../app-deps.js';
import { readIdentity, type Identity } from '../auth/identity.js';
import type { ServerConfig } from '../config.js';

/**
 * Who is asking, from the request's `Authorization` header, for the request's site (see
 * auth/identity.ts for the kinds and the 401s); `nowMs` is the server clock, in ms.
 */
export function readRequestIdentity(
  c: Context<AppEnv>,
  config: ServerConfig,
  nowMs: number,
): Promise<Identity> {
  return readIdentity({
    authorization: c.req.header('Authorization'),
    site: c.get('site'),
    admins: config.admins,
    nowMs,
  });
}
