import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import type { AdminConfig, SiteConfig } from '../site-config.js';
import { findAdmin, readBearerToken } from './admin-token.js';
import { hashAuthorToken, isAuthorToken } from './author-token.js';
import { verifySsoToken, type SsoUser } from './sso.js';
import { isJwtShaped } from './token-shape.js';

/**
 * Who is asking, from the request's `Authorization: Bearer …` header:
 * - `anonymous`: no header; a guest posting without an author token.
 * - `guest`: a widget-made author token (`hga_…`), known only by its SHA-256.
 * - `sso`: a reader signed in on the site, from a verified SSO token.
 * - `admin`: one of the configured admin tokens.
 */
export type Identity =
  | { kind: 'anonymous' }
  | { kind: 'guest'; tokenHash: string }
  | { kind: 'sso'; user: SsoUser }
  | { kind: 'admin'; admin: AdminConfig };

/** What `readIdentity` needs to know about the request and the server. */
export interface IdentityRequest {
  /** The raw `Authorization` header, if any. */
  authorization: string | undefined;
  /** The site the request is for: SSO tokens must be signed for it. */
  site: SiteConfig;
  admins: readonly AdminConfig[];
  nowMs: number;
}

/**
 * Tells who is asking. Admin tokens are checked first (in constant time), then the token's
 * shape decides: a JWT is verified as the site's SSO token, `hga_…` is a guest's author
 * token. Throws 401 `sso_token_invalid` / `sso_token_expired` for a refused SSO token and
 * 401 `auth_required` for a header that is not a bearer token of any known kind.
 */
export async function readIdentity(request: IdentityRequest): Promise<Identity> {
  const { authorization, site, admins, nowMs } = request;
  if (authorization === undefined || authorization.trim() === '') return { kind: 'anonymous' };
  const token = readBearerToken(authorization);
  if (token === null) {
    throw new ApiError(401, ErrorCode.authRequired, 'The Authorization header must be "Bearer <token>".');
  }
  const admin = findAdmin(admins, token);
  if (admin) return { kind: 'admin', admin };
  if (isJwtShaped(token)) return { kind: 'sso', user: await verifySsoToken(token, site, nowMs) };
  if (isAuthorToken(token)) return { kind: 'guest', tokenHash: hashAuthorToken(token) };
  throw new ApiError(
    401,
    ErrorCode.authRequired,
    'The bearer token is not one this server knows: send an author token (hga_…), ' +
      'a sign-in token from the site, or an admin token.',
  );
}
