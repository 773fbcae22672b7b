import { compile, type Compiled, type Translation } from '../../../src/i18n/catalogue.js';
import { matchLocale, type Locale } from '../../../src/i18n/locales.js';

/**
 * The words of every email Hearth sends, in English: the same catalogue format as the widget's
 * (src/i18n/catalogue.ts), one placeholder per entry, plural forms by `Intl.PluralRules`. Each
 * other locale translates them in ./words/. An email speaks the language of the page its reader
 * wrote from (the widget sends its locale with a post).
 */
export const englishEmailWords = {
  confirm: {
    subject: 'Confirm your email address',
    intro: 'You asked to be emailed when someone replies to your comment on {host}.',
    action: 'Confirm my email address',
    expires: 'The link works for 7 days.',
    ignore: "If this wasn't you, ignore this email: nothing more will be sent to this address.",
    pageHeading: 'Confirm your email address',
    pageBody: 'Emails about replies will go to {email}.',
    confirmed: 'Thank you: your email address is confirmed. You will be emailed about replies.',
    invalid: 'This link has expired or has been used already.',
  },
  reply: {
    subjectReply: '{name} replied to your comment',
    subjectThread: 'New comment from {name}',
    subjectDigest: { one: '{count} new comment', other: '{count} new comments' },
    wrote: '{name} wrote:',
    repliedTo: 'In reply to your comment:',
    open: 'Read and reply',
    why: 'You get this because you asked to be told of replies on {host}.',
  },
  unsubscribe: {
    stopThread: 'Stop emails about this discussion',
    stopAll: 'Stop all emails from {host}',
    pageHeading: 'Email settings',
    pageBody: 'Emails about replies go to {email}.',
    forget: 'Stop all emails and forget my email address',
    forgetNote: 'Your comments stay, without the address.',
    stoppedThread: 'Done: no more emails about this discussion.',
    stoppedAll: 'Done: no more emails will be sent to this address.',
    forgotten: 'Done: your email address is forgotten.',
    invalid: 'This link is not valid.',
  },
  moderation: {
    subject: 'Waiting for review: a comment from {name}',
    intro: 'A comment on {host} is waiting for a moderator.',
    reason: 'Held because: {reason}',
    approve: 'Approve',
    reject: 'Reject',
    openAdmin: 'Open the moderation page',
    expires: 'The links work for 7 days and need no sign-in.',
    pageHeading: 'Moderation',
    pageApprove: 'Approve this comment?',
    pageReject: 'Reject this comment?',
    approved: 'Approved: the comment is published.',
    rejected: 'Rejected: the comment is deleted.',
    alreadyDone: 'Nothing to do: a moderator has already dealt with this comment.',
    invalid: 'This link has expired or is not valid.',
  },
} as const;

export type EnglishEmailWords = typeof englishEmailWords;
/** A locale's translation of the email words. */
export type EmailWordsTranslation = Translation<EnglishEmailWords>;
export type EmailWords = Compiled<EnglishEmailWords>;

type Module = { default: EmailWordsTranslation };

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Module>> = {
  de: () => import('./words/de.js'),
  fr: () => import('./words/fr.js'),
  es: () => import('./words/es.js'),
  it: () => import('./words/it.js'),
  'pt-BR': () => import('./words/pt-BR.js'),
  nl: () => import('./words/nl.js'),
  pl: () => import('./words/pl.js'),
  ru: () => import('./words/ru.js'),
  uk: () => import('./words/uk.js'),
  tr: () => import('./words/tr.js'),
  ja: () => import('./words/ja.js'),
  'zh-CN': () => import('./words/zh-CN.js'),
  ar: () => import('./words/ar.js'),
  he: () => import('./words/he.js'),
};

const compiled = new Map<Locale, EmailWords>();

/** The email words for a BCP 47 tag (null or unknown: English), and the locale they are in. */
export async function loadEmailWords(tag: string | null): Promise<{ locale: Locale; words: EmailWords }> {
  const locale = matchLocale(tag ?? 'en');
  let words = compiled.get(locale);
  if (!words) {
    const translation = locale === 'en' ? undefined : (await loaders[locale]()).default;
    words = compile(locale, englishEmailWords, [translation]);
    compiled.set(locale, words);
  }
  return { locale, words };
}

/** Whether a locale's text runs right to left, for the HTML part's `dir`. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === 'ar' || locale === 'he';
}
