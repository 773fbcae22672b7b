import type { composerMessages } from './messages/composer-messages.js';
import type { countMessages } from './messages/count-messages.js';
import type { errorMessages } from './messages/error-messages.js';
import type { readingMessages } from './messages/reading-messages.js';
import type { problemMessages } from './messages/problem-messages.js';
import type { windowMessages } from './messages/window-messages.js';
import type { PartialTranslation, Translation } from './catalogue.js';

/** Every part of the English words, each in the chunk that shows it. */
export interface EnglishWords {
  reading: typeof readingMessages;
  composer: typeof composerMessages;
  window: typeof windowMessages;
  count: typeof countMessages;
  errors: typeof errorMessages;
  problems: typeof problemMessages;
}

/** A locale's words: every part, every key (a locale chunk in src/i18n/locales/). */
export type LocaleWords = Translation<EnglishWords>;

/** An owner's words (`strings`), by part: any entries, in the same forms as English. */
export type OwnerWords = { readonly [Part in keyof EnglishWords]?: PartialTranslation<EnglishWords[Part]> };
