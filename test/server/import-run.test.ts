import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { isPlainBody } from '../../src/internal/plain-body.js';
import type { ImportComment, ImportItem } from '../../server/src/import/import-item.js';
import { ImportFailedError, runImport, type ImportOptions } from '../../server/src/import/import-run.js';
import { deriveCommentId } from '../../server/src/import/import-ids.js';
import { parseKeyMapping } from '../../server/src/import/thread-key-map.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { apiBackends } from './helpers/api-harness.js';
const site = 'blog';
const at = Date.UTC(2019, 4, 6, 7, 8, 9);
let line = 0;

function thread(ref: string, url: string | null, locked = false): ImportItem {
  return { type: 'thread', ref, url, locked, position: { line: ++line, column: 1 } };
}

function comment(threadRef: string, sourceId: string, overrides: Partial<ImportComment> = {}): ImportComment {
  return {
    type: 'comment',
    threadRef,
    sourceId,
    parentSourceId: null,
    authorName: `Author ${sourceId}`,
    email: null,
    body: { format: 'html', text: `<p>Comment <em>${sourceId}</em></p>` },
    createdAtMs: at + Number(sourceId.replace(/\D/g, '') || 0) * 1000,
    editedAtMs: null,
    state: 'published',
    pinned: false,
    votes: null,
    position: { line: ++line, column: 1 },
    ...overrides,
  };
}

async function* itemsOf(items: readonly ImportItem[]): AsyncGenerator<ImportItem> {
  yield* items;
}

const defaults: ImportOptions = {
  site,
  format: 'disqus',
  mappings: [],
  dryRun: false,
  skipBad: false,
  keepIds: false,
};

const importInto = (
  store: CommentStore,
  items: readonly ImportItem[],
  options: Partial<ImportOptions> = {},
) => runImport(store, itemsOf(items), { ...defaults, ...options });

const idOf = (threadRef: string, sourceId: string) => deriveCommentId(site, 'disqus', threadRef, sourceId);

/** A thread as a reader sees it in the change feed: [id, parent id, author, body, status]. */
async function readThread(store: CommentStore, key: string) {
  const page = await store.listChanges(site, key, 0, 1000);
  return page.comments.map((c) => [c.id, c.parentId, c.authorName, c.body, c.status]);
}

/** A thread with nested replies, one before its parent, a deleted parent and leaves, spam and a held one. */
function sampleThread(ref = 't1', path = '/posts/x/'): ImportItem[] {
  return [
    comment(ref, '4', { parentSourceId: '3' }), // before its parent
    thread(ref, `https://blog.example.org${path}#comments`),
    comment(ref, '1'),
    comment(ref, '2', { parentSourceId: '1', state: 'deleted' }), // deleted parent of 3
    comment(ref, '3', { parentSourceId: '2' }),
    comment(ref, '5', { state: 'deleted' }), // deleted leaf
    comment(ref, '6', { state: 'spam' }), // spam leaf
    comment(ref, '7', { state: 'held' }),
    comment(ref, '8', { parentSourceId: '99' }), // parent not in the file
  ];
}

/** sampleThread's thread in the feed, as written with `ref`. */
function sampleFeed(ref = 't1') {
  return [
    [idOf(ref, '1'), null, 'Author 1', 'Comment *1*', 'published'],
    [idOf(ref, '8'), null, 'Author 8', 'Comment *8*', 'published'],
    [idOf(ref, '2'), idOf(ref, '1'), '', '', 'deleted'],
    [idOf(ref, '3'), idOf(ref, '2'), 'Author 3', 'Comment *3*', 'published'],
    [idOf(ref, '4'), idOf(ref, '3'), 'Author 4', 'Comment *4*', 'published'],
  ];
}

function runImportSuite(
  name: string,
  open: () => Promise<{ store: CommentStore; cleanup: () => Promise<void> }>,
) {
  describe(`import: ${name}`, () => {
    const withStore = (test: (store: CommentStore) => Promise<void>) => async () => {
      const { store, cleanup } = await open();
      try {
        await test(store);
      } finally {
        await cleanup();
      }
    };

    it(
      'keeps threading, times and order; a deleted parent of a reply becomes a tombstone; the rest of the deleted and the spam is skipped',
      withStore(async (store) => {
        const { summary, changedThreads } = await importInto(store, sampleThread());
        assert.deepEqual(
          { ...summary, problems: undefined },
          {
            ...summary,
            problems: undefined,
            threads: 1,
            comments: 6,
            replies: 3,
            tombstones: 1,
            held: 1,
            orphans: 1,
            present: 0,
            skipped: { 'deleted, without replies': 1, spam: 1 },
          },
        );
        assert.deepEqual(changedThreads, ['/posts/x/']);
        // Parents come before replies in the feed, as the store was given them; held is not shown.
        assert.deepEqual(await readThread(store, '/posts/x/'), sampleFeed());
        const reply = await store.getComment(idOf('t1', '4'));
        assert.equal(reply?.comment.createdAt, new Date(at + 4000).toISOString());
        assert.equal((await store.getComment(idOf('t1', '7')))?.comment.status, 'held');
        assert.equal(await store.getComment(idOf('t1', '5')), null);
      }),
    );

    it(
      'writes every comment, parents first, whatever the batch size',
      withStore(async (store) => {
        // One per batch ends each depth on a full page; two per batch ends some on a short one.
        for (const [ref, batchSize] of [
          ['t1', 1],
          ['t2', 2],
        ] as const) {
          const { summary } = await importInto(store, sampleThread(ref, `/posts/${ref}/`), { batchSize });
          assert.equal(summary.comments, 6);
          assert.deepEqual(await readThread(store, `/posts/${ref}/`), sampleFeed(ref));
        }
      }),
    );

    it(
      'imports the same with its bodies converted in a worker thread',
      withStore(async (store) => {
        const bodyWorker = new URL('./helpers/body-worker.mjs', import.meta.url);
        const { summary } = await importInto(store, sampleThread(), { bodyWorker });
        assert.equal(summary.comments, 6);
        assert.deepEqual(await readThread(store, '/posts/x/'), sampleFeed());
        // The feed sends each body's tree as the worker made it: the widget's own parse.
        const { comments } = await store.listChanges(site, '/posts/x/', 0, 1000);
        for (const { body, bodyTree } of comments) {
          assert.deepEqual(bodyTree, isPlainBody(body) ? undefined : parseMarkdown(body), body);
        }
        assert.ok(comments.some((comment) => comment.bodyTree !== undefined));
      }),
    );

    it(
      'adds nothing when the same file is imported again',
      withStore(async (store) => {
        await importInto(store, sampleThread());
        const { lastSeq } = await store.listChangedThreads(0);
        const again = await importInto(store, sampleThread());
        assert.equal(again.summary.comments, 0);
        assert.equal(again.summary.present, 6);
        assert.equal((await store.listChangedThreads(0)).lastSeq, lastSeq);
      }),
    );

    it(
      'changes nothing in a dry run, and counts what a real run does',
      withStore(async (store) => {
        const dry = await importInto(store, sampleThread(), { dryRun: true });
        assert.deepEqual(await store.listChangedThreads(0), { threads: [], lastSeq: 0 });
        assert.deepEqual(await store.listLockedThreads(site), []);
        const real = await importInto(store, sampleThread());
        assert.deepEqual({ ...dry.summary, dryRun: false }, real.summary);
      }),
    );

    it(
      'imports nothing when a record is bad, and the rest with skipBad',
      withStore(async (store) => {
        const items: ImportItem[] = [
          thread('t1', '/a/'),
          comment('t1', '1'),
          { type: 'problem', message: 'post without createdAt', position: { line: 40, column: 3 } },
          comment('t1', '1', { position: { line: 50, column: 1 } }), // the same id twice
          comment('t1', '2'),
        ];
        await assert.rejects(importInto(store, items), (error: unknown) => {
          assert.ok(error instanceof ImportFailedError);
          assert.equal(error.problemCount, 2);
          assert.deepEqual(error.problems[0], { line: 40, column: 3, message: 'post without createdAt' });
          assert.match(
            error.problems[1]?.message ?? '',
            /"1" appears twice in one thread \(first at line \d+\)/,
          );
          assert.equal(error.problems[1]?.line, 50);
          return true;
        });
        assert.deepEqual(await store.listChangedThreads(0), { threads: [], lastSeq: 0 });

        const skipping = await importInto(store, items, { skipBad: true });
        assert.equal(skipping.summary.comments, 2);
        assert.equal(skipping.problemCount, 2);
        assert.equal((await readThread(store, '/a/')).length, 2);
      }),
    );

    it(
      'never merges two comments that share a source id under two threads',
      withStore(async (store) => {
        await importInto(store, [
          thread('t1', '/a/'),
          thread('t2', '/b/'),
          comment('t1', '1'),
          comment('t2', '1'),
        ]);
        assert.equal((await readThread(store, '/a/')).length, 1);
        assert.equal((await readThread(store, '/b/')).length, 1);
        assert.notEqual(idOf('t1', '1'), idOf('t2', '1'));
      }),
    );

    it(
      'maps thread keys, locks closed threads, and skips threads without an address and reply cycles',
      withStore(async (store) => {
        const { summary } = await importInto(
          store,
          [
            thread('t1', 'https://old.example.org/blog/x/', true),
            thread('t2', null),
            comment('t1', '1'),
            comment('t2', '2'),
            comment('t9', '3'), // a thread the file never names
            comment('t1', '4', { parentSourceId: '5' }),
            comment('t1', '5', { parentSourceId: '4' }),
          ],
          { mappings: [parseKeyMapping('/blog/=/posts/')] },
        );
        assert.deepEqual(summary.skipped, {
          'thread without an address': 1,
          'comment of a thread not in the file': 1,
          'reply cycle': 2,
        });
        assert.equal(summary.lockedThreads, 1);
        assert.deepEqual(await store.getThreadState(site, '/posts/x/'), { locked: true });
        assert.equal((await readThread(store, '/posts/x/')).length, 1);
      }),
    );

    it(
      'keeps emails private and lowercased, drops what is not an address, and names the nameless',
      withStore(async (store) => {
        await importInto(store, [
          thread('t1', '/a/'),
          comment('t1', '1', { email: ' Ada@Example.ORG ', authorName: '  Ada\u202e Lovelace\n' }),
          comment('t1', '2', { email: 'not an address', authorName: '' }),
        ]);
        const first = await store.getComment(idOf('t1', '1'));
        assert.equal(first?.author.email, 'ada@example.org');
        assert.equal(first?.comment.authorName, 'Ada  Lovelace');
        assert.equal(first?.author.ipHash, null);
        assert.equal(first?.author.userId, null);
        const second = await store.getComment(idOf('t1', '2'));
        assert.equal(second?.author.email, null);
        assert.equal(second?.comment.authorName, 'Anonymous');
        const feed = await store.listChanges(site, '/a/', 0, 10);
        assert.ok(!JSON.stringify(feed).includes('ada@example.org'), 'the feed never carries an email');
      }),
    );

    it(
      'counts votes from named voters under hashed keys, or takes the count the source states',
      withStore(async (store) => {
        const { summary } = await importInto(
          store,
          [
            thread('t1', '/a/'),
            comment('t1', '1'),
            comment('t1', '2', { votes: 12 }),
            {
              type: 'vote',
              threadRef: 't1',
              commentSourceId: '1',
              voter: 'github_1',
              createdAtMs: at,
              position: { line: 1, column: 1 },
            },
            {
              type: 'vote',
              threadRef: 't1',
              commentSourceId: '1',
              voter: 'github_2',
              createdAtMs: null,
              position: { line: 2, column: 1 },
            },
          ],
          { format: 'remark42' },
        );
        assert.equal(summary.votes, 2);
        const one = deriveCommentId(site, 'remark42', 't1', '1');
        const two = deriveCommentId(site, 'remark42', 't1', '2');
        assert.equal((await store.getComment(one))?.comment.votes, 2);
        assert.equal((await store.getComment(two))?.comment.votes, 12);
        const votes = await store.listSiteVotes(site, null, 10);
        assert.equal(votes.length, 2);
        assert.ok(votes.every((vote) => vote.commentId === one && vote.voterKey.startsWith('import:')));
      }),
    );
  });
}

for (const backend of apiBackends) runImportSuite(backend.name, backend.open);
