import { namedEntities } from '../../../src/internal/decode-entities.js';

// Named references people type, with their HTML values (a subset of HTML's 2,231): the
// widget's markdown set, and the spaces, joiners and low quotes that pasted HTML carries.
const named: Readonly<Record<string, string>> = {
  ...namedEntities,
  sbquo: '‚',
  bdquo: '„',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
};

const reference = /&(?:#(\d{1,7});|#[xX]([\da-fA-F]{1,6});|([A-Za-z][A-Za-z\d]*;)|)/g;

/**
 * Decodes HTML text or an attribute value the way the HTML parser does, or returns null when
 * that needs HTML's full table: a name this table lacks, a reference without its `;` (legacy
 * forms decode differently in text and attributes), a numeric one HTML remaps (C1 controls,
 * NUL, surrogates, beyond U+10FFFF, CR), or a NUL character. Line ends become `\n`, as the
 * parser's input stream makes them.
 */
export function decodeHtmlText(raw: string): string | null {
  if (raw.includes('\u0000')) return null;
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  let isKnown = true;
  const decoded = text.replace(reference, (match: string, ...groups: unknown[]) => {
    const [decimal, hex, name, offset] = groups as [string?, string?, string?, number?];
    if (decimal !== undefined || hex !== undefined) {
      const codePoint = decimal === undefined ? parseInt(hex!, 16) : parseInt(decimal, 10);
      if (isPlainCodePoint(codePoint)) return String.fromCodePoint(codePoint);
    } else if (name !== undefined) {
      const key = name.slice(0, -1);
      if (Object.hasOwn(named, key)) return named[key]!;
    } else if (!/[#A-Za-z\d]/.test(text[offset! + 1] ?? '')) {
      // A bare `&`: literal, unless a name or number follows (a reference without its `;`).
      return match;
    }
    isKnown = false;
    return match;
  });
  return isKnown ? decoded : null;
}

/** Whether HTML decodes a numeric reference to this code point unchanged. */
function isPlainCodePoint(codePoint: number): boolean {
  if (codePoint === 0x09 || codePoint === 0x0a) return true;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return false;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return codePoint <= 0x10ffff;
}
