import { z } from './zod.js';

/** Most ids of each kind one `GET …/comments/mine` answer lists. */
export const mineMaxIds = 500;

/**
 * The reply to `GET /api/v1/threads/{thread}/comments/mine` (an SSO reader's): the ids of the
 * comments they wrote in the thread, most recently changed first, and of the published ones they
 * upvoted, most recent vote first; at most 500 of each.
 */
export const MineResponseSchema = /* @__PURE__ */ z.object({
  ids: z.array(z.string()),
  /** Absent from servers that predate votes (read as none). */
  votedIds: z.optional(z.array(z.string())),
});
export type MineResponse = z.infer<typeof MineResponseSchema>;
