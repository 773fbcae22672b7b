// Sniffing an XML file from its first bytes: what `--format auto` needs to tell the XML formats
// apart without parsing the whole file. Pure string work, linear in the head's length.

/** The root element's start tag, as far as the head shows it. */
export interface XmlRootTag {
  /** The qualified name, prefix included (`rss`, `disqus`, `x:disqus`). */
  name: string;
  /** The start tag's text from `<` to `>` (to the end of the head if it is cut off there). */
  text: string;
}

/**
 * Finds the root element's start tag in the head of an XML file, past a byte order mark, the XML
 * declaration, processing instructions, comments and a doctype; null when the head does not
 * start like an XML document.
 */
export function readXmlRootTag(head: string): XmlRootTag | null {
  let at = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < head.length && isXmlSpace(head.charCodeAt(at))) at += 1;
    if (head[at] !== '<') return null;
    if (head.startsWith('<?', at)) {
      at = skipPast(head, at, '?>');
    } else if (head.startsWith('<!--', at)) {
      at = skipPast(head, at, '-->');
    } else if (head.startsWith('<!DOCTYPE', at)) {
      at = skipDoctype(head, at);
    } else {
      break;
    }
    if (at < 0) return null;
  }
  const match = /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(at, at + 256));
  if (match === null) return null;
  const end = head.indexOf('>', at);
  return { name: match[1], text: head.slice(at, end < 0 ? head.length : end + 1) };
}

/** The local part of a qualified name: `disqus` for `x:disqus`. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipPast(head: string, at: number, end: string): number {
  const found = head.indexOf(end, at);
  return found < 0 ? -1 : found + end.length;
}

/** Past a doctype, its internal subset (`[...]`) included. */
function skipDoctype(head: string, at: number): number {
  const close = head.indexOf('>', at);
  const open = head.indexOf('[', at);
  if (open < 0 || (close >= 0 && close < open)) return close < 0 ? -1 : close + 1;
  const subsetEnd = head.indexOf(']', open);
  return subsetEnd < 0 ? -1 : skipPast(head, subsetEnd, '>');
}
