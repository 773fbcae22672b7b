import { HelloEventSchema } from '../protocol/live-events.js';

/** The timings of a thread's live updates; tests shorten them. */
export interface LiveTiming {
  /** The server's heartbeat until its `hello` says otherwise, in ms; default 25 000. */
  heartbeatMs: number;
  /** Errors in a row, each before the stream opened, that give up on streaming; default 3. */
  maxFailedOpens: number;
  /** Wait before reopening a stream the browser gave up on (a 4xx/5xx), in ms; default 3 000. */
  reopenDelayMs: number;
  /** First wait between polls once streaming failed, in ms; default 15 000. */
  minPollDelayMs: number;
  /** Longest wait between polls, in ms; default 300 000 (5 minutes). */
  maxPollDelayMs: number;
  /** How long to poll before trying a stream again, in ms; default 300 000. */
  streamRetryAfterMs: number;
  /** How often the leader asks whether any tab still shows a thread it streams for, in ms; default 30 000. */
  interestCheckMs: number;
}

export const defaultLiveTiming: LiveTiming = {
  heartbeatMs: 25_000,
  maxFailedOpens: 3,
  reopenDelayMs: 3_000,
  minPollDelayMs: 15_000,
  maxPollDelayMs: 300_000,
  streamRetryAfterMs: 300_000,
  interestCheckMs: 30_000,
};

/**
 * How long a stream may stay silent before it counts as cut, in ms: two heartbeats, so one
 * late heartbeat is forgiven but a proxy that buffers or drops the stream is not.
 */
export function computeSilenceLimitMs(heartbeatMs: number): number {
  return 2 * heartbeatMs;
}

/** The wait before the next poll: back to the shortest after news, else doubled up to the longest. */
export function computeNextPollDelayMs(previousMs: number, hadChanges: boolean, timing: LiveTiming): number {
  if (hadChanges) return timing.minPollDelayMs;
  return Math.min(Math.max(previousMs * 2, timing.minPollDelayMs), timing.maxPollDelayMs);
}

/** The heartbeat a `hello` event's data names, in ms, or `fallbackMs` when it names none. */
export function readHeartbeatMs(data: string, fallbackMs: number): number {
  try {
    const hello = HelloEventSchema.safeParse(JSON.parse(data));
    return hello.success ? hello.data.heartbeatMs : fallbackMs;
  } catch {
    return fallbackMs;
  }
}
