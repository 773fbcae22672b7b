import { ErrorCode, ErrorResponseSchema } from '../protocol/errors.js';
import { MineResponseSchema } from '../protocol/mine.js';
import { buildMineUrl } from './comment-urls.js';
import { readJson, request } from './transport.js';

/**
 * What `GET …/comments/mine` told: the ids of the reader's comments and of those they upvoted
 * (empty from a server that predates votes), or that their token expired.
 */
export type MineResult =
  { kind: 'ids'; ids: string[]; votedIds: string[] } | { kind: 'expired' } | { kind: 'unknown' };

/**
 * Asks which of a thread's comments the signed-in (SSO) reader wrote, so they can edit and
 * delete them from any device. A network failure or any other answer is `unknown`: the
 * reader then simply sees no Edit buttons on comments this browser did not post.
 */
export async function fetchMine(
  endpoint: string,
  thread: string,
  ssoToken: string,
  signal?: AbortSignal,
): Promise<MineResult> {
  const response = await request(buildMineUrl(endpoint, thread), {
    headers: { Accept: 'application/json', Authorization: `Bearer ${ssoToken}` },
    cache: 'no-store',
    signal,
  });
  if (!response) return { kind: 'unknown' };
  const body = await readJson(response);
  if (response.status === 401) {
    const error = ErrorResponseSchema.safeParse(body);
    if (error.success && error.data.error.code === ErrorCode.ssoTokenExpired) return { kind: 'expired' };
  }
  const mine = response.ok ? MineResponseSchema.safeParse(body) : undefined;
  if (!mine?.success) return { kind: 'unknown' };
  return { kind: 'ids', ids: mine.data.ids, votedIds: mine.data.votedIds ?? [] };
}
