/** The locales Hearth ships, English first: the page's `lang` picks one of them. */
export const locales = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'nl',
  'pl',
  'ru',
  'uk',
  'tr',
  'ja',
  'zh-CN',
  'ar',
  'he',
] as const;
export type Locale = (typeof locales)[number];

/** A language's usual locale when the page names no region, or an old code for it. */
const byLanguage: Record<string, Locale> = { pt: 'pt-BR', zh: 'zh-CN', iw: 'he' };

/**
 * The shipped locale for a BCP 47 tag: the same tag (any case), else its language's
 * (`de-AT` → `de`, `pt` → `pt-BR`, `zh-TW` → `zh-CN`), else English.
 */
export function matchLocale(tag: string): Locale {
  const lower = tag.toLowerCase();
  const language = lower.split(/[-_]/)[0]!;
  return (
    locales.find((locale) => locale.toLowerCase() === lower) ??
    locales.find((locale) => locale === language) ??
    (Object.hasOwn(byLanguage, language) ? byLanguage[language]! : 'en')
  );
}
