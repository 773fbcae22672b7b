import { ErrorCode, limits } from '../../src/protocol/index.js';
import {
  describe,
  expectError,
  expectStatus,
  fail,
  readComment,
  readCursor,
  readFeed,
  readPage,
  type KitContext,
} from '../check.js';

/** `text` padded with `x` to exactly `length` characters. */
function padTo(text: string, length: number): string {
  return `${text} ${'x'.repeat(length)}`.slice(0, length);
}

/**
 * A body of 10,001 characters and a name of 81 are refused with 400 `validation_failed`
 * naming the field, a request over 64 KiB with 413 `payload_too_large`; a body of exactly
 * 10,000 characters is stored whole.
 */
export async function checkPostLimits(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const { poster } = kit;
  const overLong = poster.newFields('an over-long body');
  overLong.body = padTo(overLong.body, limits.bodyMaxChars + 1);
  const long = await poster.post(overLong);
  const bodyField = { status: 400, code: ErrorCode.validationFailed, field: 'body' };
  expectError(kit, long.exchange, bodyField, `POST a body of ${limits.bodyMaxChars + 1} characters`);
  const overNamed = {
    ...poster.newFields('an over-long name'),
    authorName: 'n'.repeat(limits.authorNameMaxChars + 1),
  };
  const named = await poster.post(overNamed);
  const nameField = { status: 400, code: ErrorCode.validationFailed, field: 'authorName' };
  expectError(kit, named.exchange, nameField, `POST a name of ${limits.authorNameMaxChars + 1} characters`);
  const huge = poster.newFields('an over-large request');
  huge.body = 'x'.repeat(limits.requestMaxBytes);
  const tooLarge = await poster.post(huge);
  const sizeError = { status: 413, code: ErrorCode.payloadTooLarge, field: null };
  expectError(kit, tooLarge.exchange, sizeError, `POST a request of over ${limits.requestMaxBytes} bytes`);

  const longest = poster.newFields('a body of the longest length');
  longest.body = padTo(longest.body, limits.bodyMaxChars);
  const stored = await poster.post(longest);
  const what = `POST a body of exactly ${limits.bodyMaxChars} characters`;
  expectStatus(kit, stored.exchange, 201, what);
  if (readComment(kit, stored.exchange, what).body !== longest.body) {
    fail(`${what}: the stored body is not the body sent: ${describe(kit, stored.exchange)}`);
  }
  const { comments } = await readFeed(kit, since);
  const ids = comments.map((comment) => comment.id);
  if (ids.length !== 1 || ids[0] !== longest.id) {
    fail(
      `after three refused posts and one stored, the feed since ${since} holds ${JSON.stringify(ids)}, expected only ${longest.id}`,
    );
  }
}

/**
 * `limit` must be a whole number from 1 to 1,000 in plain digits, else 400 `validation_failed`
 * (field `limit`); `limit=1000` is answered with at most 1,000 comments.
 */
export async function checkPageLimits(kit: KitContext): Promise<void> {
  for (const limit of ['0', String(limits.pageMaxComments + 1), '01', '-1', '1.5', 'ten']) {
    const exchange = await kit.client.send('GET', kit.client.feedUrl({ limit }));
    const error = { status: 400, code: ErrorCode.validationFailed, field: 'limit' };
    expectError(kit, exchange, error, `GET the feed with limit=${limit}`);
  }
  const most = await kit.client.send('GET', kit.client.feedUrl({ limit: limits.pageMaxComments }));
  const page = readPage(kit, most, `GET the feed with limit=${limits.pageMaxComments}`);
  if (page.comments.length > limits.pageMaxComments) {
    fail(`limit=${limits.pageMaxComments} answered ${page.comments.length} comments`);
  }
}
