const units: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format)
    relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

/** "3 minutes ago", "yesterday", "now": how long before `nowMs` a moment at `thenMs` was. */
export function formatRelativeTime(thenMs: number, nowMs: number, locale: string): string {
  const elapsedMs = thenMs - nowMs;
  for (const [unit, unitMs] of units) {
    if (Math.abs(elapsedMs) >= unitMs)
      return relativeFormat(locale).format(Math.trunc(elapsedMs / unitMs), unit);
  }
  return relativeFormat(locale).format(0, 'second');
}

/** The full local date and time, for a tooltip. */
export function formatAbsoluteTime(thenMs: number, locale: string): string {
  let format = absoluteFormats.get(locale);
  if (!format)
    absoluteFormats.set(
      locale,
      (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })),
    );
  return format.format(thenMs);
}
