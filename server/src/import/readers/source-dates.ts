import { utcMs } from './record-fields.js';

// The date formats the XML exports write, read strictly: a date that does not exist (February 30,
// hour 25) is not a date, and the record holding it is reported rather than imported at a guess.

const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

const sqlDateTime = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Milliseconds since the epoch for an ISO 8601 date and time (Disqus's `createdAt`,
 * `2012-12-12T12:12:12Z`); one without a zone is taken as UTC, as Disqus's own example is.
 * Null when the text is not such a date.
 */
export function parseIsoDateTime(text: string): number | null {
  const match = isoDateTime.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match;
  const at = utcMs(
    +year,
    +month,
    +day,
    +hour,
    +minute,
    +second,
    Math.floor(+fraction.padEnd(3, '0').slice(0, 3)),
  );
  if (at === null) return null;
  return at - zoneOffsetMs(zone);
}

/**
 * Milliseconds since the epoch for a MySQL DATETIME (`YYYY-MM-DD HH:MM:SS`, WordPress's
 * `comment_date_gmt`) taken as UTC. Null when the text is not one, the zero date
 * `0000-00-00 00:00:00` included.
 */
export function parseSqlDateTime(text: string): number | null {
  const match = sqlDateTime.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second] = match;
  return utcMs(+year, +month, +day, +hour, +minute, +second);
}

/** `+02:00`, `-0530`, `+02` or `Z` as milliseconds ahead of UTC. */
function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}
