import type { Check } from '../check.js';
import { checkCorsPreflight, checkCorsRequest } from './cors.js';
import { checkDeleteTombstone, checkEditInFeed } from './edits.js';
import { checkEditErrors, checkPostErrors, checkReadErrors } from './errors.js';
import { checkFeedHead, checkFeedNotModified, checkFeedPaging, checkFeedRead } from './feed.js';
import { checkPageLimits, checkPostLimits } from './limits.js';
import { checkPostClash, checkPostRetry } from './posts.js';

/**
 * Protocol v1's checklist (docs/protocol.md#checklist-for-implementers), in the order run. The
 * first is the gate: when the feed cannot be read at all, the rest are not run.
 */
export const checks: readonly Check[] = [
  {
    name: 'feed-read',
    summary: 'the feed answers 200 with a page {comments, cursor, more}',
    run: checkFeedRead,
  },
  {
    name: 'post-retry',
    summary: 'a post sent again unchanged answers 200, stored once',
    run: checkPostRetry,
  },
  {
    name: 'post-clash',
    summary: 'another post with a stored id answers 409 id_conflict',
    run: checkPostClash,
  },
  {
    name: 'feed-paging',
    summary: 'since and limit page through new comments, each once, in order',
    run: checkFeedPaging,
  },
  {
    name: 'edit-in-feed',
    summary: "the author's PATCH shows its new body in the feed after a cursor",
    run: checkEditInFeed,
  },
  {
    name: 'delete-tombstone',
    summary: "the author's DELETE leaves a tombstone in the feed",
    run: checkDeleteTombstone,
  },
  {
    name: 'errors-post',
    summary: 'bad posts get the documented status, code and field, and store nothing',
    run: checkPostErrors,
  },
  {
    name: 'errors-read',
    summary: 'bad cursors, thread keys and paths get the documented errors',
    run: checkReadErrors,
  },
  {
    name: 'errors-edit',
    summary: 'bad edits get auth_required, not_found and method_not_allowed',
    run: checkEditErrors,
  },
  {
    name: 'limits-post',
    summary: 'over-long bodies and names and over-large requests are refused',
    run: checkPostLimits,
  },
  {
    name: 'limits-page',
    summary: 'limit outside 1-1,000 is refused; pages never exceed it',
    run: checkPageLimits,
  },
  {
    name: 'cors-preflight',
    summary: "preflights from the site origin allow the widget's methods and headers",
    run: checkCorsPreflight,
  },
  {
    name: 'cors-request',
    summary: 'answers echo the origin, vary on it and expose ETag and Retry-After',
    run: checkCorsRequest,
  },
  { name: 'feed-head', summary: 'HEAD on the feed answers as GET, without a body', run: checkFeedHead },
  {
    name: 'feed-not-modified',
    summary: 'the feed has an ETag, and If-None-Match with it answers 304',
    run: checkFeedNotModified,
  },
];
