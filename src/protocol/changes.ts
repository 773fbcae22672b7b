import { z } from './zod.js';
import { CommentSchema } from './comment.js';
import { limits } from './limits.js';

/** An opaque position in a thread's change feed; clients store it and send it back as `since`. */
export const CursorSchema = /* @__PURE__ */ z
  .string()
  .check(z.refine((cursor) => cursor.length > 0 && cursor.length <= 64));

/** The reply to `GET /api/v1/threads/{thread}/comments[?since=cursor]`. */
export const ChangesResponseSchema = /* @__PURE__ */ z.object({
  /** Comments created or changed after `since`, in change order. */
  comments: z.array(CommentSchema),
  /** Where the next request should start. */
  cursor: CursorSchema,
  /** True when another page follows: request again with the new cursor. */
  more: z.boolean(),
  /** True when a moderator locked the thread: show it, but offer no composer. */
  locked: z.optional(z.boolean()),
});
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;

/**
 * The `limit` query parameter of `GET …/comments`: the most comments the client wants in the
 * page, a whole number from 1 to `limits.pageMaxComments` written in decimal digits.
 */
export const PageLimitSchema = /* @__PURE__ */ z.pipe(
  z
    .string()
    .check(
      z.refine(
        (text) => /^[1-9][0-9]{0,5}$/.test(text) && Number(text) <= limits.pageMaxComments,
        `limit must be a whole number from 1 to ${limits.pageMaxComments}.`,
      ),
    ),
  z.transform(Number),
);
