import { z } from './zod.js';
import { CommentSchema } from './comment.js';

/**
 * The body of `PUT /api/v1/comments/{id}/vote`: `up` true records the reader's upvote, false
 * takes it back. `voter` is the guest's anonymous voter id (a UUID the widget keeps); a
 * signed-in reader's SSO token decides instead, and `voter` is then ignored.
 */
export const VoteRequestSchema = /* @__PURE__ */ z.object({
  up: z.boolean('"up" must be true or false.'),
  voter: z.optional(z.uuid('Voter must be a UUID.')),
});
export type VoteRequestBody = z.infer<typeof VoteRequestSchema>;

/** The reply to a vote: the comment with its new `votes` count, and the reader's vote now. */
export const VoteResponseSchema = /* @__PURE__ */ z.object({
  comment: CommentSchema,
  up: z.boolean(),
});
export type VoteResponse = z.infer<typeof VoteResponseSchema>;
