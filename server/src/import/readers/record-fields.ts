import type { z } from 'zod';

// Rules the JSON readers share for a record's fields: dates and what to say about a bad record.

const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The earliest date a comment can bear: Go writes its zero time (year 1) for "never". */
const earliestMs = 0;

/**
 * Milliseconds since the epoch of an RFC 3339 timestamp, as Go writes a `time.Time` in JSON
 * (`2024-03-01T09:30:00.123456789+01:00`), or null when it is not one, names a day or hour
 * that does not exist, or falls before 1970.
 */
export function parseRfc3339Ms(text: string): number | null {
  const match = rfc3339.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = '', , sign, offsetHours, offsetMinutes] = match;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = utcMs(+year!, +month!, +day!, +hour!, +minute!, +second!, ms);
  if (local === null) return null;
  const offset = sign ? (sign === '-' ? -1 : 1) * (+offsetHours! * 60 + +offsetMinutes!) * 60_000 : 0;
  const at = local - offset;
  return at >= earliestMs ? at : null;
}

/**
 * Milliseconds since the epoch of a UTC date and time given field by field (month 1-12), or
 * null when a field is out of its range (February 30, hour 24).
 */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms = 0,
): number | null {
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  // Date.UTC rolls February 30 over to March 2 and reads years below 100 as 19xx: a date that
  // does not read back as written is not one.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.getTime();
}

/**
 * What is wrong with `record`, from zod's first issue: `no locator.url` for a missing field,
 * else `user.name: expected string, received number`.
 */
export function describeIssue(error: z.ZodError, record: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const field = issue.path.map(String).join('.');
  if (field && valueAt(record, issue.path) === undefined) return `no ${field}`;
  const message = issue.message.replace(/^Invalid input: /, '');
  return field ? `${field}: ${message}` : message;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let value = record;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A string field as the record gives it, or null when it is absent, null or empty. */
export function presentOrNull(value: string | null | undefined): string | null {
  return value ? value : null;
}
