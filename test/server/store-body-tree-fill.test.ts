import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore } from '../../server/src/store/postgres-store.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { makeTempDir } from './helpers/fixtures.js';
import { useTestPostgres } from './helpers/postgres.js';
import { insertCreated, site } from './store-contract.js';

const testPg = await useTestPostgres();
const formattedBody = 'A [link](https://example.org) and **bold** words';
const plainBody = 'Just words.';

/**
 * Stores a comment with markdown and a plain one, forgets their trees as a database written
 * before trees were kept would (`forget` runs SQL on the closed store's database), then opens
 * the store again: the feed must carry the formatted body's tree, and nothing for the plain one.
 */
async function expectFilledOnOpen(
  open: () => Promise<CommentStore>,
  forget: (sql: string) => Promise<void>,
): Promise<void> {
  const store = await open();
  const formatted = await insertCreated(store, '/old', { input: { body: formattedBody } });
  const plain = await insertCreated(store, '/old', { input: { body: plainBody } });
  await store.close();
  await forget('UPDATE comments SET body_tree = NULL');

  const reopened = await open();
  try {
    const { comments } = await reopened.listChanges(site, '/old', 0, 10);
    assert.deepEqual(comments, [{ ...formatted, bodyTree: parseMarkdown(formattedBody) }, plain]);
  } finally {
    await reopened.close();
  }
}

describe('rows stored before body trees were kept', () => {
  it('get their trees when a SQLite store opens', async () => {
    const temp = await makeTempDir();
    const file = path.join(temp.dir, 'old.db');
    try {
      await expectFilledOnOpen(
        async () => createSqliteStore(file),
        async (sql) => {
          const db = new Database(file);
          db.exec(sql);
          db.close();
        },
      );
    } finally {
      await temp.remove();
    }
  });

  it(
    'get their trees when a PostgreSQL store opens',
    { skip: testPg ? false : 'no PostgreSQL' },
    async () => {
      const schema = await testPg!.createSchema();
      try {
        await expectFilledOnOpen(
          () => createPostgresStore(schema.url),
          async (sql) => {
            const client = new pg.Client({ connectionString: schema.url });
            await client.connect();
            await client.query(sql);
            await client.end();
          },
        );
      } finally {
        await schema.drop();
      }
    },
  );
});
