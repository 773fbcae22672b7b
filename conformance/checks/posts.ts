import { ErrorCode } from '../../src/protocol/index.js';
import {
  describe,
  expectError,
  expectStatus,
  fail,
  postPublished,
  readComment,
  readCursor,
  readFeed,
  type KitContext,
} from '../check.js';

/**
 * A post sent again unchanged (its answer lost, say) answers 200 with the comment stored the
 * first time, and the feed holds it once: the id is an idempotency key.
 */
export async function checkPostRetry(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const { sent, comment } = await postPublished(kit, 'a post sent twice');
  const retry = await kit.poster.resend(sent);
  const what = 'POST the same post again (same id, same body)';
  const feed = await readFeed(kit, since);
  const copies = feed.comments.filter((each) => each.body === comment.body);
  const stored = `the feed holds ${copies.length} comments with its body`;
  if (retry.status === 201) {
    fail(`${what}: expected 200 (a retry, nothing stored), but it answered 201 Created and ${stored}`);
  }
  expectStatus(kit, retry, 200, what);
  const again = readComment(kit, retry, what);
  if (again.id !== comment.id || again.body !== comment.body || again.seq !== comment.seq) {
    fail(
      `${what}: expected the comment stored the first time (seq ${comment.seq}), but ${describe(kit, retry)}`,
    );
  }
  if (copies.length !== 1 || copies[0]!.id !== comment.id) {
    fail(`after a post and its retry ${stored}, expected 1 (id ${comment.id})`);
  }
}

/**
 * Another post with a stored comment's id but other content answers 409 `id_conflict`
 * (field `id`), and the stored comment is left as it was.
 */
export async function checkPostClash(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const { sent, comment } = await postPublished(kit, 'a post whose id is then reused');
  const clash = await kit.poster.resend(sent, { ...sent.fields, body: `${sent.fields.body}, changed` });
  expectError(
    kit,
    clash,
    { status: 409, code: ErrorCode.idConflict, field: 'id' },
    "POST a different body with a stored comment's id",
  );
  const feed = await readFeed(kit, since);
  const stored = feed.comments.filter((each) => each.id === comment.id);
  if (stored.length !== 1 || stored[0]!.body !== comment.body) {
    fail(
      `after a refused clash the feed should hold the first comment once, unchanged; it holds ${JSON.stringify(stored.map((each) => each.body))}`,
    );
  }
}
