import { z } from './zod.js';
import { CommentSchema } from './comment.js';
import { limits } from './limits.js';

/** An opaque position in a thread's change feed; clients store it and send it back as `since`. */
export const CursorSchema = /* @__PURE__ */ z
  .string()
  .check(z.refine((cursor) => cursor.length > 0 && cursor.length <= 64));

/**
 * A comment in the change feed. `bodyTree`: its body parsed into the tree the widget draws
 * (src/internal/rich-text.ts), sent by the reference server for bodies that hold markdown, so
 * a widget draws them without fetching its parser. Optional, and only a hint: a widget checks
 * it (src/internal/read-rich-text.ts) and parses the body itself when it is absent or unsound.
 */
// Spread, not z.extend: extend brings about 450 B of zod's helpers into the feed reader's chunk.
export const FeedCommentSchema = /* @__PURE__ */ z.object({
  ...CommentSchema.shape,
  bodyTree: z.optional(z.unknown()),
});
export type FeedComment = z.infer<typeof FeedCommentSchema>;

/** The reply to `GET /api/v1/threads/{thread}/comments[?since=cursor]`. */
export const ChangesResponseSchema = /* @__PURE__ */ z.object({
  /** Comments created or changed after `since`, in change order. */
  comments: z.array(FeedCommentSchema),
  /** Where the next request should start. */
  cursor: CursorSchema,
  /** True when another page follows: request again with the new cursor. */
  more: z.boolean(),
  /** True when a moderator locked the thread: show it, but offer no composer. */
  locked: z.optional(z.boolean()),
  /**
   * True when the site emails reply notifications: clients may offer them with a post (see
   * NewCommentSchema's `notify`). Absent = `false`: offer nothing.
   */
  notify: z.optional(z.boolean()),
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
