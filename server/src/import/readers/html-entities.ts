// WordPress stores a commenter's name HTML-escaped (its `_wp_specialchars` filter turns `&` into
// `&amp;`, `'` into `&#039;`) and prints it into pages as it is, so readers see the decoded text.

const named = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

/**
 * Decodes numeric character references and the named ones WordPress's escaping writes (`&amp;`,
 * `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`); any other `&name;` is left as written.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,6}));/g,
    (entity, decimal, hex, name) => {
      if (name !== undefined) return named.get(name as string) ?? entity;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex as string, 16);
      const isCharacter = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return isCharacter ? String.fromCodePoint(code) : entity;
    },
  );
}
