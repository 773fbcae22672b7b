import { createHmac } from 'node:crypto';

/** How long one salt lasts before the next replaces it: a day, in ms. */
const ipSaltPeriodMs = 24 * 60 * 60 * 1000;

/**
 * Returns a function hashing client addresses with a salt derived from `secret` and the
 * current day, so stored hashes cannot be reversed by trying every address once the day's
 * salt is gone, and stop matching the next day. The address itself is never stored.
 */
export function createIpHasher(readSecret: () => Promise<string>) {
  return async (ip: string | null, nowMs: number): Promise<string | null> => {
    if (ip === null || ip === '') return null;
    const period = Math.floor(nowMs / ipSaltPeriodMs);
    const salt = createHmac('sha256', await readSecret())
      .update(`ip-salt:${period}`)
      .digest();
    return createHmac('sha256', salt).update(ip).digest('base64url');
  };
}
