import { z } from './zod.js';

import { CommentStatus } from './comment-status.js';

export { CommentStatus } from './comment-status.js';

/**
 * A comment id as the widget accepts it from a server: any short string. The reference
 * server only stores UUIDs (see NewCommentSchema); the widget stays lenient, and lighter.
 */
const WireIdSchema = z.string().check(z.refine((id) => id.length > 0 && id.length <= 64));

/** An ISO 8601 timestamp, checked by the browser's own parser rather than a regex. */
const TimestampSchema = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value))));

/** A comment as the server sends it. */
export const CommentSchema = /* @__PURE__ */ z.object({
  id: WireIdSchema,
  // The widget asked for this thread; the server validated the key when it was written.
  thread: z.string(),
  parentId: z.nullable(WireIdSchema),
  authorName: z.string(),
  body: z.string(),
  /** ISO 8601, server time. */
  createdAt: TimestampSchema,
  /** ISO 8601, server time; equals createdAt until the comment changes. */
  updatedAt: TimestampSchema,
  status: z.enum([CommentStatus.published, CommentStatus.held, CommentStatus.deleted]),
  /** ISO 8601 time of the author's last edit of the body, or null; absent from older servers. */
  editedAt: z.optional(z.nullable(TimestampSchema)),
  /** True when the author signed in through the site's own accounts (SSO). */
  verified: z.optional(z.boolean()),
  /** An SSO author's avatar, an absolute https URL; the widget does not load it (#4's rule). */
  avatarUrl: z.optional(z.nullable(z.string())),
  /** Pinned by a moderator: shown before the other top-level comments. */
  pinned: z.optional(z.boolean()),
  /** How many readers upvoted it; absent from older servers (read as 0). */
  votes: z.optional(z.number().check(z.refine((votes) => Number.isSafeInteger(votes) && votes >= 0))),
  /** The comment's position in the server's change sequence: higher is newer. */
  seq: z.number().check(z.refine((seq) => Number.isSafeInteger(seq) && seq > 0)),
  /**
   * The author's edit that moderation held, while it waits: only in the answer to that `PATCH`
   * (202) and the admin API, never in the feed, which keeps serving the approved `body`.
   */
  pendingEdit: z.optional(z.object({ body: z.string(), heldAt: TimestampSchema })),
});
export type Comment = z.infer<typeof CommentSchema>;

/**
 * The answer to a post (201, or 200 for a retry): the comment, and for its author until when
 * they may edit it (ISO 8601, server time; `createdAt` itself where editing is off). Optional:
 * absent from older servers and from an admin's post; never in the feed.
 */
// Spread, not z.extend: extend brings about 450 B of zod's helpers into the feed reader's chunk.
export const PostedCommentSchema = /* @__PURE__ */ z.object({
  ...CommentSchema.shape,
  editableUntil: z.optional(TimestampSchema),
});
export type PostedComment = z.infer<typeof PostedCommentSchema>;
