import { createHash, timingSafeEqual } from 'node:crypto';
import type { AdminConfig } from '../site-config.js';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function readBearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The admin whose token this is, or null. Compares fixed-length digests in constant time, and
 * checks every admin, so neither the length nor the position of a match leaks through timing.
 */
export function findAdmin(admins: readonly AdminConfig[], token: string | null): AdminConfig | null {
  if (token === null) return null;
  const presented = digest(token);
  let found: AdminConfig | null = null;
  for (const admin of admins) {
    if (timingSafeEqual(presented, digest(admin.token)) && found === null) found = admin;
  }
  return found;
}
