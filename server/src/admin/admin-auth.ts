import type { MiddlewareHandler } from 'hono';
import { ErrorCode } from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { findAdmin, readBearerToken } from '../auth/admin-token.js';
import { ApiError } from '../http/api-error.js';
import type { AdminConfig } from '../site-config.js';

/** The admin API's per-request variables: the app's, plus the admin the token belongs to. */
export interface AdminEnv {
  Variables: AppEnv['Variables'] & {
    /** Set by `createAdminAuth` before any admin handler runs. */
    admin: AdminConfig;
  };
}

const challenge = { 'WWW-Authenticate': 'Bearer realm="hearth-admin"' };

/**
 * Lets a request through only with `Authorization: Bearer <admin token>` (compared in constant
 * time), and marks every admin response `Cache-Control: no-store`: they carry emails and IP
 * hashes. Anything else is 401 `unauthorized` with a `WWW-Authenticate` challenge.
 *
 * Every token presented counts against its network (admin/admin-token-throttle.ts); a right one
 * is taken back. After 10 wrong ones in 15 minutes the network gets 429 `too_many_attempts`,
 * right token or not, until the window closes. A request from no known address (in-process) is
 * not counted.
 */
export function createAdminAuth(
  deps: Pick<AppDeps, 'config' | 'countAdminAttempt'>,
): MiddlewareHandler<AdminEnv> {
  const { admins } = deps.config;
  return async (c, next) => {
    if (admins.length === 0) {
      throw new ApiError(
        401,
        ErrorCode.unauthorized,
        'The admin API is off: no admins are configured. Set HEARTH_ADMIN_TOKEN, or list `admins` in the config file.',
        { headers: challenge },
      );
    }
    const token = readBearerToken(c.req.header('Authorization'));
    const forgive = token === null ? null : await deps.countAdminAttempt(c);
    const admin = findAdmin(admins, token);
    if (admin !== null) await forgive?.();
    if (admin === null) {
      throw new ApiError(
        401,
        ErrorCode.unauthorized,
        'A valid admin token is required: send Authorization: Bearer <token>.',
        { headers: challenge },
      );
    }
    c.set('admin', admin);
    await next();
    c.header('Cache-Control', 'no-store');
  };
}
