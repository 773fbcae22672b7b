import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommentSchema } from '../../src/protocol/index.js';
import type { ServerConfig } from '../../server/src/config.js';
import { countLinks, findBlockedPhrase, toReadableText } from '../../server/src/moderation/hold-rules.js';
import type { SiteConfig } from '../../server/src/site-config.js';
import { linkCorpus } from '../helpers/link-corpus.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { commentsUrl, lenientDemoSite, makeNewComment, testAdmin } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';
import { bearer, makeGuestToken, makeSite, signSsoToken, ssoSecret } from './helpers/identity.js';

const fromIp = (ip: string) => ({ 'X-Forwarded-For': ip });

let notes = 0;
/** A new comment with a body of its own, so the duplicate-text check never interferes. */
const note = (fields: Parameters<typeof makeNewComment>[0] = {}) =>
  makeNewComment({ body: `Note number ${++notes}`, ...fields });

describe('link counting', () => {
  // The widget's count for each body is checked against its rendered <a> elements in
  // test/elements/rendered-links.test.ts.
  for (const [body, expected] of linkCorpus) {
    it(`${JSON.stringify(body)} has ${expected}`, () => assert.equal(countLinks(body), expected));
  }

  it('counts a 10,000-character crafted body in linear time: 2,500 links in about as many steps', () => {
    assert.equal(countLinks('[a](https://x.example/)'.repeat(434)), 434);
    assert.equal(countLinks('https://a.example/('.repeat(526)), 526);
  });
});

describe('blocklist matching', () => {
  const blocklist = ['casino', 'cheap pills', 'c++', 'schön'];
  const cases: [string, string | null][] = [
    ['Visit the CASINO!', 'casino'],
    ['casino', 'casino'],
    ['casinos are fun', null],
    ['the_casino', null],
    ['xcasino', null],
    ['buy cheap   pills', 'cheap pills'],
    ['buy cheap\npills', 'cheap pills'],
    ['cheappills', null],
    ['I write c++.', 'c++'],
    ['c++x', null],
    ['ＣＡＳＩＮＯ night', 'casino'],
    ['SCHÖN', 'schön'],
    ['schönheit', null],
    ['nothing to see', null],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () =>
      assert.equal(findBlockedPhrase(blocklist, text), expected));
  }
  it('finds nothing with an empty list', () => assert.equal(findBlockedPhrase([], 'casino'), null));

  it('drops invisible characters and reads a no-break space as a space', () => {
    for (const text of [
      'ca\u00adsino',
      'ca\u200bsino',
      'c\u200c\u200dasino',
      'cas\u2060ino',
      '\ufeffcasino',
      'cheap\u00a0pills',
    ]) {
      assert.notEqual(findBlockedPhrase(blocklist, text), null, JSON.stringify(text));
    }
  });

  describe('against what readers read of a comment', () => {
    const cases: [string, string | null][] = [
      ['c&#97;sino', 'casino'],
      ['c&#x61;sino night', 'casino'],
      ['c*a*sino', 'casino'],
      ['**cas**ino', 'casino'],
      ['c`a`sino', 'casino'],
      ['ca&shy;sino', null],
      ['ca\u00adsino', 'casino'],
      ['cheap&nbsp;pills', 'cheap pills'],
      ['cheap\u00a0pills', 'cheap pills'],
      ['c\\asino', null],
      ['[click here](https://casino.example/)', 'casino'],
      ['> quoted *cheap*\n> pills', 'cheap pills'],
      ['casin_o', null],
    ];
    for (const [body, expected] of cases) {
      it(`${JSON.stringify(body)} → ${expected}`, () =>
        assert.equal(findBlockedPhrase(blocklist, toReadableText('Ada', body)), expected));
    }
  });
});

for (const backend of apiBackends) {
  describe(`moderation over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    const client = (site: SiteConfig, config: Partial<ServerConfig> = {}) =>
      makeClient(api.makeApp({ sites: [site], trustProxy: true, ...config }));
    const sso = (sub: string, name = 'Signed In') => signSsoToken(api.clockMs, { claims: { sub, name } });

    async function approve(id: string): Promise<void> {
      await api.store.updateComment(id, { status: 'published' }, api.clockMs);
    }

    it('tells moderators why each held comment, or held edit, waits: the first rule its text meets', async () => {
      const site = makeSite({
        moderation: 'first-time',
        maxLinks: 1,
        blocklist: ['casino'],
        sso: { secret: ssoSecret, holdNewUsers: true },
      });
      const app = api.makeApp({ sites: [site], trustProxy: true });
      const moderated = makeClient(app);
      const thread = '/held-reasons';
      const links = await moderated.postOk(
        thread,
        note({ body: 'See https://a.example and https://b.example', email: 'links@example.org' }),
      );
      const blocked = await moderated.postOk(
        thread,
        note({ body: 'Best c*a*sino in town', email: 'blocked@example.org' }),
      );
      const first = await moderated.postOk(thread, note({ email: 'new@example.org' }));
      const newUser = await moderated.postOk(thread, note(), bearer(await sso('reasons-user')));
      const reply = await moderated.postOk(thread, note({ parentId: first.id, email: 'reply@example.org' }));
      const adminList = async (): Promise<Map<string, unknown>> => {
        const response = await app.request(`/api/v1/admin/comments?thread=${encodeURIComponent(thread)}`, {
          headers: { Authorization: `Bearer ${testAdmin.token}` },
        });
        assert.equal(response.status, 200);
        const { comments } = (await response.json()) as {
          comments: Array<{ id: string; holdReason?: unknown }>;
        };
        return new Map(comments.map((comment) => [comment.id, comment.holdReason]));
      };
      const reasons = await adminList();
      assert.deepEqual(reasons.get(links.id), { code: 'links', links: 2, maxLinks: 1 });
      // The phrase as the blocklist lists it, found in what readers read ("casino").
      assert.deepEqual(reasons.get(blocked.id), { code: 'blocklist', phrase: 'casino' });
      assert.deepEqual(reasons.get(first.id), { code: 'first_time' });
      assert.deepEqual(reasons.get(newUser.id), { code: 'new_user' });
      assert.deepEqual(reasons.get(reply.id), { code: 'held_parent' });

      // A published comment has none; its edit into a blocklisted word has the word.
      await approve(first.id);
      const after = await adminList();
      assert.equal(after.get(first.id), undefined);
      assert.deepEqual(after.get(reply.id), { code: 'first_time' });
      const author = makeGuestToken();
      await api.store.verifyEmailAddress('demo', 'new@example.org', null, api.clockMs);
      const published = await makeClient(app).postOk(
        thread,
        note({ email: 'new@example.org' }),
        bearer(author),
      );
      assert.equal(published.status, 'published');
      const edited = await moderated.patch(
        thread,
        published.id,
        { body: 'Now about the casino' },
        bearer(author),
      );
      assert.equal(edited.status, 202);
      assert.deepEqual((await adminList()).get(published.id), { code: 'blocklist', phrase: 'casino' });
    });

    it("publishes at once in mode 'none'", async () => {
      const posted = await client(makeSite()).postOk('/none', note());
      assert.equal(posted.status, 'published');
    });

    it("holds everything in mode 'all': in the post's answer, never in the feed; admins are published", async () => {
      const all = client(makeSite({ moderation: 'all', sso: { secret: ssoSecret } }));
      const held = await all.postOk('/all', note({ body: 'Held for review' }));
      assert.equal(held.status, 'held');
      assert.equal(held.body, 'Held for review');
      const heldSso = await all.postOk('/all', note(), bearer(await sso('all-user')));
      assert.equal(heldSso.status, 'held');
      assert.equal((await api.store.getComment(held.id))?.comment.status, 'held');
      assert.deepEqual((await all.list('/all')).comments, []);

      const byAdmin = await all.postOk('/all', note({ body: 'From the editor' }), bearer(testAdmin.token));
      assert.equal(byAdmin.status, 'published');
      assert.deepEqual((await all.list('/all')).comments, [byAdmin]);

      await approve(held.id);
      const feed = await all.list('/all');
      assert.deepEqual(
        feed.comments.map((c) => [c.id, c.status]),
        [
          [byAdmin.id, 'published'],
          [held.id, 'published'],
        ],
      );
    });

    it("holds a guest's first comment in 'first-time', known by a confirmed email", async () => {
      const firstTime = client(makeSite({ moderation: 'first-time' }));
      const first = await firstTime.postOk(
        '/ft-email',
        note({ email: 'ada@example.org' }),
        fromIp('192.0.2.1'),
      );
      assert.equal(first.status, 'held');
      const stillHeld = await firstTime.postOk(
        '/ft-email',
        note({ email: 'ada@example.org' }),
        fromIp('192.0.2.1'),
      );
      assert.equal(stillHeld.status, 'held', 'held until one is approved');

      await approve(first.id);
      const unconfirmed = await firstTime.postOk(
        '/ft-email',
        note({ email: 'ada@example.org' }),
        fromIp('192.0.2.98'),
      );
      assert.equal(
        unconfirmed.status,
        'held',
        'anyone can type an address: unconfirmed, it vouches for nothing',
      );
      // Its owner opened the link of reply notifications' confirmation email.
      await api.store.verifyEmailAddress('demo', 'ada@example.org', null, api.clockMs);
      const known = await firstTime.postOk(
        '/ft-email',
        note({ email: ' ADA@Example.org ' }),
        fromIp('192.0.2.99'),
      );
      assert.equal(known.status, 'published', 'same confirmed email, any network');
      const stranger = await firstTime.postOk(
        '/ft-email',
        note({ email: 'eve@example.org' }),
        fromIp('192.0.2.50'),
      );
      assert.equal(stranger.status, 'held', 'a new email on a new network is a new guest');
      const neighbour = await firstTime.postOk(
        '/ft-email',
        note({ email: 'eve@example.org' }),
        fromIp('192.0.2.99'),
      );
      assert.equal(
        neighbour.status,
        'published',
        "unconfirmed, an address is no guest's own: the network is",
      );
    });

    it("knows a guest without an email by IP hash in 'first-time'", async () => {
      const firstTime = client(makeSite({ moderation: 'first-time' }));
      const first = await firstTime.postOk('/ft-ip', note(), fromIp('198.51.100.7'));
      assert.equal(first.status, 'held');
      await approve(first.id);
      const known = await firstTime.postOk('/ft-ip', note(), fromIp('198.51.100.7'));
      assert.equal(known.status, 'published');
      const other = await firstTime.postOk('/ft-ip', note(), fromIp('198.51.100.8'));
      assert.equal(other.status, 'held');
    });

    it("lets SSO users through 'first-time' unless sso.holdNewUsers", async () => {
      const exempt = client(makeSite({ moderation: 'first-time', sso: { secret: ssoSecret } }));
      assert.equal((await exempt.postOk('/ft-sso', note(), bearer(await sso('new-1')))).status, 'published');

      const strict = client(
        makeSite({ moderation: 'first-time', sso: { secret: ssoSecret, holdNewUsers: true } }),
      );
      assert.equal((await strict.postOk('/ft-sso', note(), bearer(await sso('new-2')))).status, 'held');
    });

    it('holds a new SSO user with sso.holdNewUsers in any mode, until one comment is approved', async () => {
      const site = client(makeSite({ sso: { secret: ssoSecret, holdNewUsers: true } }), { trustProxy: true });
      const first = await site.postOk('/new-users', note(), {
        ...bearer(await sso('newbie')),
        ...fromIp('192.0.2.50'),
      });
      assert.equal(first.status, 'held');
      await approve(first.id);
      const second = await site.postOk('/new-users', note(), bearer(await sso('newbie')));
      assert.equal(second.status, 'published');
      // Known by `sub` only: another user on the same network is still new.
      const neighbour = await site.postOk('/new-users', note(), {
        ...bearer(await sso('neighbour')),
        ...fromIp('192.0.2.50'),
      });
      assert.equal(neighbour.status, 'held');
      const guest = await site.postOk('/new-users', note());
      assert.equal(guest.status, 'published', 'guests are not affected in mode none');
    });

    it('holds a comment with more than maxLinks links, in any mode', async () => {
      const site = client(makeSite({ maxLinks: 2 }));
      const two = await site.postOk('/links', note({ body: 'https://a.example and [b](https://b.example)' }));
      assert.equal(two.status, 'published');
      const three = await site.postOk(
        '/links',
        note({ body: 'https://a.example www.b.example [c](https://c.example)' }),
      );
      assert.equal(three.status, 'held');
      // Forms the widget renders as links, though no `http://` appears in the text.
      const hidden = await site.postOk(
        '/links',
        note({ body: '[a][s] [b][s] [c](https&#58;//c.example)\n\n[s]: http:s.example' }),
      );
      assert.equal(hidden.status, 'held');
      const none = client(makeSite({ maxLinks: 0 }));
      assert.equal((await none.postOk('/links', note({ body: 'see www.example.org' }))).status, 'held');
      const noLink = await none.postOk('/links', note({ body: 'no link' }));
      assert.equal(noLink.status, 'published');
      const byAdmin = await none.postOk(
        '/links',
        note({ body: 'https://a.example' }),
        bearer(testAdmin.token),
      );
      assert.equal(byAdmin.status, 'published');
      assert.deepEqual(
        (await site.list('/links')).comments.map((c) => c.id),
        [two.id, noLink.id, byAdmin.id],
      );
    });

    it('holds a comment with a blocklisted word or phrase in its body or name', async () => {
      const site = client(makeSite({ blocklist: ['casino', 'cheap pills'] }));
      const cases: [Partial<Parameters<typeof makeNewComment>[0]>, string][] = [
        [{ body: 'Best CASINO in town!' }, 'held'],
        [{ body: 'Get cheap\n pills now' }, 'held'],
        [{ authorName: 'Casino King', body: 'Hello' }, 'held'],
        [{ body: 'Casinos and cheap-ish pills are fine' }, 'published'],
        // What readers read: entities decoded, formatting removed, invisible characters dropped.
        [{ body: 'Best c&#97;sino in town' }, 'held'],
        [{ body: 'Best c*a*sino in town' }, 'held'],
        [{ body: 'Best ca\u00adsino in town' }, 'held'],
        [{ body: 'Best cas\u200bino in town' }, 'held'],
        [{ body: 'Get cheap&nbsp;pills' }, 'held'],
      ];
      for (const [fields, status] of cases) {
        const posted = await site.postOk('/blocklist', note(fields));
        assert.equal(posted.status, status, JSON.stringify(fields));
      }
    });

    it('refuses banned authors with 403 banned and stores nothing: by email, SSO id and IP hash', async () => {
      const site = makeSite({ sso: { secret: ssoSecret } });
      const banned = client(site);
      const ban = (kind: 'user' | 'email' | 'ip', value: string, onSite = 'demo') =>
        api.store.addBan({ site: onSite, kind, value, reason: 'test', createdBy: 'Test Admin' }, api.clockMs);

      await ban('email', 'troll@example.org');
      const byEmail = note({ email: 'Troll@Example.ORG' });
      await assertError(await banned.post('/bans', byEmail), 403, 'banned');
      assert.equal(await api.store.getComment(byEmail.id), null);
      const byTaggedEmail = note({ email: 'Troll+again@Example.org' });
      await assertError(await banned.post('/bans', byTaggedEmail), 403, 'banned');
      assert.equal(await api.store.getComment(byTaggedEmail.id), null);
      await banned.postOk('/bans', note({ email: 'friend@example.org' }));

      await ban('user', 'troll-user');
      const byUser = note();
      await assertError(await banned.post('/bans', byUser, bearer(await sso('troll-user'))), 403, 'banned');
      assert.equal(await api.store.getComment(byUser.id), null);
      await banned.postOk('/bans', note(), bearer(await sso('good-user')));

      const before = await banned.postOk('/bans', note(), fromIp('203.0.113.9'));
      const ipHash = (await api.store.getComment(before.id))?.author.ipHash;
      assert.ok(ipHash);
      await ban('ip', ipHash);
      for (const headers of [
        fromIp('203.0.113.9'),
        { ...fromIp('203.0.113.9'), ...bearer(makeGuestToken()) },
      ]) {
        const byIp = note();
        await assertError(await banned.post('/bans', byIp, headers), 403, 'banned');
        assert.equal(await api.store.getComment(byIp.id), null);
      }
      await banned.postOk('/bans', note(), fromIp('203.0.113.10'));
      // Without trustProxy the header is ignored, so it bans nobody (and the address is unknown).
      await makeClient(api.makeApp({ sites: [site] })).postOk('/bans', note(), fromIp('203.0.113.9'));

      await ban('email', 'elsewhere@example.org', 'other');
      await banned.postOk('/bans', note({ email: 'elsewhere@example.org' }));
      // An admin is never refused as banned.
      await banned.postOk('/bans', note({ email: 'troll@example.org' }), bearer(testAdmin.token));
    });

    it('holds a reply to a held comment with it, so readers never see a reply to what they cannot', async () => {
      const firstTime = client(makeSite({ moderation: 'first-time' }));
      const held = await firstTime.postOk('/held-parent', note({ email: 'new@example.org' }));
      assert.equal(held.status, 'held');
      const known = await firstTime.postOk('/elsewhere', note({ email: 'known@example.org' }));
      await approve(known.id);
      await api.store.verifyEmailAddress('demo', 'known@example.org', null, api.clockMs);
      const reply = await firstTime.postOk(
        '/held-parent',
        note({ parentId: held.id, email: 'known@example.org' }),
      );
      assert.equal(reply.status, 'held');
      assert.deepEqual((await firstTime.list('/held-parent')).comments, []);
    });

    it('lets a banned guest delete but not edit their comment', async () => {
      const site = client(makeSite());
      const token = makeGuestToken();
      const posted = await site.postOk(
        '/banned-edit',
        note({ email: 'later-banned@example.org' }),
        bearer(token),
      );
      await api.store.addBan(
        {
          site: 'demo',
          kind: 'email',
          value: 'later-banned@example.org',
          reason: 'test',
          createdBy: 'Test Admin',
        },
        api.clockMs,
      );
      await assertError(
        await site.patch('/banned-edit', posted.id, { body: 'Changed' }, bearer(token)),
        403,
        'banned',
      );
      assert.equal((await api.store.getComment(posted.id))?.comment.body, posted.body);
      const deleted = await site.delete('/banned-edit', posted.id, bearer(token));
      assert.equal(deleted.status, 200);
    });

    it('refuses posts to a locked thread with 403 thread_locked; the feed says locked', async () => {
      const site = client(makeSite());
      const open = await api.makeApp({ sites: [makeSite()] }).request(commentsUrl('/locked'));
      const openTag = open.headers.get('etag');
      assert.equal((await site.list('/locked')).locked, false);

      await api.store.setThreadLocked('demo', '/locked', true);
      const input = note();
      await assertError(await site.post('/locked', input), 403, 'thread_locked');
      await assertError(await site.post('/locked', note(), bearer(testAdmin.token)), 403, 'thread_locked');
      assert.equal(await api.store.getComment(input.id), null);
      const locked = await api.makeApp({ sites: [makeSite()] }).request(commentsUrl('/locked'), {
        headers: { 'If-None-Match': openTag ?? '' },
      });
      assert.equal(locked.status, 200, 'locking changes the ETag');
      assert.equal((await locked.json()).locked, true);

      await api.store.setThreadLocked('demo', '/locked', false);
      assert.equal((await site.list('/locked')).locked, false);
      await site.postOk('/locked', note());
    });

    it('answers a retry of a stored post with 200 even after a lock, a ban or the rate limit', async () => {
      const site = makeSite({ limits: { ...lenientDemoSite.limits, postsPerMinutePerIp: 1 } });
      const limited = client(site);
      const input = note({ body: 'Sent once, answer lost' });
      const stored = await limited.postOk('/retries', input, fromIp('192.0.2.77'));

      const again = await limited.post('/retries', input, fromIp('192.0.2.77'));
      assert.equal(again.status, 200, 'not rate limited');
      assert.deepEqual(CommentSchema.parse(await again.json()), stored);
      await assertError(await limited.post('/retries', note(), fromIp('192.0.2.77')), 429, 'rate_limited');

      await api.store.setThreadLocked('demo', '/retries', true);
      const ipHash = (await api.store.getComment(stored.id))?.author.ipHash;
      assert.ok(ipHash);
      await api.store.addBan(
        { site: 'demo', kind: 'ip', value: ipHash, reason: '', createdBy: 'x' },
        api.clockMs,
      );
      const late = await client(makeSite()).post('/retries', input, fromIp('192.0.2.77'));
      assert.equal(late.status, 200);
      assert.deepEqual(CommentSchema.parse(await late.json()), stored);
      assert.equal((await limited.list('/retries')).comments.length, 1);
    });

    it('lets an admin skip holds and proof of work, never validation', async () => {
      const strict = client(
        makeSite({ moderation: 'all', proofOfWork: { enabled: true }, blocklist: ['casino'] }),
      );
      const posted = await strict.postOk(
        '/admin-post',
        note({ body: 'casino https://a.b https://c.d https://e.f https://g.h' }),
        bearer(testAdmin.token),
      );
      assert.equal(posted.status, 'published');
      await assertError(
        await strict.post('/admin-post', note({ body: '   ' }), bearer(testAdmin.token)),
        400,
        'validation_failed',
        'body',
      );
      await assertError(await strict.post('/admin-post', note()), 400, 'proof_of_work_failed', 'altcha');
    });

    it('refuses guests with 403 guests_not_allowed when the site says so; SSO users and admins may post', async () => {
      const membersOnly = client(makeSite({ guests: false, sso: { secret: ssoSecret } }));
      for (const headers of [{}, bearer(makeGuestToken())]) {
        const input = note();
        await assertError(await membersOnly.post('/members', input, headers), 403, 'guests_not_allowed');
        assert.equal(await api.store.getComment(input.id), null);
      }
      await membersOnly.postOk('/members', note(), bearer(await sso('member')));
      await membersOnly.postOk('/members', note(), bearer(testAdmin.token));
    });
  });
}
