/**
 * Rules every user string of a write obeys, in the widget as on the server. Kept free of zod
 * so code that only cleans text (an SSO name shown in the composer) can use them cheaply.
 */

// In a `u` regex a surrogate pair is one code point, so \p{Cs} matches only a half without its
// pair. (String.prototype.isWellFormed says the same, but is younger than the browsers served.)
const loneSurrogate = /\p{Cs}/u;

// A name is shown inline, beside other text, so it holds nothing that breaks or reorders a line:
// C0 and C1 controls, line and paragraph separators, bidi embeddings and overrides
// (U+202A–U+202E) and isolates (U+2066–U+2069), and the byte order mark.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notInNames = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * Whether `text` is well-formed UTF-16: every surrogate is half of a pair. Stores write UTF-8,
 * which cannot hold a lone surrogate, so one would come back as U+FFFD and the identical retry
 * of an acknowledged post would no longer match what was stored.
 */
export function isWellFormed(text: string): boolean {
  return !loneSurrogate.test(text);
}

/** Whether `text` may be a display name's text: one line, no bidi controls that could spill. */
export function isOneLineName(text: string): boolean {
  return !notInNames.test(text);
}

/**
 * `text` made into a name the schemas accept, for names that arrive from elsewhere (an SSO
 * token): characters names may not hold become spaces, lone surrogates go, and the result is
 * trimmed and cut to `maxUnits` UTF-16 units without splitting a pair.
 */
export function toOneLineName(text: string, maxUnits: number): string {
  const clean = text
    .replace(new RegExp(`${notInNames.source}+`, 'g'), ' ')
    .replace(new RegExp(loneSurrogate.source, 'gu'), '')
    .trim();
  const cut = clean.slice(0, maxUnits);
  return (isWellFormed(cut) ? cut : cut.slice(0, -1)).trim();
}
