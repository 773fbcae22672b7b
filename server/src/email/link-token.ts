import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a link in an email may do without a sign-in, signed by the server so no one can make
 * one for an address or a comment they do not own:
 * - `unsubscribe`: stop what `email` follows on `site` (one `thread`, or all of it);
 * - `moderate`: approve or reject a held comment, for the admin named in `admin`.
 */
export type LinkClaims =
  | { kind: 'unsubscribe'; site: string; email: string; thread: string | null }
  | {
      kind: 'moderate';
      commentId: string;
      action: 'approve' | 'reject';
      admin: string;
      /** ms since the epoch. */
      expiresAtMs: number;
    };

// Separates these signatures from every other use of the server's secret.
const purpose = 'hearth-email-link:';

/** `base64url(JSON claims).base64url(HMAC-SHA256)`: at most a few hundred characters. */
export function signLinkToken(claims: LinkClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/**
 * The claims of a token this server signed, or null for anything else: a bad signature
 * (compared in constant time), a malformed token, or a `moderate` token past its expiry.
 */
export function readLinkToken(token: string, secret: string, nowMs: number): LinkClaims | null {
  if (token.length > 2048) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret), 'base64url');
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isLinkClaims(claims)) return null;
  if (claims.kind === 'moderate' && claims.expiresAtMs <= nowMs) return null;
  return claims;
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(purpose + body)
    .digest('base64url');
}

// The signature already vouches for the shape; this guards against a token of an older format.
function isLinkClaims(value: unknown): value is LinkClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  if (claims.kind === 'unsubscribe') {
    return (
      typeof claims.site === 'string' &&
      typeof claims.email === 'string' &&
      (claims.thread === null || typeof claims.thread === 'string')
    );
  }
  return (
    claims.kind === 'moderate' &&
    typeof claims.commentId === 'string' &&
    (claims.action === 'approve' || claims.action === 'reject') &&
    typeof claims.admin === 'string' &&
    typeof claims.expiresAtMs === 'number'
  );
}
