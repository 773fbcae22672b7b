import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Comment } from '../../src/protocol/index.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore, type InsertOptions } from './store-contract.js';

/** Held comments, moderators' queries, first-time and duplicate checks, locks, bans, audit, secrets. */
export function runModerationContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  const insert = (thread: string, options: InsertOptions = {}) =>
    insertCreated(current.get(), thread, options);
  const list = async (thread: string, sinceSeq = 0, limit = 100) =>
    current.get().listChanges(site, thread, sinceSeq, limit);

  describe('held comments', () => {
    it('returns a held comment to its author but keeps it out of the feed, while its seq counts', async () => {
      const before = await insert('/held');
      const held = await insert('/held', { status: 'held' });
      const after = await insert('/held');
      assert.equal(held.status, 'held');
      assert.ok(before.seq < held.seq && held.seq < after.seq);
      assert.deepEqual(await list('/held'), { comments: [before, after], lastSeq: after.seq, more: false });
      assert.deepEqual(await list('/held', before.seq), {
        comments: [after],
        lastSeq: after.seq,
        more: false,
      });
      assert.equal((await current.get().getComment(held.id))?.comment.status, 'held');
    });

    it('does not count held comments towards a page', async () => {
      const first = await insert('/held-pages');
      for (let i = 0; i < 3; i++) await insert('/held-pages', { status: 'held' });
      const second = await insert('/held-pages');
      assert.deepEqual(await list('/held-pages', 0, 1), {
        comments: [first],
        lastSeq: first.seq,
        more: true,
      });
      assert.deepEqual(await list('/held-pages', first.seq, 1), {
        comments: [second],
        lastSeq: second.seq,
        more: false,
      });
      const onlyHeld = await insert('/only-held', { status: 'held' });
      assert.deepEqual(await list('/only-held'), { comments: [], lastSeq: 0, more: false });
      assert.ok(onlyHeld.seq > 0);
    });

    it('publishes an approved comment with a seq past every reader cursor', async () => {
      const store = current.get();
      const held = await insert('/approve', { status: 'held' });
      const later = await insert('/approve');
      const cursor = (await list('/approve')).lastSeq;
      assert.equal(cursor, later.seq);
      const approved = await store.updateComment(held.id, { status: 'published' }, nowMs + 5_000);
      assert.ok(approved);
      assert.equal(approved.status, 'published');
      assert.equal(approved.editedAt, null, 'approval is not an edit');
      assert.ok(approved.seq > cursor);
      assert.deepEqual((await list('/approve', cursor)).comments, [approved]);
      assert.deepEqual((await list('/approve')).comments, [later, approved]);
    });

    it('turns a rejected comment into a tombstone', async () => {
      const held = await insert('/reject', { status: 'held' });
      const rejected = await current.get().updateComment(held.id, { status: 'deleted' }, nowMs + 1);
      assert.equal(rejected?.status, 'deleted');
      assert.equal(rejected?.body, '');
      assert.equal(rejected?.authorName, '');
    });
  });

  describe('queryComments', () => {
    async function seed(): Promise<Record<string, Comment>> {
      const store = current.get();
      const a1 = await insert('/a');
      const held = await insert('/a', { status: 'held' });
      const b1 = await insert('/b');
      const blog = await insert('/a', { site: 'blog', status: 'held' });
      const gone = await insert('/b');
      const deleted = await store.updateComment(gone.id, { status: 'deleted' }, nowMs + 1);
      assert.ok(deleted);
      return { a1, held, b1, blog, deleted };
    }
    const ids = (records: Array<{ comment: Comment }>) => records.map((record) => record.comment.id);

    it('lists every comment newest first, with site and private author details', async () => {
      const c = await seed();
      const all = await current.get().queryComments({ limit: 50 });
      assert.deepEqual(ids(all), [c.deleted!.id, c.blog!.id, c.b1!.id, c.held!.id, c.a1!.id]);
      assert.deepEqual(all[0]?.comment, c.deleted);
      assert.equal(all[1]?.site, 'blog');
      assert.equal(all[2]?.author.ipHash, null);
    });

    it('filters by site, status and thread, together or apart', async () => {
      const c = await seed();
      const query = (filters: object) => current.get().queryComments({ limit: 50, ...filters });
      assert.deepEqual(ids(await query({ site })), [c.deleted!.id, c.b1!.id, c.held!.id, c.a1!.id]);
      assert.deepEqual(ids(await query({ status: 'held' })), [c.blog!.id, c.held!.id]);
      assert.deepEqual(ids(await query({ status: 'held', site })), [c.held!.id]);
      assert.deepEqual(ids(await query({ status: 'deleted' })), [c.deleted!.id]);
      assert.deepEqual(ids(await query({ thread: '/a' })), [c.blog!.id, c.held!.id, c.a1!.id]);
      assert.deepEqual(ids(await query({ thread: '/a', site: 'blog' })), [c.blog!.id]);
      assert.deepEqual(ids(await query({ site: 'nowhere' })), []);
    });

    it('pages backwards with limit and beforeSeq', async () => {
      const c = await seed();
      const first = await current.get().queryComments({ limit: 2 });
      assert.deepEqual(ids(first), [c.deleted!.id, c.blog!.id]);
      const second = await current.get().queryComments({ limit: 2, beforeSeq: first.at(-1)!.comment.seq });
      assert.deepEqual(ids(second), [c.b1!.id, c.held!.id]);
      const third = await current.get().queryComments({ limit: 2, beforeSeq: second.at(-1)!.comment.seq });
      assert.deepEqual(ids(third), [c.a1!.id]);
      assert.deepEqual(await current.get().queryComments({ limit: 2, beforeSeq: c.a1!.seq }), []);
    });

    it('orders by the latest change, so an approved comment moves to the top', async () => {
      const c = await seed();
      await current.get().updateComment(c.held!.id, { status: 'published' }, nowMs + 2);
      const [top] = await current.get().queryComments({ limit: 1 });
      assert.equal(top?.comment.id, c.held!.id);
    });
  });

  describe('hasPublishedComment', () => {
    const nobody = { userId: null, email: null, ipHash: null };

    it('finds a published comment by user id, email or IP hash', async () => {
      await insert('/t', { author: { userId: 'u1' } });
      await insert('/t', { author: { email: 'e@example.org' } });
      await insert('/t', { author: { ipHash: 'ip-1' } });
      const has = (author: object) => current.get().hasPublishedComment(site, { ...nobody, ...author });
      assert.equal(await has({ userId: 'u1' }), true);
      assert.equal(await has({ email: 'e@example.org' }), true);
      assert.equal(await has({ ipHash: 'ip-1' }), true);
      assert.equal(await has({ userId: 'u2', email: 'x@example.org', ipHash: 'ip-1' }), true);
      assert.equal(await has({ userId: 'u2', email: 'x@example.org', ipHash: 'ip-2' }), false);
      // A missing identifier never matches another author's missing one.
      assert.equal(await has({}), false);
      assert.equal(await current.get().hasPublishedComment('blog', { ...nobody, userId: 'u1' }), false);
    });

    it('ignores held and deleted comments until one is approved', async () => {
      const store = current.get();
      const author = { userId: null, email: 'new@example.org', ipHash: 'ip-9' };
      const held = await insert('/t', { author, status: 'held' });
      const gone = await insert('/t', { author });
      await store.updateComment(gone.id, { status: 'deleted' }, nowMs);
      assert.equal(await store.hasPublishedComment(site, author), false);
      await store.updateComment(held.id, { status: 'published' }, nowMs);
      assert.equal(await store.hasPublishedComment(site, author), true);
      assert.equal(await store.hasPublishedComment(site, { ...author, email: null }), true, 'by IP hash');
    });
  });

  describe('hasRecentDuplicate', () => {
    it('matches the same body from the same IP hash on the site at or after the window start', async () => {
      const store = current.get();
      const body = 'Buy cheap watches';
      await insert('/t', { input: { body }, author: { ipHash: 'ip-1' }, at: nowMs, status: 'held' });
      const dup = (overrides: { site?: string; body?: string; ipHash?: string; sinceMs?: number }) =>
        store.hasRecentDuplicate(
          overrides.site ?? site,
          overrides.body ?? body,
          overrides.ipHash ?? 'ip-1',
          overrides.sinceMs ?? nowMs - 60_000,
        );
      assert.equal(await dup({}), true, 'held comments count');
      assert.equal(await dup({ sinceMs: nowMs }), true, 'the window includes its start');
      assert.equal(await dup({ sinceMs: nowMs + 1 }), false, 'older than the window');
      assert.equal(await dup({ ipHash: 'ip-2' }), false);
      assert.equal(await dup({ body: 'Buy cheap watches!' }), false);
      assert.equal(await dup({ site: 'blog' }), false);
    });
  });

  describe('thread locks', () => {
    it('locks and unlocks one thread on one site', async () => {
      const store = current.get();
      assert.deepEqual(await store.getThreadState(site, '/t'), { locked: false });
      await store.setThreadLocked(site, '/t', true);
      await store.setThreadLocked(site, '/t', true);
      assert.deepEqual(await store.getThreadState(site, '/t'), { locked: true });
      assert.deepEqual(await store.getThreadState('blog', '/t'), { locked: false });
      assert.deepEqual(await store.getThreadState(site, '/u'), { locked: false });
      await store.setThreadLocked(site, '/t', false);
      assert.deepEqual(await store.getThreadState(site, '/t'), { locked: false });
      await store.setThreadLocked(site, '/t', false);
      assert.deepEqual(await store.getThreadState(site, '/t'), { locked: false });
    });
  });

  describe('bans', () => {
    const nobody = { userId: null, email: null, ipHash: null };

    it('adds, lists per site, finds by each kind and removes', async () => {
      const store = current.get();
      const byUser = await store.addBan(
        { site, kind: 'user', value: 'u1', reason: 'spam', createdBy: 'Ada' },
        nowMs,
      );
      assert.deepEqual(byUser, {
        id: byUser.id,
        site,
        kind: 'user',
        value: 'u1',
        reason: 'spam',
        createdAt: new Date(nowMs).toISOString(),
        createdBy: 'Ada',
      });
      const byEmail = await store.addBan(
        { site, kind: 'email', value: 'e@example.org', reason: '', createdBy: 'Ada' },
        nowMs + 1,
      );
      const byIp = await store.addBan(
        { site, kind: 'ip', value: 'ip-1', reason: '', createdBy: 'Bo' },
        nowMs + 2,
      );
      const onBlog = await store.addBan(
        { site: 'blog', kind: 'user', value: 'u2', reason: '', createdBy: 'Bo' },
        nowMs + 3,
      );
      assert.equal(new Set([byUser.id, byEmail.id, byIp.id, onBlog.id]).size, 4);
      assert.deepEqual(await store.listBans(site), [byUser, byEmail, byIp]);
      assert.deepEqual(await store.listBans('blog'), [onBlog]);

      assert.deepEqual(await store.findBan(site, { ...nobody, userId: 'u1' }), byUser);
      assert.deepEqual(await store.findBan(site, { ...nobody, email: 'e@example.org' }), byEmail);
      assert.deepEqual(await store.findBan(site, { ...nobody, ipHash: 'ip-1' }), byIp);
      assert.deepEqual(await store.findBan(site, { userId: 'u9', email: 'x@y.z', ipHash: 'ip-1' }), byIp);
      // A value only matches its own kind, a missing identifier matches nothing, bans stay on their site.
      assert.equal(await store.findBan(site, { ...nobody, email: 'u1' }), null);
      assert.equal(await store.findBan(site, nobody), null);
      assert.equal(await store.findBan(site, { ...nobody, userId: 'u2' }), null);
      assert.deepEqual(await store.findBan('blog', { ...nobody, userId: 'u2' }), onBlog);

      assert.equal(await store.removeBan(byIp.id), true);
      assert.equal(await store.removeBan(byIp.id), false);
      assert.equal(await store.findBan(site, { ...nobody, ipHash: 'ip-1' }), null);
      assert.deepEqual(await store.listBans(site), [byUser, byEmail]);
      const next = await store.addBan(
        { site, kind: 'ip', value: 'ip-1', reason: '', createdBy: 'Bo' },
        nowMs,
      );
      assert.ok(next.id > onBlog.id, 'a removed id is never reused');
    });

    it('matches an email ban on every +tag and case variant of its address, old rows included', async () => {
      const store = current.get();
      const canonical = await store.addBan(
        { site, kind: 'email', value: 'bob@example.org', reason: '', createdBy: 'Ada' },
        nowMs,
      );
      // As a row stored before bans were canonical could hold it.
      const old = await store.addBan(
        { site, kind: 'email', value: 'Ann+News@Example.ORG', reason: '', createdBy: 'Ada' },
        nowMs + 1,
      );
      for (const email of [
        'bob@example.org',
        'Bob+x@Example.org',
        'BOB+a+b@EXAMPLE.ORG',
        ' bob+@example.org ',
      ]) {
        assert.deepEqual(await store.findBan(site, { ...nobody, email }), canonical, email);
      }
      for (const email of ['ann@example.org', 'ann+other@example.org', 'ANN@EXAMPLE.org']) {
        assert.deepEqual(await store.findBan(site, { ...nobody, email }), old, email);
      }
      for (const email of [
        'bobby@example.org',
        'bob@example.org.evil',
        'bob@other.example',
        'b+ob@example.org',
      ]) {
        assert.equal(await store.findBan(site, { ...nobody, email }), null, email);
      }
    });
  });

  describe('audit log', () => {
    it('lists entries newest first, up to the limit', async () => {
      const store = current.get();
      const actions = ['comment.approve', 'thread.lock', 'ban.add'];
      for (const [i, action] of actions.entries()) {
        await store.appendAudit({ actor: 'Ada', action, site, target: `t${i}`, detail: `d${i}` }, nowMs + i);
      }
      const entries = await store.listAudit(10);
      assert.deepEqual(
        entries,
        [2, 1, 0].map((i) => ({
          id: entries[2 - i]!.id,
          at: new Date(nowMs + i).toISOString(),
          actor: 'Ada',
          action: actions[i],
          site,
          target: `t${i}`,
          detail: `d${i}`,
        })),
      );
      assert.ok(entries[0]!.id > entries[1]!.id && entries[1]!.id > entries[2]!.id);
      assert.deepEqual(await store.listAudit(2), entries.slice(0, 2));
      assert.deepEqual(await store.listAudit(0), []);
    });
  });

  describe('secrets', () => {
    it('creates a random secret on first use and returns the same one after', async () => {
      const store = current.get();
      const first = await store.readSecret('server');
      assert.match(first, /^[A-Za-z0-9_-]{43,}$/);
      assert.equal(await store.readSecret('server'), first);
      const other = await store.readSecret('other');
      assert.notEqual(other, first);
      assert.equal(await store.readSecret('other'), other);
    });
  });
}
