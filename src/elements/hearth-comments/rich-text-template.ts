import { html, nothing, type TemplateResult } from 'lit';
import { isSafeHref, type RichBlock, type RichInline, type RichText } from '../../internal/rich-text.js';

/**
 * Renders a parsed comment body with Lit bindings only: every piece of user text lands in a
 * text node or a bound attribute, never in markup, so the tree cannot smuggle in elements.
 * A cached tree could have been written by other script on the page's origin, so links are
 * checked again and text fields are forced to strings (a Lit template object in their place
 * would be rendered as markup).
 */
export function renderRichText(blocks: RichText): unknown[] {
  return blocks.map(renderBlock);
}

function renderBlock(block: RichBlock): unknown {
  switch (block.t) {
    case 'p':
      return html`<p>${block.c.map(renderInline)}</p>`;
    case 'pre':
      // Focusable because a long line scrolls it, and keyboard users must be able to scroll too.
      return html`<pre tabindex="0"><code>${String(block.v)}</code></pre>`;
    case 'quote':
      return html`<blockquote>${block.c.map(renderBlock)}</blockquote>`;
    case 'ul':
      return html`<ul>${block.items.map(renderItem)}</ul>`;
    case 'ol':
      return html`<ol start=${Number(block.start)}>${block.items.map(renderItem)}</ol>`;
    case 'hr':
      return html`<hr />`;
    default:
      return nothing;
  }
}

function renderItem(item: RichBlock[]): TemplateResult {
  return html`<li>${item.map(renderBlock)}</li>`;
}

function renderInline(node: RichInline): unknown {
  if (typeof node === 'string') return node;
  switch (node.t) {
    case 'em':
      return html`<em>${node.c.map(renderInline)}</em>`;
    case 'strong':
      return html`<strong>${node.c.map(renderInline)}</strong>`;
    case 'del':
      return html`<del>${node.c.map(renderInline)}</del>`;
    case 'code':
      return html`<code>${String(node.v)}</code>`;
    case 'a':
      return isSafeHref(node.href)
        ? html`<a href=${node.href} target="_blank" rel="nofollow ugc noopener noreferrer"
            >${node.c.map(renderInline)}</a
          >`
        : node.c.map(renderInline);
    case 'br':
      return html`<br />`;
    default:
      return nothing;
  }
}
