/** How much a log line asks of an operator. */
export const LogLevel = { info: 'info', warn: 'warn', error: 'error' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/**
 * One log line's content besides its time and level: `event` is a stable code to filter on,
 * `msg` a sentence for a person. Request-derived strings belong in their own fields, never
 * pasted into `msg` by the caller, though either way they are escaped.
 */
export interface LogEntry {
  event: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * Formats one structured log line: a single JSON object, `{"at","level","event","msg",…}`.
 * `JSON.stringify` escapes line breaks in every string, and U+2028 and U+2029 are escaped too
 * (some log viewers break lines there), so no field can start a line of its own: a request can
 * never forge a log line, whatever its path, headers or body hold.
 */
export function formatLogLine(level: LogLevel, entry: LogEntry, nowMs: number = Date.now()): string {
  const json = JSON.stringify({ at: new Date(nowMs).toISOString(), level, ...entry }, replaceErrors);
  return json.replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

/** An Error as plain fields (JSON.stringify drops an Error's own properties otherwise). */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as NodeJS.ErrnoException).code;
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    stack: error.stack,
  };
}

function replaceErrors(_key: string, value: unknown): unknown {
  return value instanceof Error ? describeError(value) : value;
}

/** Writes an info line to stdout. */
export function logInfo(entry: LogEntry): void {
  console.log(formatLogLine(LogLevel.info, entry));
}

/** Writes a warning or error line to stderr. */
export function logProblem(level: typeof LogLevel.warn | typeof LogLevel.error, entry: LogEntry): void {
  console.error(formatLogLine(level, entry));
}
