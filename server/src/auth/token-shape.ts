import { isAuthorToken } from './author-token.js';

// Three base64url parts; the signature may be empty, as in an `alg: none` token, which must be
// refused as an invalid SSO token rather than as a token of no known kind.
const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Whether `token` has the shape of a JWT, as an SSO token has. */
export function isJwtShaped(token: string): boolean {
  return jwtShape.test(token);
}

/**
 * Whether `token` has the shape of a reader's token: an SSO token (a JWT) or a guest's author
 * token (`hga_…`). An admin token must not: guesses of those shapes are not counted against
 * the admin-token throttle on the public API (routes/request-identity.ts).
 */
export function isReaderTokenShaped(token: string): boolean {
  return isJwtShaped(token) || isAuthorToken(token);
}
