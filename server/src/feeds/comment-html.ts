import {
  isSafeHref,
  type RichBlock,
  type RichInline,
  type RichText,
} from '../../../src/internal/rich-text.js';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML (and XML) text or attribute value: the five special characters escaped. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char]!);
}

/**
 * A comment body's tree as HTML, for places that take HTML (an Atom feed's content, an email):
 * the widget's own formatting and nothing else. Text is escaped, never markup; a link is an
 * `<a>` only to an absolute http(s) or mailto address (else its text), with `rel="nofollow ugc"`;
 * images were links already (the parser). Void elements are self-closed, so the result is also
 * well-formed XML.
 */
export function toCommentHtml(tree: RichText): string {
  return tree.map(blockHtml).join('');
}

function blockHtml(block: RichBlock): string {
  switch (block.t) {
    case 'p':
      return `<p>${inlinesHtml(block.c)}</p>`;
    case 'pre':
      return `<pre><code>${escapeMarkup(block.v)}</code></pre>`;
    case 'quote':
      return `<blockquote>${toCommentHtml(block.c)}</blockquote>`;
    case 'ul':
      return `<ul>${block.items.map(itemHtml).join('')}</ul>`;
    case 'ol':
      return `<ol start="${Number(block.start)}">${block.items.map(itemHtml).join('')}</ol>`;
    case 'hr':
      return '<hr/>';
  }
}

function itemHtml(item: RichText): string {
  return `<li>${toCommentHtml(item)}</li>`;
}

function inlinesHtml(inlines: readonly RichInline[]): string {
  return inlines.map(inlineHtml).join('');
}

function inlineHtml(inline: RichInline): string {
  if (typeof inline === 'string') return escapeMarkup(inline);
  switch (inline.t) {
    case 'em':
    case 'strong':
    case 'del':
      return `<${inline.t}>${inlinesHtml(inline.c)}</${inline.t}>`;
    case 'code':
      return `<code>${escapeMarkup(inline.v)}</code>`;
    case 'a':
      return isSafeHref(inline.href)
        ? `<a href="${escapeMarkup(inline.href)}" rel="nofollow ugc">${inlinesHtml(inline.c)}</a>`
        : inlinesHtml(inline.c);
    case 'br':
      return '<br/>';
  }
}
