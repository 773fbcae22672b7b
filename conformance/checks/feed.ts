import {
  describe,
  expectStatus,
  fail,
  postPublished,
  readCursor,
  readPage,
  type KitContext,
} from '../check.js';

/** The thread's feed is readable: 200 and a page `{ comments, cursor, more }`. */
export async function checkFeedRead(kit: KitContext): Promise<void> {
  const exchange = await kit.client.send('GET', kit.client.feedUrl());
  if (exchange.status === 403 && exchange.text.includes('origin_not_allowed')) {
    fail(
      `the server does not serve origin ${kit.client.origin}: pass --origin with one of the site's origins`,
    );
  }
  const page = readPage(kit, exchange, 'GET the feed of the thread');
  if (page.comments.some((comment) => comment.status === 'held')) {
    fail(`the feed carries a held comment: ${describe(kit, exchange)}`);
  }
  if (!/^application\/json\b/i.test(exchange.headers.get('Content-Type') ?? '')) {
    fail(`GET the feed: Content-Type is ${exchange.headers.get('Content-Type')}, not application/json`);
  }
}

/**
 * Paging with `since` and `limit`: every page holds at most `limit` comments, `more` is true
 * until the last, each cursor leads on, and together the pages hold each new comment once, in
 * the order written; the cursor after the last page answers an empty page with itself.
 */
export async function checkFeedPaging(kit: KitContext): Promise<void> {
  const start = await readCursor(kit);
  const written: string[] = [];
  for (const label of ['paging 1 of 3', 'paging 2 of 3', 'paging 3 of 3']) {
    written.push((await postPublished(kit, label)).comment.id);
  }
  const seen: string[] = [];
  let cursor = start;
  for (let pages = 1; ; pages += 1) {
    const url = kit.client.feedUrl({ since: cursor, limit: 1 });
    const exchange = await kit.client.send('GET', url);
    const page = readPage(kit, exchange, `GET the feed since ${cursor} with limit=1`);
    if (page.comments.length > 1) fail(`limit=1 was not honoured: ${describe(kit, exchange)}`);
    seen.push(...page.comments.map((comment) => comment.id));
    if (page.more && page.cursor === cursor)
      fail(`more: true with an unchanged cursor: ${describe(kit, exchange)}`);
    cursor = page.cursor;
    if (!page.more) break;
    if (pages > written.length + 1)
      fail(`more: true after ${pages} pages of 1 for ${written.length} new comments`);
  }
  if (JSON.stringify(seen) !== JSON.stringify(written)) {
    fail(
      `pages of limit=1 since ${start} held ${JSON.stringify(seen)}, expected ${JSON.stringify(written)} (each once, in order)`,
    );
  }
  const end = await kit.client.send('GET', kit.client.feedUrl({ since: cursor }));
  const last = readPage(kit, end, `GET the feed since its last cursor ${cursor}`);
  if (last.comments.length !== 0 || last.more || last.cursor !== cursor) {
    fail(
      `nothing new should answer {comments: [], cursor: "${cursor}", more: false}, but ${describe(kit, end)}`,
    );
  }
}

/** `HEAD` on the feed answers as `GET` would, without a body. */
export async function checkFeedHead(kit: KitContext): Promise<void> {
  const url = kit.client.feedUrl();
  const get = await kit.client.send('GET', url);
  const head = await kit.client.send('HEAD', url);
  expectStatus(kit, head, 200, 'HEAD the feed');
  if (head.text !== '') fail(`HEAD the feed answered a body: ${describe(kit, head)}`);
  for (const name of ['Content-Type', 'ETag']) {
    if (head.headers.get(name) !== get.headers.get(name)) {
      fail(`HEAD the feed: ${name} is ${head.headers.get(name)}, but GET says ${get.headers.get(name)}`);
    }
  }
}

/**
 * The feed carries an `ETag`; asking again with `If-None-Match` naming it answers 304 with no
 * body, and naming another tag answers the page.
 */
export async function checkFeedNotModified(kit: KitContext): Promise<void> {
  const since = await readCursor(kit);
  const url = kit.client.feedUrl({ since });
  const first = await kit.client.send('GET', url);
  readPage(kit, first, 'GET the feed');
  const tag = first.headers.get('ETag');
  if (tag === null) fail(`GET the feed answered no ETag: ${describe(kit, first)}`);
  const again = await kit.client.send('GET', url, { headers: { 'If-None-Match': tag } });
  if (again.status !== 304) {
    fail(`GET the unchanged feed with If-None-Match: ${tag}: expected 304, but ${describe(kit, again)}`);
  }
  if (again.text !== '') fail(`a 304 must have no body, but ${describe(kit, again)}`);
  const other = await kit.client.send('GET', url, {
    headers: { 'If-None-Match': '"hearth-conformance-other"' },
  });
  readPage(kit, other, 'GET the feed with If-None-Match naming another tag');
}
