import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A guest's author token as the widget makes it: `hga_` and 32 random bytes in base64url
 * without padding (43 characters), 47 characters in all.
 */
const authorTokenPattern = /^hga_[A-Za-z0-9_-]{43}$/;

/** Whether `token` has the shape of a guest author token (`hga_` + 43 base64url characters). */
export function isAuthorToken(token: string): boolean {
  return authorTokenPattern.test(token);
}

/**
 * The SHA-256 of a whole author token (prefix included), in hex: the only form the server
 * keeps. The token has 256 random bits, so a fast unsalted hash is enough to make a leaked
 * database useless for posing as its authors.
 */
export function hashAuthorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const sha256Hex = /^[0-9a-f]{64}$/;

/**
 * Whether a presented token's hash equals the stored one, compared in constant time so the
 * response time says nothing about how much of a guess was right. A missing or malformed
 * stored hash (SSO and admin comments have none) matches nothing.
 */
export function isSameAuthorTokenHash(storedHash: string | null, presentedHash: string): boolean {
  if (storedHash === null || !sha256Hex.test(storedHash) || !sha256Hex.test(presentedHash)) return false;
  return timingSafeEqual(Buffer.from(storedHash, 'hex'), Buffer.from(presentedHash, 'hex'));
}
