import { limits } from '../protocol/limits.js';
import { AuthorEmailSchema, AuthorNameSchema, CommentBodySchema } from '../protocol/new-comment.js';
import type { ComposerWords } from '../i18n/messages/composer-messages.js';

/** What the reader typed into a composer. */
export interface Draft {
  authorName: string;
  body: string;
  /** A guest's optional email; '' or absent for none. */
  email?: string;
}

/** Inline problems with a draft, one message per field. */
export type DraftErrors = Partial<Record<keyof Draft, string>>;

export type DraftCheck = { isValid: true; value: Draft } | { isValid: false; errors: DraftErrors };

const maxChars: Record<keyof Draft, number> = {
  authorName: limits.authorNameMaxChars,
  body: limits.bodyMaxChars,
  email: limits.emailMaxChars,
};

function describe(words: ComposerWords, field: keyof Draft, code: string | undefined): string {
  const catalog = words.invalid[field];
  // Only the well-formedness check raises invalid_format (see text-checks.ts).
  if (code === 'invalid_format') return words.invalid.illFormed;
  if (code === 'too_big') return catalog.too_big(maxChars[field]);
  if (code === 'custom') return catalog.custom;
  return catalog.too_small;
}

/**
 * Checks a draft with the same schemas the server applies, so the reader learns of a
 * problem before posting; messages come from `words`, keyed by field and issue code.
 * `needsEmail`: the guest asked to be emailed about replies, which takes an address.
 */
export function checkDraft(draft: Draft, words: ComposerWords, needsEmail = false): DraftCheck {
  const authorName = AuthorNameSchema.safeParse(draft.authorName);
  const body = CommentBodySchema.safeParse(draft.body);
  const email = AuthorEmailSchema.safeParse(draft.email ?? '');
  const isEmailMissing = needsEmail && email.success && email.data === '';
  if (authorName.success && body.success && email.success && !isEmailMissing) {
    return {
      isValid: true,
      value: {
        authorName: authorName.data,
        body: body.data,
        ...(email.data === '' ? {} : { email: email.data }),
      },
    };
  }
  const errors: DraftErrors = {};
  if (!authorName.success)
    errors.authorName = describe(words, 'authorName', authorName.error.issues[0]?.code);
  if (!body.success) errors.body = describe(words, 'body', body.error.issues[0]?.code);
  if (!email.success) errors.email = describe(words, 'email', email.error.issues[0]?.code);
  else if (isEmailMissing) errors.email = words.invalid.email.required;
  return { isValid: false, errors };
}

/** Checks the new text of an edit, as the server will; the normalised text, or why not. */
export function checkBody(
  body: string,
  words: ComposerWords,
): { isValid: true; value: string } | { isValid: false; error: string } {
  const result = CommentBodySchema.safeParse(body);
  return result.success
    ? { isValid: true, value: result.data }
    : { isValid: false, error: describe(words, 'body', result.error.issues[0]?.code) };
}
