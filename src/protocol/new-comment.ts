import { z } from './zod.js';
import { limits } from './limits.js';
import { NotifyScope } from './notify-scope.js';
import { checkMaxUnits, checkWellFormed } from './text-checks.js';
import { isOneLineName } from './text-rules.js';

// Control characters other than tab and line breaks have no business in a comment.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const bodyControlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Whitespace, '@' and control characters (NUL above all, which PostgreSQL cannot store) never
// belong in an address.
const emailPattern = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

// An address as a browser writes it out (URL.href): printable ASCII only, so no whitespace,
// control characters or unencoded Unicode reach an email's links, and no #fragment.
const pageUrlPattern = /^https?:\/\/[\x21-\x22\x24-\x7e]+$/i;
// A BCP 47 tag's shape: a language of 2–8 letters, then subtags of 1–8 letters or digits.
const localePattern = /^[a-z]{2,8}(?:-[a-z\d]{1,8})*$/i;

/** Whether `text` holds control characters other than tab and line breaks (as bodies allow). */
export function hasControlChars(text: string): boolean {
  return bodyControlChars.test(text);
}

/** Whether `text` looks like an email address: something@domain.tld, one line, no control characters. */
export function isEmailAddress(text: string): boolean {
  return emailPattern.test(text);
}

/**
 * Whether `text` is an absolute http(s) address without a fragment, written out as a browser
 * does (printable ASCII), with a host. The length limit is the schema's.
 */
export function isPageUrl(text: string): boolean {
  if (!pageUrlPattern.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

/** Whether `text` has the shape of a BCP 47 language tag (`de`, `pt-BR`, `zh-Hans-CN`). */
function isLocaleTag(text: string): boolean {
  return localePattern.test(text);
}

/** A comment id: a UUID made by the client, which is also the idempotency key of its post. */
export const CommentIdSchema = /* @__PURE__ */ z.uuid('Must be a UUID.');

/** A display name: trimmed, 1–80 UTF-16 units, one line, no bidi controls. */
export const AuthorNameSchema = /* @__PURE__ */ z
  .string('Name must be a string.')
  .check(
    checkWellFormed('Name must be well-formed text: it has a lone UTF-16 surrogate.'),
    z.trim(),
    z.minLength(1, 'Please enter your name.'),
    checkMaxUnits(limits.authorNameMaxChars, `Name must be at most ${limits.authorNameMaxChars} characters.`),
    z.refine(
      isOneLineName,
      'Name must be a single line of text, without control characters, bidi controls (U+202A–U+202E, U+2066–U+2069) or U+FEFF.',
    ),
  );

/** A comment body: trimmed, 1–10,000 UTF-16 units, line breaks kept as \n. */
export const CommentBodySchema = /* @__PURE__ */ z.string('Comment must be a string.').check(
  checkWellFormed('Comment must be well-formed text: it has a lone UTF-16 surrogate.'),
  z.overwrite((body) => body.replace(/\r\n?/g, '\n')),
  z.trim(),
  z.minLength(1, 'Please write a comment.'),
  checkMaxUnits(
    limits.bodyMaxChars,
    `Comment must be at most ${limits.bodyMaxChars.toLocaleString('en')} characters.`,
  ),
  z.refine((body) => !hasControlChars(body), 'Comment contains control characters.'),
);

/** An optional email: never shown; kept for reply notifications and bans. */
export const AuthorEmailSchema = /* @__PURE__ */ z.string('Email must be a string.').check(
  checkWellFormed('Email must be well-formed text: it has a lone UTF-16 surrogate.'),
  z.trim(),
  checkMaxUnits(limits.emailMaxChars, `Email must be at most ${limits.emailMaxChars} characters.`),
  z.refine((email) => email === '' || isEmailAddress(email), 'Please enter a valid email.'),
);

/** What a post asks to be emailed about (see NotifyScope). */
const NotifyScopeSchema = /* @__PURE__ */ z.enum(
  [NotifyScope.replies, NotifyScope.thread],
  'notify must be "replies" or "thread".',
);

/** The address of the page a post was written from: absolute http(s), no fragment, 1–2,048 units. */
const PageUrlSchema = /* @__PURE__ */ z
  .string('pageUrl must be a string.')
  .check(
    checkMaxUnits(
      limits.pageUrlMaxChars,
      `pageUrl must be at most ${limits.pageUrlMaxChars.toLocaleString('en')} characters.`,
    ),
    /* @__PURE__ */ z.refine(
      isPageUrl,
      'pageUrl must be an absolute http(s) URL in ASCII, without a #fragment.',
    ),
  );

/** A locale tag of BCP 47's shape, at most 35 characters (`de`, `pt-BR`). */
const LocaleTagSchema = /* @__PURE__ */ z
  .string('locale must be a string.')
  .check(
    checkMaxUnits(limits.localeMaxChars, `locale must be at most ${limits.localeMaxChars} characters.`),
    /* @__PURE__ */ z.refine(isLocaleTag, 'locale must be a BCP 47 language tag, such as "de" or "pt-BR".'),
  );

// The fields are annotated pure too: the widget uses the field schemas above but not this one,
// and without the annotations its optional wrappers would stay in the composer's chunk.
/** The body of `POST /api/v1/threads/{thread}/comments`. */
export const NewCommentSchema = /* @__PURE__ */ z.object({
  id: CommentIdSchema,
  parentId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(CommentIdSchema)),
  authorName: AuthorNameSchema,
  body: CommentBodySchema,
  /** Never shown. An empty string means none. */
  email: /* @__PURE__ */ z.optional(AuthorEmailSchema),
  /** A field hidden from people: a value means a bot filled in the form. */
  website: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(
        checkMaxUnits(
          limits.honeypotMaxChars,
          `website must be at most ${limits.honeypotMaxChars} characters.`,
        ),
      ),
  ),
  /** What the author asks to be emailed about: replies to this comment, or the whole thread. Absent: nothing. */
  notify: /* @__PURE__ */ z.optional(NotifyScopeSchema),
  /**
   * The page the author wrote from, for the links in emails: its canonical link, else its
   * address. The server checks it is on the site.
   */
  pageUrl: /* @__PURE__ */ z.optional(PageUrlSchema),
  /** The locale the widget showed the author in: emails to them are written in it. */
  locale: /* @__PURE__ */ z.optional(LocaleTagSchema),
  /** The solved proof-of-work challenge (see `GET /api/v1/challenge`), base64 JSON. */
  altcha: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(
        checkMaxUnits(
          limits.proofOfWorkMaxChars,
          `altcha must be at most ${limits.proofOfWorkMaxChars} characters.`,
        ),
      ),
  ),
});
export type NewComment = z.output<typeof NewCommentSchema>;

/** The body of `PATCH /api/v1/threads/{thread}/comments/{id}`: the author's new text. */
export const EditCommentSchema = /* @__PURE__ */ z.object({
  body: CommentBodySchema,
});
export type EditComment = z.output<typeof EditCommentSchema>;
