import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { describe, it } from 'node:test';
import { exportSite } from '../../server/src/export/export-site.js';
import { runImport } from '../../server/src/import/import-run.js';
import { detectSource } from '../../server/src/import/source-formats.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { makeAuthor, makeTempDir } from './helpers/fixtures.js';
import { apiBackends } from './helpers/api-harness.js';
import { insertCreated, nowMs } from './store-contract.js';

const site = 'demo';

/** A site with what an export carries: threads, replies, held, tombstones, pins, edits, votes, locks and bans. */
async function fillSite(store: CommentStore): Promise<void> {
  const author = {
    email: 'ada@example.org',
    userId: 'sso-ada',
    verified: true,
    avatarUrl: 'https://example.org/a.png',
  };
  const root = await insertCreated(store, '/posts/x/', {
    author,
    input: { body: 'Root with **bold** and [a link](https://example.org)' },
  });
  const reply = await insertCreated(store, '/posts/x/', {
    input: { parentId: root.id, body: 'Привет, مرحبا 👋' },
    at: nowMs + 1,
  });
  await insertCreated(store, '/posts/x/', {
    input: { parentId: reply.id },
    status: 'held',
    at: nowMs + 2,
    author: { ipHash: 'iphash', authorTokenHash: 'tokenhash' },
  });
  const doomed = await insertCreated(store, '/posts/x/', { input: { parentId: root.id }, at: nowMs + 3 });
  await insertCreated(store, '/posts/x/', { input: { parentId: doomed.id }, at: nowMs + 4 });
  const leaf = await insertCreated(store, 'article-42', { at: nowMs + 5 });
  await store.updateComment(doomed.id, { status: 'deleted' }, nowMs + 10);
  await store.updateComment(leaf.id, { status: 'deleted' }, nowMs + 11);
  await store.updateComment(root.id, { pinned: true }, nowMs + 12);
  await store.updateComment(reply.id, { body: 'Edited: Привет' }, nowMs + 13);
  await store.setVote({ site, commentId: root.id, voterKey: 'user:sso-bob', isUp: true, nowMs: nowMs + 20 });
  await store.setVote({ site, commentId: root.id, voterKey: 'anon:abc', isUp: true, nowMs: nowMs + 21 });
  await store.setThreadLocked(site, '/posts/x/', true);
  await store.setThreadLocked(site, '/quiet/', true);
  await store.addBan(
    { site, kind: 'email', value: 'spam@example.org', reason: 'spam', createdBy: 'ada' },
    nowMs + 30,
  );
  await store.addBan({ site, kind: 'ip', value: 'iphash', reason: 'flood', createdBy: 'ada' }, nowMs + 31);
  // Another site's comment never travels with this one.
  await insertCreated(store, '/posts/x/', { site: 'other', author: makeAuthor() });
}

/** A comment without its seq, which is each store's own. */
function withoutSeq<T extends { seq: number }>(comment: T): Omit<T, 'seq'> {
  const copy: Partial<T> = { ...comment };
  delete copy.seq;
  return copy as Omit<T, 'seq'>;
}

/** Everything an export should carry, comparable across stores (seqs and ban ids are each store's own). */
async function readSite(store: CommentStore) {
  const comments = (await store.listSiteComments(site, 0, 1000))
    .map(({ comment, author }) => ({ comment: withoutSeq(comment), author }))
    .sort((a, b) => (a.comment.id < b.comment.id ? -1 : 1));
  const bans = (await store.listBans(site)).map((ban) => ({ ...ban, id: 0 }));
  return {
    comments,
    votes: await store.listSiteVotes(site, null, 1000),
    locked: await store.listLockedThreads(site),
    bans,
  };
}

async function writeExport(store: CommentStore, file: string): Promise<void> {
  const out = createWriteStream(file);
  for await (const line of exportSite(store, site, {
    includePrivate: true,
    nowMs: nowMs + 100,
    pageSize: 2,
  })) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function importFile(store: CommentStore, file: string, options: { dryRun?: boolean } = {}) {
  const source = await detectSource(file, 'auto');
  assert.equal(source.format, 'hearth');
  return runImport(store, source.read(file), {
    site,
    format: source.format,
    mappings: [],
    dryRun: options.dryRun ?? false,
    skipBad: false,
    keepIds: true,
  });
}

function runRoundTrip(
  name: string,
  open: () => Promise<{ store: CommentStore; cleanup: () => Promise<void> }>,
) {
  describe(`export, then import: ${name}`, () => {
    it('reproduces the site, and importing the export again adds nothing', async () => {
      const temp = await makeTempDir();
      const source = await open();
      const target = await open();
      try {
        await fillSite(source.store);
        const file = path.join(temp.dir, 'site.ndjson');
        await writeExport(source.store, file);

        const dry = await importFile(target.store, file, { dryRun: true });
        assert.deepEqual(await target.store.listSiteComments(site, 0, 10), [], 'a dry run writes nothing');

        const { summary } = await importFile(target.store, file);
        assert.deepEqual({ ...dry.summary, dryRun: false }, summary);
        assert.equal(summary.comments, 6);
        assert.equal(summary.tombstones, 2);
        assert.equal(summary.held, 1);
        assert.equal(summary.votes, 2);
        assert.equal(summary.bans, 2);
        assert.deepEqual(await readSite(target.store), await readSite(source.store));
        // The feed carries the imported thread as the source's did.
        const feed = (store: CommentStore) =>
          store
            .listChanges(site, '/posts/x/', 0, 100)
            .then((page) => page.comments.map(withoutSeq).sort((a, b) => (a.id < b.id ? -1 : 1)));
        assert.deepEqual(await feed(target.store), await feed(source.store));

        const again = await importFile(target.store, file);
        assert.equal(again.summary.comments, 0);
        assert.equal(again.summary.present, 6);
        assert.equal(again.summary.bans, 0);
        assert.deepEqual(await readSite(target.store), await readSite(source.store));
      } finally {
        await source.cleanup();
        await target.cleanup();
        await temp.remove();
      }
    });
  });
}

for (const backend of apiBackends) runRoundTrip(backend.name, backend.open);
