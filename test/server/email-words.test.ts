import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locales } from '../../src/i18n/locales.js';
import { englishEmailWords, loadEmailWords } from '../../server/src/email/email-words.js';
import { compareCatalogue, type Entry } from '../helpers/catalogue-shape.js';

describe('email words', () => {
  for (const locale of locales.filter((tag) => tag !== 'en')) {
    it(`${locale}: every key of English, no other, each placeholder kept, the plural forms of the language`, async () => {
      const { default: translation } = (await import(`../../server/src/email/words/${locale}.js`)) as {
        default: unknown;
      };
      const english = englishEmailWords as unknown as Entry;
      assert.deepEqual(compareCatalogue(locale, english, translation as Entry, locale), []);
      const { locale: resolved, words } = await loadEmailWords(locale);
      assert.equal(resolved, locale);
      assert.notEqual(words.confirm.subject, englishEmailWords.confirm.subject, 'translated, not English');
    });
  }

  it("speaks a page's language by its tag's language, and English for anything else", async () => {
    assert.equal((await loadEmailWords('de-AT')).locale, 'de');
    assert.equal((await loadEmailWords('pt')).locale, 'pt-BR');
    assert.equal((await loadEmailWords('xx')).locale, 'en');
    // A reader's page sends the tag: a name every object has is no language either.
    assert.equal((await loadEmailWords('constructor')).locale, 'en');
    assert.equal((await loadEmailWords(null)).locale, 'en');
  });
});
