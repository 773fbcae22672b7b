import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { compile, type Compiled, type MessageData, type PartialTranslation } from '../i18n/catalogue.js';
import type { ResolvedWords } from '../i18n/locale-words.js';
import type { Locale } from '../i18n/locales.js';
import { isEnglish, readLang } from '../i18n/page-language.js';
import type { EnglishWords, OwnerWords } from '../i18n/words.js';
import { createModuleLoader } from '../internal/lazy-module.js';
import { warnInDev } from '../internal/dev-warning.js';

/** The element a LocaleController serves: its `strings` are the owner's words. */
export interface LocaleHost extends ReactiveControllerHost, HTMLElement {
  strings: OwnerWords;
}

const english: ResolvedWords = { locale: 'en', words: null };
/** By page language (lower case): its locale and words, once the chunks have said. */
const resolved = new Map<string, ResolvedWords>([['', english]]);
// Pages in English never fetch it: it picks the locale and loads its words.
const loadLocaleWords = createModuleLoader(() => import('../i18n/locale-words.js'));

/**
 * The host's locale and its words. The locale is the host's `lang`, else its nearest
 * ancestor's, else English; a change of `lang` anywhere in the document re-renders the host.
 * Until a locale's words are here `isReady` is false, and the host shows no words at all, so a
 * German page never flashes English (a chunk that fails to load leaves English).
 */
export class LocaleController implements ReactiveController {
  #host: LocaleHost;
  #observer = new MutationObserver(() => this.#host.requestUpdate());
  #lang = '';
  /** Per part: what it was compiled from (locale, translation, owner's words), and the result. */
  #compiled = new Map<keyof EnglishWords, unknown[]>();

  constructor(host: LocaleHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the locale's words are here. */
  get isReady(): boolean {
    return resolved.has(this.#lang);
  }

  /** The locale shown: English until another's words are here. */
  get locale(): Locale {
    return (resolved.get(this.#lang) ?? english).locale;
  }

  hostConnected(): void {
    this.#observer.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  hostUpdate(): void {
    const lang = readLang(this.#host).toLowerCase();
    if (lang === this.#lang) return;
    this.#lang = isEnglish(lang) ? '' : lang;
    // Loaded once per page (the module loader and resolveWords share one load per locale).
    if (!this.isReady)
      void loadLocaleWords()
        .then((module) => module.resolveWords(lang))
        .catch((error) => (warnInDev('locale words did not load', error), english))
        .then((words) => {
          resolved.set(lang, words);
          this.#host.requestUpdate();
        });
  }

  /** A part's words compiled for the locale, with the owner's on top; kept while neither changes. */
  words = <Part extends keyof EnglishWords>(
    part: Part,
    englishWords: EnglishWords[Part],
  ): Compiled<EnglishWords[Part]> => {
    const { locale, words } = resolved.get(this.#lang) ?? english;
    const from = [locale, words?.[part], this.#host.strings?.[part]];
    let kept = this.#compiled.get(part);
    if (!kept || from.some((value, index) => value !== kept![index])) {
      const layers = from.slice(1) as Array<PartialTranslation<MessageData> | undefined>;
      this.#compiled.set(part, (kept = [...from, compile(locale, englishWords as MessageData, layers)]));
    }
    return kept[3] as Compiled<EnglishWords[Part]>;
  };
}

/** A part's words in the host's locale (see `LocaleController.words`). */
export type WordsFor = LocaleController['words'];
