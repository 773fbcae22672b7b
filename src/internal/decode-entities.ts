/**
 * The named character references people actually type in comments, all of them HTML's too.
 * Others stay as typed: the full HTML table costs more bytes than it is worth, and showing
 * `&foo;` is harmless.
 */
export const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  colon: ':',
  Tab: '\t',
  NewLine: '\n',
};

/**
 * Decodes numeric (`&#58;`, `&#x3a;`) and common named character references, as CommonMark
 * does in text and link destinations. Invalid code points become U+FFFD.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z]{2,8}));/g, (match, dec, hex, name) => {
    if (name !== undefined) return Object.hasOwn(namedEntities, name) ? namedEntities[name]! : match;
    const codePoint = dec === undefined ? parseInt(hex, 16) : parseInt(dec, 10);
    const isValid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return String.fromCodePoint(isValid ? codePoint : 0xfffd);
  });
}
