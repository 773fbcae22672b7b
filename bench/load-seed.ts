import { randomUUID } from 'node:crypto';
import http from 'node:http';

/** The thread every read scenario fetches; posts go to `loadPostThread` so it stays the same. */
export const loadReadThread = '/posts/load-benchmark';
export const loadPostThread = '/posts/load-benchmark-posts';

const words =
  'the a small community garden meeting notes thanks for writing this i agree but wonder whether we could try ' +
  'next week instead offline first comments load fine on the train it is quiet here and kind'.split(' ');

/** A comment body of roughly 60–560 characters, the same for the same `index`. */
export function composeBody(index: number): string {
  const length = 60 + ((index * 97) % 500);
  const parts: string[] = [];
  let chars = 0;
  for (let word = index; chars < length; word += 7) {
    const next = words[word % words.length]!;
    parts.push(next);
    chars += next.length + 1;
  }
  return `${parts.join(' ')}.`;
}

/** The API path of a thread's comment feed (GET) and collection (POST). */
export function commentsPath(thread: string): string {
  return `/api/v1/threads/${encodeURIComponent(thread)}/comments`;
}

/** A new guest comment for POST, with a fresh id and a body no other post repeats. */
export function composeNewComment(index: number): string {
  return JSON.stringify({
    id: randomUUID(),
    authorName: `Load ${index % 50}`,
    body: `${composeBody(index)} (${index})`,
  });
}

/**
 * POSTs `count` comments to `thread` as the admin (an import: no guard applies), one at a time,
 * every fourth a reply to the one before it. Returns the feed's size in bytes as JSON and as sent
 * to a client asking for `acceptEncoding` (with that answer's encoding and ETag, which the 304
 * runs send back).
 */
export async function seedThread(
  origin: string,
  adminToken: string,
  thread: string,
  count: number,
  acceptEncoding = '',
): Promise<{ etag: string; feedBytes: number; feedWireBytes: number; feedEncoding: string | null }> {
  const url = new URL(commentsPath(thread), origin);
  let previousId: string | null = null;
  for (let index = 0; index < count; index++) {
    const id = randomUUID();
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        authorName: `Reader ${index % 40}`,
        body: composeBody(index),
        parentId: index % 4 === 3 ? previousId : null,
      }),
    });
    if (response.status !== 201) {
      throw new Error(`Seeding answered ${response.status}: ${await response.text()}`);
    }
    previousId = id;
  }
  const plain = await readFeed(url, {});
  const sent = acceptEncoding ? await readFeed(url, { 'accept-encoding': acceptEncoding }) : plain;
  return { etag: sent.etag, feedBytes: plain.bytes, feedWireBytes: sent.bytes, feedEncoding: sent.encoding };
}

/** GETs the feed with `headers` and counts its body as sent, undecoded. */
function readFeed(
  url: URL,
  headers: Record<string, string>,
): Promise<{ etag: string; bytes: number; encoding: string | null }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('error', reject);
      response.on('end', () => {
        const etag = response.headers.etag;
        if (response.statusCode !== 200 || etag === undefined) {
          reject(new Error(`The seeded feed answered ${response.statusCode}.`));
          return;
        }
        resolve({ etag, bytes, encoding: response.headers['content-encoding'] ?? null });
      });
    });
    request.on('error', reject);
  });
}
