import { z } from './zod.js';
import { limits } from './limits.js';
import { checkMaxUnits, checkWellFormed } from './text-checks.js';

// Apart from comment.ts, which the widget loads whole to read the change feed: only the server
// and the admin API check thread keys, so the widget's first visit does not carry this rule.

/**
 * A thread key: any well-formed string of 1–512 UTF-16 units but "." and "..", without U+0000;
 * usually the page's path.
 */
export const ThreadKeySchema = /* @__PURE__ */ z.string().check(
  checkWellFormed('Thread key must be well-formed text: it has a lone UTF-16 surrogate.'),
  z.minLength(1, 'Thread key must not be empty.'),
  checkMaxUnits(limits.threadMaxChars, `Thread key must be at most ${limits.threadMaxChars} characters.`),
  // URLs resolve "." and ".." path segments away, so such a key could never be addressed.
  z.refine((key) => key !== '.' && key !== '..', 'Thread key must not be "." or "..".'),
  // PostgreSQL text cannot hold U+0000, so no backend accepts it.
  z.refine((key) => !key.includes('\u0000'), 'Thread key must not contain the NUL character (U+0000).'),
);
