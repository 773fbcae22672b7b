/** When a job that failed is tried again, and when it stops being tried. */
export interface RetrySchedule {
  /** The first retry waits this long, in ms; each failure after doubles it. */
  firstDelayMs: number;
  /** No retry waits longer than this, in ms. */
  maxDelayMs: number;
  /** A job queued longer than this is not tried again: it has failed for good, in ms. */
  giveUpAfterMs: number;
}

/**
 * The default: a minute, doubling to an hour at most, for a day. A mail server or webhook
 * receiver that is down for an evening still gets everything; one gone for good stops being
 * asked after about thirty tries.
 */
export const defaultRetrySchedule: RetrySchedule = {
  firstDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
};

/**
 * When attempt `attempts + 1` of a job created at `createdAtMs` runs, after attempt `attempts`
 * failed at `nowMs`; null when the next try would come after the schedule gives up.
 */
export function nextRetryAtMs(
  attempts: number,
  createdAtMs: number,
  nowMs: number,
  schedule: RetrySchedule = defaultRetrySchedule,
): number | null {
  const delayMs = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** Math.max(0, attempts - 1));
  const atMs = nowMs + delayMs;
  return atMs - createdAtMs > schedule.giveUpAfterMs ? null : atMs;
}
