import { html, nothing, type TemplateResult } from 'lit';
import { isSafeHref, type RichBlock, type RichInline, type RichText } from '../../internal/rich-text.js';

/**
 * Renders a parsed comment body with Lit bindings only: every piece of user text lands in a
 * text node or a bound attribute, never in markup, so the tree cannot smuggle in elements.
 * Links are checked again here, in case a cached tree was written by someone else.
 */
export function renderRichText(blocks: RichText): TemplateResult[] {
  return blocks.map(renderBlock);
}

function renderBlock(block: RichBlock): TemplateResult {
  switch (block.t) {
    case 'p':
      return html`<p>${block.c.map(renderInline)}</p>`;
    case 'pre':
      // Focusable because a long line scrolls it, and keyboard users must be able to scroll too.
      return html`<pre tabindex="0"><code>${block.v}</code></pre>`;
    case 'quote':
      return html`<blockquote>${block.c.map(renderBlock)}</blockquote>`;
    case 'ul':
      return html`<ul>${block.items.map(renderItem)}</ul>`;
    case 'ol':
      return html`<ol start=${block.start}>${block.items.map(renderItem)}</ol>`;
    default:
      return html`<hr />`;
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
      return html`<code>${node.v}</code>`;
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
