import { html, nothing, type TemplateResult } from 'lit';

/** `address` when it is an absolute http(s) URL, else null: nothing else becomes a link. */
function toHttpUrl(address: string | null | undefined): string | null {
  if (!address) return null;
  try {
    const { protocol } = new URL(address);
    return protocol === 'https:' || protocol === 'http:' ? address : null;
  } catch {
    return null;
  }
}

/**
 * A link to a reader-facing page, opened in a new tab so the moderator keeps their place:
 * `noopener` keeps the page from reaching back into this one, `noreferrer` keeps this page's
 * address (and that an admin page exists) from the site. Nothing when `address` is not http(s).
 */
export function renderPageLink(
  address: string | null | undefined,
  text: string,
  label: string,
): TemplateResult | typeof nothing {
  const href = toHttpUrl(address);
  if (href === null) return nothing;
  return html`<a class="page-link" href=${href} target="_blank" rel="noopener noreferrer" aria-label=${label}
    >${text}</a
  >`;
}
