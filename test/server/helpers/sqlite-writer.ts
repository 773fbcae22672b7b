// Child process for the multi-process SQLite test: inserts `count` comments into `file`.
import { createSqliteStore } from '../../../server/src/store/sqlite-store.js';
import { makeNewComment } from './fixtures.js';

const [file, countText, thread] = process.argv.slice(2);
if (!file || !countText || !thread) throw new Error('usage: sqlite-writer.ts <file> <count> <thread>');
const store = createSqliteStore(file);
for (let i = 0; i < Number(countText); i++) {
  const result = await store.insertComment(thread, makeNewComment({ body: `comment ${i}` }), Date.now());
  if (result.kind !== 'created') throw new Error(`insert ${i}: ${result.kind}`);
}
await store.close();
