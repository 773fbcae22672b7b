/** The attributes the HTML reader keeps, undecoded (entities intact), first occurrence winning. */
export interface TagAttributes {
  href?: string;
  src?: string;
  alt?: string;
  start?: string;
}

/** What the tokenizer reports, in document order. */
export interface HtmlTokenHandler {
  /** Text between tags, undecoded: entities intact, `<` only where it opens no tag. */
  text(raw: string): void;
  /** A start tag; `name` is lower case. */
  startTag(name: string, attributes: TagAttributes, isSelfClosing: boolean): void;
  /** An end tag; `name` is lower case. */
  endTag(name: string): void;
  /** Asked after each token: true stops the reading there. */
  isDone?(): boolean;
}

// Elements whose content is text up to their end tag (HTML's raw text and RCDATA elements):
// a tag inside them is not a tag. `plaintext` never ends.
const rawTextElements = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'textarea',
  'title',
  'plaintext',
]);
const keptAttributes = new Set(['href', 'src', 'alt', 'start']);
const rawTextEnds = new Map<string, RegExp>();
/** HTML's whitespace: tab, line feed, form feed, carriage return, space. */
function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\f';
}

function findRawTextEnd(html: string, name: string, from: number): number {
  let pattern = rawTextEnds.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
    rawTextEnds.set(name, pattern);
  }
  pattern.lastIndex = from;
  const match = name === 'plaintext' ? null : pattern.exec(html);
  return match ? match.index : html.length;
}

/**
 * Reads HTML into text, start tags and end tags, the way a browser's tokenizer splits them
 * (comments, doctypes and processing instructions skipped; raw text elements' content kept as
 * text), in one forward pass: every search starts where the last one stopped, so the work is
 * linear in the input's length. A tag cut off by the end of the input is dropped, as browsers do.
 */
export function tokenizeHtml(html: string, handler: HtmlTokenHandler): void {
  let at = 0;
  let textStart = 0;
  const flushText = (end: number): void => {
    if (end > textStart) handler.text(html.slice(textStart, end));
  };
  while (at < html.length) {
    if (handler.isDone?.()) return;
    const open = html.indexOf('<', at);
    if (open < 0) break;
    const next = html[open + 1] ?? '';
    if (next === '!' || next === '?' || (next === '/' && !isAsciiLetter(html[open + 2] ?? ''))) {
      flushText(open);
      at = skipMarkup(html, open);
      textStart = at;
      continue;
    }
    const isEnd = next === '/';
    const nameStart = open + (isEnd ? 2 : 1);
    if (!isAsciiLetter(html[nameStart] ?? '')) {
      at = open + 1;
      continue;
    }
    const tag = readTag(html, nameStart);
    flushText(open);
    if (!tag) {
      textStart = html.length;
      break;
    }
    at = textStart = tag.end;
    if (isEnd) {
      handler.endTag(tag.name);
      continue;
    }
    handler.startTag(tag.name, tag.attributes, tag.isSelfClosing);
    if (rawTextElements.has(tag.name)) {
      const close = findRawTextEnd(html, tag.name, at);
      if (close > at) handler.text(html.slice(at, close));
      if (close >= html.length) {
        textStart = html.length;
        break;
      }
      const end = readTag(html, close + 2);
      handler.endTag(tag.name);
      at = textStart = end ? end.end : html.length;
    }
  }
  flushText(html.length);
}

function isAsciiLetter(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

/** Skips a comment, doctype, processing instruction or `</` bogus comment starting at `open`. */
function skipMarkup(html: string, open: number): number {
  if (html.startsWith('<!--', open)) {
    if (html.startsWith('<!-->', open)) return open + 5;
    if (html.startsWith('<!--->', open)) return open + 6;
    const close = html.indexOf('--', open + 4);
    for (let dashes = close; dashes >= 0; dashes = html.indexOf('--', dashes + 1)) {
      if (html[dashes + 2] === '>') return dashes + 3;
      if (html[dashes + 2] === '!' && html[dashes + 3] === '>') return dashes + 4;
    }
    return html.length;
  }
  const close = html.indexOf('>', open + 2);
  return close < 0 ? html.length : close + 1;
}

/**
 * Reads a tag's name and attributes from `nameStart` to its `>`; null when the input ends first.
 * Quoted attribute values may hold `>`.
 */
function readTag(
  html: string,
  nameStart: number,
): { name: string; attributes: TagAttributes; isSelfClosing: boolean; end: number } | null {
  let at = nameStart;
  while (at < html.length && !isSpace(html[at]) && html[at] !== '/' && html[at] !== '>') at += 1;
  const name = html.slice(nameStart, at).toLowerCase();
  const attributes: TagAttributes = {};
  let isSelfClosing = false;
  while (at < html.length) {
    const char = html[at]!;
    if (char === '>') return { name, attributes, isSelfClosing, end: at + 1 };
    if (isSpace(char)) {
      at += 1;
      continue;
    }
    if (char === '/') {
      isSelfClosing = html[at + 1] === '>';
      at += 1;
      continue;
    }
    isSelfClosing = false;
    // An attribute name may start with `=`; it runs to space, `/`, `>` or `=`.
    const attributeStart = at;
    at += 1;
    while (at < html.length && !isSpace(html[at]) && !'/>='.includes(html[at]!)) at += 1;
    const attributeName = html.slice(attributeStart, at).toLowerCase();
    while (at < html.length && isSpace(html[at])) at += 1;
    if (html[at] !== '=') continue;
    at += 1;
    while (at < html.length && isSpace(html[at])) at += 1;
    let value: string;
    const quote = html[at];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, at + 1);
      if (close < 0) return null;
      value = html.slice(at + 1, close);
      at = close + 1;
    } else {
      const valueStart = at;
      while (at < html.length && !isSpace(html[at]) && html[at] !== '>') at += 1;
      value = html.slice(valueStart, at);
    }
    if (keptAttributes.has(attributeName) && !Object.hasOwn(attributes, attributeName)) {
      attributes[attributeName as keyof TagAttributes] = value;
    }
  }
  return null;
}
