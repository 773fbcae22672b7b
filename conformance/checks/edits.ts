import { createAuthorToken } from '../../src/internal/author-token.js';
import { CommentStatus, ErrorCode, type FeedComment } from '../../src/protocol/index.js';
import {
  describe,
  expectError,
  expectStatus,
  fail,
  postPublished,
  readComment,
  readCursor,
  readFeed,
  readPage,
  type KitContext,
} from '../check.js';

/** The newest copy of comment `id` among `comments` (a changed comment appears again). */
function findLatest(comments: FeedComment[], id: string): FeedComment | undefined {
  return comments.filter((comment) => comment.id === id).sort((a, b) => b.seq - a.seq)[0];
}

/** Sends a JSON PATCH of `body` to comment `id` with `headers`. */
function patchBody(kit: KitContext, id: string, body: string, headers: Record<string, string>) {
  return kit.client.send('PATCH', kit.client.commentUrl(id), {
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ body }),
  });
}

/**
 * An author's `PATCH` answers 200 with the new body and `editedAt`, the feed after a cursor
 * taken before carries the new body with a higher `seq`, and the page's old `ETag` no longer
 * matches; a stranger's token is refused with 403 `not_author`.
 */
export async function checkEditInFeed(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const { sent, comment } = await postPublished(kit, 'a comment to edit');
  const pageUrl = kit.client.feedUrl({ since });
  const before = await kit.client.send('GET', pageUrl);
  readPage(kit, before, 'GET the feed after the post');
  const stranger = await patchBody(
    kit,
    comment.id,
    'not mine',
    kit.poster.authorHeaders(createAuthorToken()),
  );
  expectError(
    kit,
    stranger,
    { status: 403, code: ErrorCode.notAuthor, field: null },
    "PATCH with another guest's token",
  );
  const newBody = `${comment.body}, edited`;
  const edit = await patchBody(kit, comment.id, newBody, kit.poster.authorHeaders(sent.token));
  expectStatus(kit, edit, 200, "PATCH the body with the author's token");
  const edited = readComment(kit, edit, "PATCH the body with the author's token");
  if (edited.body !== newBody || !edited.editedAt || edited.seq <= comment.seq) {
    fail(
      `PATCH should answer the new body, editedAt and a higher seq than ${comment.seq}, but ${describe(kit, edit)}`,
    );
  }
  const feed = await readFeed(kit, since);
  const latest = findLatest(feed.comments, comment.id);
  if (latest?.body !== newBody) {
    fail(
      `after the edit the feed since ${since} carries ${JSON.stringify(latest?.body)}, expected the new body`,
    );
  }
  const tag = before.headers.get('ETag');
  if (tag === null) return;
  const stale = await kit.client.send('GET', pageUrl, { headers: { 'If-None-Match': tag } });
  if (stale.status === 304)
    fail(`after the edit the feed's old ETag ${tag} still answers 304: a cached copy never learns of it`);
}

/**
 * An author's `DELETE` leaves a tombstone: 200 with status `deleted` and empty body and name,
 * carried by the feed with a higher `seq`; deleting it again changes nothing, and editing it is
 * 409 `comment_deleted`.
 */
export async function checkDeleteTombstone(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const { sent, comment } = await postPublished(kit, 'a comment to delete');
  const author = kit.poster.authorHeaders(sent.token);
  const removal = await kit.client.send('DELETE', kit.client.commentUrl(comment.id), { headers: author });
  expectStatus(kit, removal, 200, "DELETE with the author's token");
  const tombstone = readComment(kit, removal, "DELETE with the author's token");
  const isTombstone = (each: FeedComment | undefined) =>
    each?.status === CommentStatus.deleted && each.body === '' && each.authorName === '';
  if (!isTombstone(tombstone)) {
    fail(
      `DELETE should answer a tombstone (status deleted, empty body and name), but ${describe(kit, removal)}`,
    );
  }
  const latest = findLatest((await readFeed(kit, since)).comments, comment.id);
  if (!isTombstone(latest) || latest!.seq <= comment.seq) {
    fail(
      `after the delete the feed since ${since} should carry its tombstone with a higher seq, but carries ${JSON.stringify(latest)}`,
    );
  }
  const again = await kit.client.send('DELETE', kit.client.commentUrl(comment.id), { headers: author });
  expectStatus(kit, again, 200, 'DELETE the tombstone again');
  if (readComment(kit, again, 'DELETE the tombstone again').seq !== tombstone.seq) {
    fail(`deleting a tombstone again must not change it (no new seq), but ${describe(kit, again)}`);
  }
  const edit = await patchBody(kit, comment.id, 'too late', author);
  expectError(kit, edit, { status: 409, code: ErrorCode.commentDeleted, field: null }, 'PATCH a tombstone');
}
