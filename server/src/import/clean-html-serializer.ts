import { MiniElement, MiniText, type MiniNode } from './mini-dom.js';

const voidNames = new Set(['BR', 'HR', 'IMG']);

/** A raw attribute value (entities intact) made safe inside double quotes. */
function quoteAttribute(raw: string): string {
  return raw.replace(/"/g, '&quot;');
}

/**
 * Writes a clean document (see CleanHtmlWriter) as HTML that an HTML parser reads back into
 * the same tree: text in its raw form (`<` escaped), adjacent text nodes kept apart by an
 * empty comment, and a newline after `<pre>` (the parser drops the first one).
 */
export function serializeCleanHtml(root: MiniElement): string {
  const out: string[] = [];
  const write = (node: MiniNode): void => {
    if (node instanceof MiniText) {
      if (node.previousSibling instanceof MiniText) out.push('<!---->');
      out.push(node.raw.replace(/</g, '&lt;'));
      return;
    }
    if (!(node instanceof MiniElement)) return;
    const name = node.nodeName.toLowerCase();
    let tag = `<${name}`;
    for (const [attribute, { raw }] of node.attributes) tag += ` ${attribute}="${quoteAttribute(raw)}"`;
    out.push(`${tag}>${name === 'pre' ? '\n' : ''}`);
    if (voidNames.has(node.nodeName)) return;
    for (let child = node.firstChild; child; child = child.nextSibling) write(child);
    out.push(`</${name}>`);
  };
  for (let child = root.firstChild; child; child = child.nextSibling) write(child);
  return out.join('');
}
