import { z } from './zod.js';
import { limits } from './limits.js';
import { checkMaxUnits, checkWellFormed } from './text-checks.js';
import { isOneLineName } from './text-rules.js';

// Control characters other than tab and line breaks have no business in a comment.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const bodyControlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Whitespace, '@' and control characters (NUL above all, which PostgreSQL cannot store) never
// belong in an address.
const emailPattern = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/** Whether `text` holds control characters other than tab and line breaks (as bodies allow). */
export function hasControlChars(text: string): boolean {
  return bodyControlChars.test(text);
}

/** Whether `text` looks like an email address: something@domain.tld, one line, no control characters. */
export function isEmailAddress(text: string): boolean {
  return emailPattern.test(text);
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

/** The body of `POST /api/v1/threads/{thread}/comments`. */
export const NewCommentSchema = /* @__PURE__ */ z.object({
  id: CommentIdSchema,
  parentId: z.optional(z.nullable(CommentIdSchema)),
  authorName: AuthorNameSchema,
  body: CommentBodySchema,
  /** Never shown. An empty string means none. */
  email: z.optional(AuthorEmailSchema),
  /** A field hidden from people: a value means a bot filled in the form. */
  website: z.optional(
    z
      .string()
      .check(
        checkMaxUnits(
          limits.honeypotMaxChars,
          `website must be at most ${limits.honeypotMaxChars} characters.`,
        ),
      ),
  ),
  /** The solved proof-of-work challenge (see `GET /api/v1/challenge`), base64 JSON. */
  altcha: z.optional(
    z
      .string()
      .check(
        checkMaxUnits(
          limits.proofOfWorkMaxChars,
          `altcha must be at most ${limits.proofOfWorkMaxChars} characters.`,
        ),
      ),
  ),
});
export type NewCommentInput = z.input<typeof NewCommentSchema>;
export type NewComment = z.output<typeof NewCommentSchema>;

/** The body of `PATCH /api/v1/threads/{thread}/comments/{id}`: the author's new text. */
export const EditCommentSchema = /* @__PURE__ */ z.object({
  body: CommentBodySchema,
});
export type EditComment = z.output<typeof EditCommentSchema>;
