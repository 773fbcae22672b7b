import { expect } from '@open-wc/testing';
import { resolveWords } from '../../src/i18n/locale-words.js';
import { locales } from '../../src/i18n/locales.js';
import type { EnglishWords } from '../../src/i18n/words.js';
import { composerMessages } from '../../src/i18n/messages/composer-messages.js';
import { countMessages } from '../../src/i18n/messages/count-messages.js';
import { errorMessages } from '../../src/i18n/messages/error-messages.js';
import { readingMessages } from '../../src/i18n/messages/reading-messages.js';
import { problemMessages } from '../../src/i18n/messages/problem-messages.js';
import { windowMessages } from '../../src/i18n/messages/window-messages.js';
import { compareCatalogue, type Entry } from '../helpers/catalogue-shape.js';

const english: EnglishWords = {
  reading: readingMessages,
  composer: composerMessages,
  window: windowMessages,
  count: countMessages,
  errors: errorMessages,
  problems: problemMessages,
};

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
      expect(
        compareCatalogue(locale, english as unknown as Entry, words as unknown as Entry, locale),
      ).to.deep.equal([]);
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
    expect(
      compareCatalogue('de', english as unknown as Entry, broken as unknown as Entry, 'de'),
    ).to.deep.equal([
      'de.reading.count: no one form',
      'de.reading.count.other: a placeholder other than {count}',
      'de.reading.extra: extra',
    ]);
  });
});
