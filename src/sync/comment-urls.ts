// Kept apart from api-urls.ts, which first paint needs: only writing and SSO use these.
/** The URL of one comment, for the author's `PATCH` (edit) and `DELETE`. */
export function buildCommentUrl(endpoint: string, thread: string, id: string): string {
  return new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments/${encodeURIComponent(id)}`, endpoint)
    .href;
}

/** The URL listing the ids of a thread's comments written by the signed-in (SSO) reader. */
export function buildMineUrl(endpoint: string, thread: string): string {
  return new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments/mine`, endpoint).href;
}

/** The URL of the reader's vote on a comment (`PUT`). */
export function buildVoteUrl(endpoint: string, commentId: string): string {
  return new URL(`api/v1/comments/${encodeURIComponent(commentId)}/vote`, endpoint).href;
}
