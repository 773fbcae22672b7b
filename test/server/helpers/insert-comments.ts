// A writer process for the concurrent-cursor tests: opens the store at argv[2], prints "ready",
// waits for "go" on stdin, then inserts argv[4] comments into thread argv[3] from argv[5]
// parallel loops, and prints the ids it stored as one JSON array.
//   node --import tsx test/server/helpers/insert-comments.ts <database-url> <thread> <count> <loops>
import { once } from 'node:events';
import { openStore } from '../../../server/src/store/open-store.js';
import { makeAuthor, makeNewComment } from './fixtures.js';

const [url = '', thread = '/t', countText = '100', loopsText = '1'] = process.argv.slice(2);
const count = Number(countText);
const loops = Number(loopsText);
const store = await openStore(url);
const author = makeAuthor();
const ids: string[] = [];

process.stdout.write('ready\n');
await once(process.stdin.setEncoding('utf8'), 'data');

async function insertSome(share: number): Promise<void> {
  for (let i = 0; i < share; i++) {
    const input = makeNewComment({ authorName: 'Writer', body: `comment ${i}` });
    const result = await store.insertComment({
      site: 'demo',
      thread,
      input,
      author,
      status: 'published',
      nowMs: Date.now(),
    });
    if (result.kind !== 'created') throw new Error(`insert ${i}: ${result.kind}`);
    ids.push(input.id);
  }
}

await Promise.all(
  Array.from({ length: loops }, (_, loop) =>
    insertSome(Math.floor(count / loops) + (loop < count % loops ? 1 : 0)),
  ),
);
await store.close();
process.stdout.write(`${JSON.stringify(ids)}\n`);
process.exit(0);
