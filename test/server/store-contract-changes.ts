import assert from 'node:assert/strict';
import { it } from 'node:test';
import { warnOfMissingSites } from '../../server/src/log/missing-sites.js';
import type { ChangedThreads } from '../../server/src/store/comment-store.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore } from './store-contract.js';

/** Sorted by site then thread, so stores may list them in any order. */
function sorted(changed: ChangedThreads): ChangedThreads {
  const key = (entry: { site: string; thread: string }) => `${entry.site}\u0000${entry.thread}`;
  return { ...changed, threads: [...changed.threads].sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}

/** Which threads changed after a seq, across sites: what other processes poll for. */
export function runChangedThreadsContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);

  it('lists nothing and lastSeq 0 in an empty store', async () => {
    assert.deepEqual(await current.get().listChangedThreads(0), { threads: [], lastSeq: 0 });
  });

  it('lists every thread changed after a seq with its latest seq, across sites, and the last seq', async () => {
    const store = current.get();
    const first = await insertCreated(store, '/a');
    const second = await insertCreated(store, '/a');
    const other = await insertCreated(store, '/b');
    const blog = await insertCreated(store, '/a', { site: 'blog' });
    const edited = await store.updateComment(other.id, { body: 'Edited.' }, nowMs + 1);
    assert.ok(edited);

    assert.deepEqual(sorted(await store.listChangedThreads(0)), {
      threads: [
        { site: 'blog', thread: '/a', seq: blog.seq },
        { site, thread: '/a', seq: second.seq },
        { site, thread: '/b', seq: edited.seq },
      ],
      lastSeq: edited.seq,
    });
    assert.deepEqual(sorted(await store.listChangedThreads(first.seq)), {
      threads: [
        { site: 'blog', thread: '/a', seq: blog.seq },
        { site, thread: '/a', seq: second.seq },
        { site, thread: '/b', seq: edited.seq },
      ],
      lastSeq: edited.seq,
    });
    assert.deepEqual(await store.listChangedThreads(blog.seq), {
      threads: [{ site, thread: '/b', seq: edited.seq }],
      lastSeq: edited.seq,
    });
    assert.deepEqual(await store.listChangedThreads(edited.seq), { threads: [], lastSeq: edited.seq });
    // Past every seq: nothing listed, only where to start.
    assert.deepEqual(await store.listChangedThreads(Number.MAX_SAFE_INTEGER), {
      threads: [],
      lastSeq: edited.seq,
    });

    // A vote takes a seq too, so its thread is listed.
    const voted = await store.setVote({
      site,
      commentId: first.id,
      voterKey: 'user:u',
      isUp: true,
      nowMs: nowMs + 2,
    });
    assert.equal(voted.kind, 'changed');
    assert.deepEqual(await store.listChangedThreads(edited.seq), {
      threads: [{ site, thread: '/a', seq: voted.kind === 'changed' ? voted.comment.seq : -1 }],
      lastSeq: voted.kind === 'changed' ? voted.comment.seq : -1,
    });
  });
}

/** Which site ids hold comments, and the start-up warning for those the config lost. */
export function runSiteIdsContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);

  it('lists no site ids in an empty store, and warns of none', async () => {
    const store = current.get();
    assert.deepEqual(await store.listSiteIds(), []);
    const lines: string[] = [];
    assert.deepEqual(await warnOfMissingSites(store, [], (line) => lines.push(line)), []);
    assert.deepEqual(lines, []);
  });

  it('lists each site id with comments once, sorted, held and deleted ones too', async () => {
    const store = current.get();
    await insertCreated(store, '/a', { site: 'zeta' });
    await insertCreated(store, '/a', { site: 'zeta' });
    await insertCreated(store, '/b', { site: 'held-site', status: 'held' });
    const gone = await insertCreated(store, '/c', { site: 'alpha' });
    await store.updateComment(gone.id, { status: 'deleted' }, nowMs + 1);
    assert.deepEqual(await store.listSiteIds(), ['alpha', 'held-site', 'zeta']);
  });

  it('warns at start-up, one line per site id the configuration no longer lists', async () => {
    const store = current.get();
    await insertCreated(store, '/a', { site });
    await insertCreated(store, '/a', { site: 'old-blog' });
    await insertCreated(store, '/b', { site: 'old-blog' });
    await insertCreated(store, '/a', { site: 'older-blog' });
    const lines: string[] = [];
    const missing = await warnOfMissingSites(store, [site, 'new-blog'], (line) => lines.push(line));
    assert.deepEqual(missing, ['old-blog', 'older-blog']);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      entries.map((entry) => [entry.level, entry.event, entry.site]),
      [
        ['warn', 'site_missing', 'old-blog'],
        ['warn', 'site_missing', 'older-blog'],
      ],
    );
    assert.match(String(entries[0]!.msg), /"old-blog".*sites\[\]\.id/);
  });
}
