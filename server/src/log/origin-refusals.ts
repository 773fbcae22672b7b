import { formatLogLine, LogLevel } from './log-line.js';

/** How often one refused origin is logged again, in ms: once per 10 minutes. */
const refusalLogIntervalMs = 10 * 60_000;
/** Most origins remembered at once; past this, older ones are forgotten (or new ones not logged). */
const refusalLogMaxOrigins = 1000;

/**
 * Logs a request refused for an Origin no site lists, at most once per origin per
 * `refusalLogIntervalMs`, so a page pasted on a new domain shows up in the server's log
 * without a busy page flooding it.
 *
 * Invariants:
 * - Memory is bounded: at most `maxOrigins` origins are remembered. A new origin forgets the
 *   one logged longest ago if that was over an interval ago; otherwise it is not logged (a
 *   flood of made-up origins costs at most `maxOrigins` lines per interval).
 * - The origin is the client's header: it goes in its own field, cut to 200 characters.
 */
export function createOriginRefusalLog(options: {
  now: () => number;
  log: (line: string) => void;
  intervalMs?: number;
  maxOrigins?: number;
}): (origin: string, path: string) => void {
  const { now, log, intervalMs = refusalLogIntervalMs, maxOrigins = refusalLogMaxOrigins } = options;
  /** Origin → when it was last logged; in the order they were logged, oldest first. */
  const loggedAtMs = new Map<string, number>();
  return (origin, path) => {
    const shown = origin.length > 200 ? `${origin.slice(0, 200)}…` : origin;
    const nowMs = now();
    const last = loggedAtMs.get(shown);
    if (last !== undefined && nowMs - last < intervalMs) return;
    loggedAtMs.delete(shown);
    if (loggedAtMs.size >= maxOrigins) {
      const [oldest, oldestAtMs] = loggedAtMs.entries().next().value as [string, number];
      if (nowMs - oldestAtMs < intervalMs) return;
      loggedAtMs.delete(oldest);
    }
    loggedAtMs.set(shown, nowMs);
    log(
      formatLogLine(
        LogLevel.warn,
        {
          event: 'origin_not_allowed',
          msg: 'Hearth refused a page whose origin no site lists: add it to sites[].origins in the config if it is yours (logged once per origin per 10 minutes)',
          origin: shown,
          path: path.length > 200 ? `${path.slice(0, 200)}…` : path,
        },
        nowMs,
      ),
    );
  };
}
