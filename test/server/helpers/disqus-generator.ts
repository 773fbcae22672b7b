import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** How big a generated Disqus export is. */
export interface DisqusFixtureSize {
  threads: number;
  postsPerThread: number;
}

/** What a generated export holds. */
export interface DisqusFixtureCounts {
  threads: number;
  posts: number;
  /** Posts that reply to another (every third one in a thread). */
  replies: number;
  bytes: number;
}

const startMs = Date.UTC(2020, 0, 1);
const postsPerWrite = 500;

/**
 * Writes a Disqus XML export of `threads` threads with `postsPerThread` posts each to `file`, a
 * batch of posts at a time (it never holds the document). Post ids run from 1 in file order;
 * every third post in a thread replies to the one before it; bodies hold HTML, entities and
 * non-ASCII text, and every record carries an IP address the reader must not pass on.
 */
export async function writeDisqusFixture(
  file: string,
  size: DisqusFixtureSize,
): Promise<DisqusFixtureCounts> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: DisqusFixtureCounts = { threads: 0, posts: 0, replies: 0, bytes: 0 };
  const write = async (text: string) => {
    counts.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="utf-8"?>\n' +
      '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n',
  );
  for (let t = 1; t <= size.threads; t += 1) {
    await write(renderThread(t, t % 10 === 0));
    counts.threads += 1;
  }
  let batch = '';
  for (let t = 1; t <= size.threads; t += 1) {
    for (let p = 0; p < size.postsPerThread; p += 1) {
      const id = counts.posts + 1;
      const parentId = p % 3 === 2 ? id - 1 : null;
      batch += renderPost(id, t, parentId);
      counts.posts += 1;
      if (parentId !== null) counts.replies += 1;
      if (counts.posts % postsPerWrite === 0) {
        await write(batch);
        batch = '';
      }
    }
  }
  await write(`${batch}</disqus>\n`);
  await closeStream(out);
  return counts;
}

function renderThread(id: number, isClosed: boolean): string {
  return (
    `  <thread dsq:id="t${id}">\n` +
    `    <id>post-${id}</id>\n` +
    `    <link>https://blog.example.org/posts/${id}/</link>\n` +
    `    <title>Post ${id}</title>\n` +
    `    <createdAt>${new Date(startMs + id * 3_600_000).toISOString()}</createdAt>\n` +
    `    <ipAddress>203.0.113.1</ipAddress>\n` +
    `    <isClosed>${isClosed}</isClosed>\n` +
    `    <isDeleted>false</isDeleted>\n` +
    `  </thread>\n`
  );
}

function renderPost(id: number, threadId: number, parentId: number | null): string {
  const message =
    `<p>Comment ${id} on post ${threadId}: <b>bold</b>, <a href="https://example.com/?a=${id}&amp;b=2">a link</a> ` +
    `&amp; an entity.</p><p>Привет, мир! مرحبا 🎉 — the second paragraph keeps the body realistic in length, ` +
    `as readers rarely stop at one sentence when they have an opinion about a post.</p>`;
  return (
    `  <post dsq:id="${id}">\n` +
    `    <message><![CDATA[${message}]]></message>\n` +
    `    <createdAt>${new Date(startMs + id * 60_000).toISOString()}</createdAt>\n` +
    `    <isDeleted>false</isDeleted>\n` +
    `    <isSpam>false</isSpam>\n` +
    `    <author>\n` +
    `      <email>reader${id % 1000}@example.com</email>\n` +
    `      <name>Reader ${id % 1000}</name>\n` +
    `      <isAnonymous>false</isAnonymous>\n` +
    `      <username>reader${id % 1000}</username>\n` +
    `    </author>\n` +
    `    <ipAddress>198.51.100.${id % 250}</ipAddress>\n` +
    `    <thread dsq:id="t${threadId}"/>\n` +
    (parentId === null ? '' : `    <parent dsq:id="${parentId}"/>\n`) +
    `  </post>\n`
  );
}

async function closeStream(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}
