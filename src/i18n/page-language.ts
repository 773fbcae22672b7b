/**
 * The language `element` is in: its own `lang`, else its nearest ancestor's, across shadow
 * roots up to the document; empty when none says. Never the browser's: a page is in its language.
 */
export function readLang(element: Element): string {
  for (let node: Element | null = element; node;) {
    const owner: Element | null = node.closest('[lang]');
    if (owner) return owner.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/** Whether a page in `lang` reads English, needing no locale chunk: `en`, `en-GB`…, or none said. */
export const isEnglish = (lang: string): boolean => lang === '' || /^en(-|$)/i.test(lang);

/** Whether a locale's script runs right to left. */
export const isRightToLeft = (locale: string): boolean => locale === 'ar' || locale === 'he';
