import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import {
  ErrorCode,
  VoteRequestSchema,
  type VoteRequestBody,
  type VoteResponse,
} from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import type { Identity } from '../auth/identity.js';
import type { CommentStore } from '../store/comment-store.js';
import { ApiError } from '../http/api-error.js';
import { readClientIp } from '../http/client-ip.js';
import { jsonBody } from '../middleware/request-validators.js';
import { isCommentId } from './find-comment.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readRequestIdentity } from './request-identity.js';

const votePath = '/api/v1/comments/:id/vote';

/** Votes one network (IP hash) may cast per minute, across sites; far above a person's clicking. */
const votesPerMinutePerIp = 120;

/**
 * Registers `PUT /api/v1/comments/{id}/vote` with `{"up": bool, "voter"?: uuid}`: records or
 * takes back one reader's upvote and answers `{"comment", "up"}` with the new count.
 *
 * A signed-in reader (SSO bearer token) votes as `user:<sub>` on any device; anyone else votes
 * with the anonymous voter id the widget keeps, stored only as `anon:<sha-256 hex>`. Repeating
 * a vote answers 200 with the same count and takes no new seq, so the outbox may retry freely.
 * Errors, first failure first: body (415, 413, 400), a refused SSO token (401), a guest without
 * `voter` (400), the per-network limit (429, counted in the store, so shared by processes), a
 * locked thread (403 `thread_locked`), an unknown comment or another site's (404), a held or
 * deleted comment (409 `comment_not_votable`), an anonymous upvote from a network whose vote
 * already counts on the comment today (409 `vote_limit_reached`).
 */
export function registerVoteRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;

  app.put(votePath, jsonBody(VoteRequestSchema, { maxBytes: config.requestMaxBytes }), async (c) => {
    const site = c.get('site');
    const body = c.req.valid('json');
    const nowMs = config.now();
    const identity = await readRequestIdentity(c, config, nowMs);
    const voterKey = readVoterKey(identity, body);
    const commentId = c.req.param('id');
    if (!isCommentId(commentId)) throw noSuchComment();
    const ipHash = await deps.hashIp(readClientIp(c, config.trustProxy), nowMs);
    if (ipHash !== null) await consumeVote(store, ipHash);
    await refuseLockedThread(store, site.id, commentId);

    const result = await store.setVote({
      site: site.id,
      commentId,
      voterKey,
      // The day's IP hash: one anonymous upvote per network per comment counts (it rotates daily).
      networkKey: identity.kind === 'sso' ? null : ipHash,
      isUp: body.up,
      nowMs,
    });
    switch (result.kind) {
      case 'not-found':
        throw noSuchComment();
      case 'network-limited':
        throw new ApiError(
          409,
          ErrorCode.voteLimitReached,
          'A vote from your network already counts on this comment today; sign in to vote as yourself.',
        );
      case 'not-votable':
        throw new ApiError(
          409,
          ErrorCode.commentNotVotable,
          'This comment is awaiting approval or was deleted, so it cannot be voted on.',
        );
      case 'changed':
        deps.changes.publish({ site: site.id, thread: result.comment.thread, seq: result.comment.seq });
        break;
      case 'unchanged':
        break;
    }
    const response: VoteResponse = { comment: result.comment, up: body.up };
    c.header('Cache-Control', 'no-store');
    return c.json(response, 200);
  });

  app.all(votePath, methodNotAllowed(['PUT', 'OPTIONS']));
}

/**
 * The key one reader's votes are stored under: the SSO user's id, else a digest of the guest's
 * voter id (a guest's author token or an admin token does not name a voter).
 */
function readVoterKey(identity: Identity, body: VoteRequestBody): string {
  if (identity.kind === 'sso') return ssoVoterKey(identity.user.userId);
  if (body.voter === undefined) {
    throw new ApiError(400, ErrorCode.validationFailed, 'Send a voter id (a UUID) or sign in to vote.', {
      field: 'voter',
    });
  }
  return `anon:${createHash('sha256').update(body.voter.toLowerCase(), 'utf8').digest('hex')}`;
}

/** The key a signed-in reader's votes are stored under, on every device: their SSO user id. */
export function ssoVoterKey(userId: string): string {
  return `user:${userId}`;
}

/** Counts one vote against the network's budget; a refused vote is taken back and answers 429. */
async function consumeVote(store: CommentStore, ipHash: string): Promise<void> {
  const key = JSON.stringify(['vote', 'ip/minute', votesPerMinutePerIp, ipHash]);
  // The real clock, as for posts (abuse/rate-limits.ts): windows must agree across processes.
  const nowMs = Date.now();
  const hit = await store.hitRateCounter(key, 60_000, nowMs);
  if (hit.count <= votesPerMinutePerIp) return;
  await store.refundRateCounter(key, nowMs);
  const seconds = Math.max(1, Math.ceil((hit.resetMs - nowMs) / 1000));
  throw new ApiError(429, ErrorCode.rateLimited, 'Too many votes too quickly; try again shortly.', {
    headers: { 'Retry-After': String(seconds) },
  });
}

/**
 * A locked thread takes no votes, as it takes no posts (403 `thread_locked`). Taking a vote
 * back is refused too: the count a moderator froze stays as it is.
 */
async function refuseLockedThread(store: CommentStore, site: string, commentId: string): Promise<void> {
  const record = await store.getComment(commentId);
  if (record?.site !== site) return;
  if ((await store.getThreadState(site, record.comment.thread)).locked) {
    throw new ApiError(
      403,
      ErrorCode.threadLocked,
      'This conversation is closed; votes are no longer taken.',
    );
  }
}

function noSuchComment(): ApiError {
  return new ApiError(404, ErrorCode.notFound, 'There is no such comment.');
}
