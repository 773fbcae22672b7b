import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { SiteConfigSchema, type SiteConfig } from '../../../server/src/site-config.js';
import { lenientDemoSite } from './fixtures.js';

/** An SSO secret of the length the config demands. */
export const ssoSecret = 'sso-secret-for-tests-0123456789abcdef';

/**
 * A site like `lenientDemoSite` (id `demo`, no proof of work, limits nobody reaches) with the
 * given settings on top, validated by the real config schema so defaults apply.
 */
export function makeSite(overrides: Record<string, unknown> = {}): SiteConfig {
  const { id, origins, limits, proofOfWork } = lenientDemoSite;
  return SiteConfigSchema.parse({ id, origins, limits, proofOfWork, ...overrides });
}

/** A guest author token as the widget makes one: `hga_` and 32 random bytes in base64url. */
export function makeGuestToken(): string {
  return `hga_${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex of a token: what the server should store for a guest's author token. */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `{ Authorization: 'Bearer …' }` for request headers. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** How to sign a test SSO token; every field has a sensible default. */
export interface SsoTokenOptions {
  /** Claims besides the time claims and `aud`; default `{ sub: 'user-1', name: 'Grace Hopper' }`. */
  claims?: JWTPayload;
  /** Default `demo`; `null` leaves `aud` out. */
  audience?: string | null;
  /** Default `ssoSecret`. */
  secret?: string;
  /** Default `HS256`. */
  alg?: string;
  /** `iat` in ms; default `nowMs`; `null` leaves it out. */
  issuedAtMs?: number | null;
  /** `exp` in ms; default an hour after `nowMs`; `null` leaves it out. */
  expiresAtMs?: number | null;
}

/** Signs an SSO token the way a site's backend would (see docs/sso.md), relative to `nowMs`. */
export async function signSsoToken(nowMs: number, options: SsoTokenOptions = {}): Promise<string> {
  const {
    claims = { sub: 'user-1', name: 'Grace Hopper' },
    audience = 'demo',
    secret = ssoSecret,
    alg = 'HS256',
    issuedAtMs = nowMs,
    expiresAtMs = nowMs + 60 * 60 * 1000,
  } = options;
  const jwt = new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' });
  if (audience !== null) jwt.setAudience(audience);
  if (issuedAtMs !== null) jwt.setIssuedAt(Math.floor(issuedAtMs / 1000));
  if (expiresAtMs !== null) jwt.setExpirationTime(Math.floor(expiresAtMs / 1000));
  return jwt.sign(new TextEncoder().encode(secret));
}

/** An unsigned `alg: none` token with the given claims: what an attacker would try first. */
export function makeUnsignedToken(claims: JWTPayload): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
