import type { Locale } from './locales.js';

/**
 * A count's words for each plural category of the locale (`Intl.PluralRules`: Arabic uses all
 * six, Russian and Polish four), `other` always, and `=0` for words that replace "0 …".
 */
export type PluralForms = { readonly other: string } & {
  readonly [form in Intl.LDMLPluralRule | '=0']?: string;
};

/** Words, words with a `{placeholder}`, the plural forms of a count, or a group of them. */
export interface MessageData {
  readonly [key: string]: string | PluralForms | MessageData;
}

/**
 * What a catalogue is once compiled for a locale: words stay strings; words with a placeholder
 * become a function of its value; plural forms a function of the count.
 */
export type Compiled<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? T[K] extends `${string}{${string}}${string}`
      ? (value: string | number) => string
      : string
    : T[K] extends { other: string }
      ? (count: number) => string
      : Compiled<T[K]>;
};

/** A translation of English data `T`: the same keys, any words. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends { other: string }
      ? PluralForms
      : Translation<T[K]>;
};

/** Some of a translation's words: what an owner overrides. */
export type PartialTranslation<T> = {
  readonly [K in keyof T]?: T[K] extends string
    ? string
    : T[K] extends { other: string }
      ? PluralForms
      : PartialTranslation<T[K]>;
};

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** A count in the locale's digits and grouping; one formatter per locale, as building one costs. */
function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

/** Text in first-strong isolates (U+2068 … U+2069): a name's direction cannot spill into the words around it. */
const isolate = (text: string): string => `\u2068${text}\u2069`;

/**
 * The words with their placeholder filled: a count in the locale's digits; a reader's `{name}`,
 * or an `{origin}` or `{endpoint}` address, isolated.
 */
function fill(locale: Locale, words: string, value: string | number): string {
  return words.replace(/\{(\w+)\}/g, (_, name: string) =>
    typeof value === 'number'
      ? formatNumber(locale, value)
      : /^(name|origin|endpoint)$/.test(name)
        ? isolate(value)
        : value,
  );
}

const isPlural = (entry: unknown): entry is PluralForms =>
  typeof entry === 'object' && entry !== null && typeof (entry as PluralForms).other === 'string';

/**
 * Compiles English `data` for `locale`, taking each entry's words from the last layer that
 * gives them in the same form (a translation, then an owner's overrides), else English.
 */
export function compile<T extends MessageData>(
  locale: Locale,
  data: T,
  layers: ReadonlyArray<PartialTranslation<T> | undefined>,
): Compiled<T> {
  const compiled: Record<string, unknown> = {};
  for (const [key, english] of Object.entries(data)) {
    const given = layers.map((layer) => (layer as Record<string, unknown> | undefined)?.[key]);
    if (typeof english === 'string') {
      const words = given.findLast((entry): entry is string => typeof entry === 'string') ?? english;
      compiled[key] = english.includes('{') ? (value: string | number) => fill(locale, words, value) : words;
    } else if (isPlural(english)) {
      const forms = given.findLast(isPlural) ?? english;
      compiled[key] = (count: number) => {
        let rules = pluralRules.get(locale);
        if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
        const words = (count === 0 ? forms['=0'] : undefined) ?? forms[rules.select(count)] ?? forms.other;
        return fill(locale, words, count);
      };
    } else {
      compiled[key] = compile(locale, english, given as Array<PartialTranslation<MessageData> | undefined>);
    }
  }
  return compiled as Compiled<T>;
}
