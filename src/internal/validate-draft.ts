import { limits } from '../protocol/limits.js';
import { AuthorNameSchema, CommentBodySchema } from '../protocol/new-comment.js';
import { composerMessages } from './composer-messages.js';

/** What the reader typed into a composer. */
export interface Draft {
  authorName: string;
  body: string;
}

/** Inline problems with a draft, one message per field. */
export type DraftErrors = Partial<Record<keyof Draft, string>>;

export type DraftCheck = { isValid: true; value: Draft } | { isValid: false; errors: DraftErrors };

function describe(field: keyof Draft, code: string | undefined): string {
  const catalog = composerMessages.invalid[field];
  const max = field === 'body' ? limits.bodyMaxChars : limits.authorNameMaxChars;
  if (code === 'too_big') return catalog.too_big(max);
  if (code === 'custom') return catalog.custom;
  return catalog.too_small;
}

/**
 * Checks a draft with the same schemas the server applies, so the reader learns of a
 * problem before posting; messages come from the catalog, keyed by field and issue code.
 */
export function checkDraft(draft: Draft): DraftCheck {
  const authorName = AuthorNameSchema.safeParse(draft.authorName);
  const body = CommentBodySchema.safeParse(draft.body);
  if (authorName.success && body.success)
    return { isValid: true, value: { authorName: authorName.data, body: body.data } };
  const errors: DraftErrors = {};
  if (!authorName.success) errors.authorName = describe('authorName', authorName.error.issues[0]?.code);
  if (!body.success) errors.body = describe('body', body.error.issues[0]?.code);
  return { isValid: false, errors };
}
