import { expect } from '@open-wc/testing';
import { resolveWords } from '../../src/i18n/locale-words.js';
import { locales } from '../../src/i18n/locales.js';
import type { EnglishWords } from '../../src/i18n/words.js';
import { composerMessages } from '../../src/internal/composer-messages.js';
import { countMessages } from '../../src/internal/count-messages.js';
import { errorMessages } from '../../src/internal/error-messages.js';
import { readingMessages } from '../../src/internal/messages.js';
import { problemMessages } from '../../src/internal/problem-messages.js';
import { windowMessages } from '../../src/internal/window-messages.js';

const english: EnglishWords = {
  reading: readingMessages,
  composer: composerMessages,
  window: windowMessages,
  count: countMessages,
  errors: errorMessages,
  problems: problemMessages,
};

type Entry = string | Record<string, unknown>;
const isPlural = (entry: Entry): boolean => typeof entry === 'object' && typeof entry.other === 'string';
const placeholders = (words: string): string[] => [...words.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/**
 * Every difference between a locale's words and English's shape, as `path: problem` lines:
 * keys missing or extra, placeholders lost or invented, plural forms the language lacks or misses.
 */
function compare(locale: string, englishEntry: Entry, entry: Entry | undefined, path: string): string[] {
  if (entry === undefined) return [`${path}: missing`];
  if (typeof englishEntry === 'string') {
    if (typeof entry !== 'string') return [`${path}: not words`];
    const [expected, found] = [placeholders(englishEntry), placeholders(entry)];
    return expected.join() === found.join() ? [] : [`${path}: placeholders ${found} instead of ${expected}`];
  }
  if (isPlural(englishEntry)) {
    if (typeof entry !== 'object' || !isPlural(entry)) return [`${path}: not plural forms`];
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
    const forms = Object.keys(entry);
    const wanted = [...categories, ...('=0' in englishEntry ? ['=0'] : [])];
    const problems = [
      ...wanted.filter((form) => !forms.includes(form)).map((form) => `${path}: no ${form} form`),
      ...forms
        .filter((form) => !wanted.includes(form))
        .map((form) => `${path}: ${form} is not a form of ${locale}`),
    ];
    for (const form of forms) {
      const words = (entry as Record<string, string>)[form]!;
      if (placeholders(words).some((name) => name !== 'count'))
        problems.push(`${path}.${form}: a placeholder other than {count}`);
    }
    return problems;
  }
  if (typeof entry !== 'object') return [`${path}: not a group`];
  const keys = new Set([...Object.keys(englishEntry), ...Object.keys(entry)]);
  return [...keys].flatMap((key) =>
    key in englishEntry
      ? compare(locale, englishEntry[key] as Entry, (entry as Record<string, Entry>)[key], `${path}.${key}`)
      : [`${path}.${key}: extra`],
  );
}

/** The words of `label`, without punctuation: a visible label must be whole words of the accessible name. */
const wordsOf = (label: string): string[] =>
  label
    .toLocaleLowerCase()
    .split(/[\s\p{P}\u2068\u2069]+/u)
    .filter(Boolean);
const includesWords = (name: string, label: string): boolean =>
  wordsOf(name).join(' ').includes(wordsOf(label).join(' '));

describe('locale words', () => {
  it('ships fifteen locales', () => {
    expect(locales).to.have.length(15);
  });

  for (const locale of locales.filter((locale) => locale !== 'en')) {
    it(`${locale}: every key of English, no other, each placeholder kept, the plural forms of the language`, async () => {
      const { locale: resolved, words } = await resolveWords(locale);
      expect(resolved).to.equal(locale);
      expect(compare(locale, english as unknown as Entry, words as unknown as Entry, locale)).to.deep.equal(
        [],
      );
    });

    it(`${locale}: a button's visible words are part of its accessible name`, async () => {
      const { words } = await resolveWords(locale);
      const { reading, composer } = words!;
      expect(includesWords(reading.replyTo, reading.reply), `${reading.replyTo} / ${reading.reply}`).to.equal(
        true,
      );
      expect(
        includesWords(composer.editLabel, composer.edit),
        `${composer.editLabel} / ${composer.edit}`,
      ).to.equal(true);
      expect(includesWords(composer.discardLabel, composer.discard)).to.equal(true);
      expect(
        includesWords(composer.changeIdentityLabel, composer.changeIdentity),
        `${composer.changeIdentityLabel} / ${composer.changeIdentity}`,
      ).to.equal(true);
    });
  }

  it('finds English words the same shape as the English (the check can fail)', () => {
    const broken = { ...english, reading: { ...english.reading, count: { other: '{total}' }, extra: 'x' } };
    expect(compare('de', english as unknown as Entry, broken as unknown as Entry, 'de')).to.deep.equal([
      'de.reading.count: no one form',
      'de.reading.count.other: a placeholder other than {count}',
      'de.reading.extra: extra',
    ]);
  });
});
