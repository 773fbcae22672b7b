import { matchLocale, type Locale } from './locales.js';
import type { LocaleWords } from './words.js';

type Module = { default: LocaleWords };

// A chunk of its own, loaded only by pages in another language than English. Written out, not
// globbed: each locale is a chunk too, fetched only by pages in it, and the browser tests import
// these sources as they are, without Vite.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Module>> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  it: () => import('./locales/it.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  ru: () => import('./locales/ru.js'),
  uk: () => import('./locales/uk.js'),
  tr: () => import('./locales/tr.js'),
  ja: () => import('./locales/ja.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
};

/** A page language's locale and its words (null: English's, built in). */
export interface ResolvedWords {
  locale: Locale;
  words: LocaleWords | null;
}

const loading = new Map<Locale, Promise<LocaleWords | null>>();

/**
 * The locale for a page's `lang` and its words, its chunk loaded once: English, with no words
 * to load, for a language Hearth does not ship or a chunk that fails to load.
 */
export async function resolveWords(lang: string): Promise<ResolvedWords> {
  const locale = matchLocale(lang);
  if (locale === 'en') return { locale, words: null };
  let words = loading.get(locale);
  if (!words) {
    words = loaders[locale]().then(
      (module) => module.default,
      () => null,
    );
    loading.set(locale, words);
  }
  const loaded = await words;
  return loaded ? { locale, words: loaded } : { locale: 'en', words: null };
}
