/** The first retry waits about this long; each failure doubles it. */
export const baseRetryDelayMs = 2_000;
/** No retry waits longer than this. */
export const maxRetryDelayMs = 5 * 60_000;

/**
 * How long to wait before attempt `attempts + 1` after a network error or 5xx: exponential
 * backoff with "equal jitter" (half fixed, half random), so a server coming back is not met
 * by every reader at the same instant, yet no retry comes sooner than half the schedule.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceilingMs = Math.min(maxRetryDelayMs, baseRetryDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceilingMs / 2 + (random() * ceilingMs) / 2);
}

/**
 * Reads a Retry-After header (seconds, or an HTTP date) as a delay from `nowMs`, or null when
 * absent or unreadable. Capped so a hostile or mistaken server cannot park a write for days.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const delayMs = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - nowMs;
  if (Number.isNaN(delayMs)) return null;
  return Math.min(Math.max(0, delayMs), 60 * 60_000);
}
