import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CommentSchema, type Comment } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import { resolveConfig, type ServerConfig } from '../../server/src/config.js';
import { loadEmailWords } from '../../server/src/email/email-words.js';
import { createHearthJobs, type HearthJobs } from '../../server/src/jobs/hearth-jobs.js';
import { defaultNotifyTiming } from '../../server/src/notifications/notify-context.js';
import type { SiteConfig } from '../../server/src/site-config.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl, commentUrl, makeNewComment, testAdmin } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { bearer, makeGuestToken, makeSite, signSsoToken, ssoSecret } from './helpers/identity.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './helpers/smtp-sink.js';

const publicUrl = 'http://hearth.test';
const pageUrl = 'http://localhost:8080/posts/hello';
const thread = '/posts/hello';
const { firstDelayMs, digestGapMs } = defaultNotifyTiming;

/** A reader of the test: a guest token and an address. */
interface Reader {
  name: string;
  email: string;
  token: string;
}

const reader = (name: string): Reader => ({
  name,
  email: `${name.toLowerCase()}@example.org`,
  token: makeGuestToken(),
});

// Over the real SQLite file and PostgreSQL (the memory store has its own contract suite).
for (const backend of apiBackends.filter((candidate) => candidate.name !== 'memory')) {
  describe(`Reply notifications by email (over ${backend.name})`, () => {
    const api = useApiHarness(backend);
    let smtp: SmtpSink;
    let jobs: HearthJobs;
    let app: ReturnType<typeof createApp>;
    let site: SiteConfig;

    before(async () => {
      smtp = await startSmtpSink();
    });
    after(async () => {
      await smtp.close();
    });

    function start(overrides: Partial<ServerConfig> = {}) {
      const config = resolveConfig({
        now: () => api.clockMs,
        sites: [site],
        admins: [testAdmin],
        logWarn: () => undefined,
        email: { smtpUrl: smtp.url, from: 'Hearth <hearth@example.org>' },
        publicUrl,
        ...overrides,
      });
      jobs = createHearthJobs(api.store, config);
      app = createApp(api.store, config, { jobs: jobs.worker });
    }

    beforeEach(() => {
      smtp.received.length = 0;
      site = makeSite({ blocklist: ['spamword'], sso: { secret: ssoSecret } });
      start();
    });
    afterEach(async () => {
      await jobs.close();
    });

    /** Runs every job due (the events of what was just posted), moves the clock, and runs them again. */
    async function drain(advanceMs = 0): Promise<void> {
      await jobs.worker.runDue();
      api.clockMs += advanceMs;
      await jobs.worker.runDue();
    }

    async function post(author: Reader, fields: Record<string, unknown> = {}, onThread = thread) {
      // As the widget posts: every post says its page.
      const body = makeNewComment({ authorName: author.name, email: author.email, pageUrl, ...fields });
      const response = await app.request(commentsUrl(onThread), jsonPost(body, bearer(author.token)));
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return CommentSchema.parse(JSON.parse(text));
    }

    /** Posts with the box ticked, from the page, in `locale`. */
    const postFollowing = (
      author: Reader,
      locale = 'en',
      fields: Record<string, unknown> = {},
      onThread = thread,
    ) => post(author, { notify: 'replies', pageUrl, locale, ...fields }, onThread);

    /** The link in a message that starts with `prefix`. */
    function findLink(mail: ReceivedMail, prefix: string): string {
      const match = new RegExp(`${prefix.replace(/[.?]/g, '\\$&')}[^\\s"<>]+`).exec(mail.mail.text ?? '');
      assert.ok(match, `no ${prefix} link in:\n${mail.mail.text}`);
      return match[0];
    }

    /** Opens the confirmation link of `mail` as a person would: the page, then its button. */
    async function confirm(mail: ReceivedMail): Promise<Response> {
      const link = findLink(mail, `${publicUrl}/email/confirm?t=`);
      const token = new URL(link).searchParams.get('t')!;
      const page = await app.request(link.slice(publicUrl.length));
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<form method="post">/);
      return app.request('/email/confirm', formPost({ t: token }));
    }

    /** A reader who ticked the box and confirmed: their comment, and the mail count after. */
    async function subscribed(author: Reader, locale = 'en', fields: Record<string, unknown> = {}) {
      const comment = await postFollowing(author, locale, fields);
      await drain();
      const mails = await smtp.waitFor(smtp.received.length);
      const confirmation = mails.findLast((mail) => mail.to.includes(author.email))!;
      assert.equal((await confirm(confirmation)).status, 200);
      return comment;
    }

    it('asks a guest to confirm first, in the language they wrote in, and sends nothing else until then', async () => {
      const ada = reader('Ada');
      const adaComment = await postFollowing(ada, 'de');
      await drain();
      const [confirmation] = await smtp.waitFor(1);
      const { words } = await loadEmailWords('de');
      assert.deepEqual(confirmation!.to, [ada.email]);
      assert.equal(confirmation!.mail.subject, words.confirm.subject);
      assert.match(confirmation!.mail.html || '', /<html lang="de"/);
      assert.equal((await api.store.getEmailAddress('demo', ada.email))?.state, 'pending');

      // A reply before the link is opened is never emailed, not even later.
      await post(reader('Bob'), { parentId: adaComment.id });
      await drain(firstDelayMs);
      assert.equal(smtp.received.length, 1);

      assert.equal((await confirm(confirmation!)).status, 200);
      assert.equal((await api.store.getEmailAddress('demo', ada.email))?.state, 'verified');
      const reply = await post(reader('Cleo'), { parentId: adaComment.id, body: 'Ja, *genau* <b>so</b>' });
      await drain(firstDelayMs);
      const [, notice] = await smtp.waitFor(2);
      assert.deepEqual(notice!.to, [ada.email]);
      assert.equal(notice!.mail.subject, words.reply.subjectReply('Cleo'));
      assert.ok(notice!.mail.text?.includes(`${pageUrl}#comment-${reply.id}`));
      // The body's formatting as safe HTML; what looked like a tag is text.
      assert.match(notice!.mail.html || '', /<em>genau<\/em> &lt;b&gt;so&lt;\/b&gt;/);
      // The reader's own comment, quoted.
      assert.ok(notice!.mail.text?.includes(`> ${adaComment.body}`));
      assert.match(
        notice!.header('List-Unsubscribe') ?? '',
        /^<http:\/\/hearth\.test\/email\/unsubscribe\?t=[\w.-]+>$/,
      );
      assert.equal(notice!.header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      assert.match(notice!.mail.messageId ?? '', /^<[0-9a-f]{32}@hearth\.test>$/);
    });

    it('takes a confirmation link once, only by its button, and not after it expires', async () => {
      const ada = reader('Ada');
      await postFollowing(ada);
      await drain();
      const [confirmation] = await smtp.waitFor(1);
      const link = findLink(confirmation!, `${publicUrl}/email/confirm?t=`);
      // Opening the link (a mail scanner does) confirms nothing.
      assert.equal((await app.request(link.slice(publicUrl.length))).status, 200);
      assert.equal((await api.store.getEmailAddress('demo', ada.email))?.state, 'pending');
      assert.equal((await confirm(confirmation!)).status, 200);
      const again = await confirm(confirmation!);
      assert.equal(again.status, 400);

      const bob = reader('Bob');
      await postFollowing(bob);
      await drain();
      const mails = await smtp.waitFor(2);
      api.clockMs += defaultNotifyTiming.confirmTtlMs + 1;
      assert.equal((await confirm(mails[1]!)).status, 400);
      assert.equal((await api.store.getEmailAddress('demo', bob.email))?.state, 'pending');
    });

    it('never tells readers of their own comments, and tells thread followers of every new one', async () => {
      const ada = reader('Ada');
      const dan = reader('Dan');
      const adaComment = await subscribed(ada);
      await subscribed(dan, 'en', { notify: 'thread' });
      const before = smtp.received.length;
      await post(ada, { parentId: adaComment.id, body: 'Answering myself.' });
      await drain(firstDelayMs);
      // Dan follows the thread; Ada wrote it.
      const mails = await smtp.waitFor(before + 1);
      assert.equal(mails.length, before + 1);
      const { words } = await loadEmailWords('en');
      assert.deepEqual(mails.at(-1)!.to, [dan.email]);
      assert.equal(mails.at(-1)!.mail.subject, words.reply.subjectThread('Ada'));
    });

    it('tells of a held reply only once approved, and of a deleted one never', async () => {
      const ada = reader('Ada');
      const adaComment = await subscribed(ada);
      const before = smtp.received.length;

      const held = await post(reader('Bob'), { parentId: adaComment.id, body: 'Buy spamword now' });
      assert.equal(held.status, 'held');
      await drain(firstDelayMs);
      assert.equal(smtp.received.length, before);
      const approved = await app.request(`/api/v1/admin/comments/${held.id}/approve`, {
        method: 'POST',
        headers: bearer(testAdmin.token),
      });
      assert.equal(approved.status, 200);
      await drain(firstDelayMs);
      const mails = await smtp.waitFor(before + 1);
      assert.ok(mails.at(-1)!.mail.text?.includes(`${pageUrl}#comment-${held.id}`));

      // Deleted by its author before its email left: nothing goes.
      const cleo = reader('Cleo');
      const regret = await post(cleo, { parentId: adaComment.id });
      const deleted = await app.request(commentUrl(thread, regret.id), {
        method: 'DELETE',
        headers: bearer(cleo.token),
      });
      assert.equal(deleted.status, 200);
      await drain(digestGapMs);
      assert.equal(smtp.received.length, before + 1);
    });

    it('gathers replies that come within a few minutes of an email into one digest', async () => {
      const ada = reader('Ada');
      const adaComment = await subscribed(ada);
      const before = smtp.received.length;
      await post(reader('Bob'), { parentId: adaComment.id });
      await drain(firstDelayMs);
      await smtp.waitFor(before + 1);
      const second = await post(reader('Cleo'), { parentId: adaComment.id });
      const third = await post(reader('Dan'), { parentId: adaComment.id });
      await drain(firstDelayMs);
      assert.equal(smtp.received.length, before + 1, 'nothing before the gap has passed');
      await drain(digestGapMs);
      const mails = await smtp.waitFor(before + 2);
      const { words } = await loadEmailWords('en');
      const digest = mails.at(-1)!;
      assert.equal(digest.mail.subject, words.reply.subjectDigest(2));
      for (const id of [second.id, third.id]) assert.ok(digest.mail.text?.includes(`#comment-${id}`));
      await drain(digestGapMs);
      assert.equal(smtp.received.length, before + 2);
    });

    it("stops everything on a mail client's one-click unsubscribe (RFC 8058)", async () => {
      const ada = reader('Ada');
      const adaComment = await subscribed(ada);
      await post(reader('Bob'), { parentId: adaComment.id });
      await drain(firstDelayMs);
      const mails = await smtp.waitFor(smtp.received.length);
      const oneClick = /^<(.+)>$/.exec(mails.at(-1)!.header('List-Unsubscribe')!)![1]!;
      const response = await app.request(oneClick.slice(publicUrl.length), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(response.status, 200);
      const count = smtp.received.length;
      await post(reader('Cleo'), { parentId: adaComment.id });
      await drain(digestGapMs);
      assert.equal(smtp.received.length, count);
    });

    it('stops one discussion from its link, and forgets an address on request', async () => {
      const ada = reader('Ada');
      const here = await subscribed(ada);
      const there = await postFollowing(ada, 'en', {}, '/posts/other');
      await post(reader('Bob'), { parentId: here.id });
      await drain(firstDelayMs);
      const mails = await smtp.waitFor(smtp.received.length);
      const stopThread = findLink(mails.at(-1)!, `${publicUrl}/email/unsubscribe?t=`);
      const token = new URL(stopThread).searchParams.get('t')!;
      const page = await app.request(stopThread.slice(publicUrl.length));
      assert.equal(page.status, 200);
      assert.match(await page.text(), /value="thread"/);
      assert.equal(
        (await app.request('/email/unsubscribe', formPost({ t: token, action: 'thread' }))).status,
        200,
      );

      let count = smtp.received.length;
      await post(reader('Cleo'), { parentId: here.id });
      await drain(digestGapMs);
      assert.equal(smtp.received.length, count, 'the stopped discussion sends nothing');
      await post(reader('Cleo'), { parentId: there.id }, '/posts/other');
      await drain(digestGapMs);
      await smtp.waitFor(count + 1);

      count = smtp.received.length;
      assert.equal(
        (await app.request('/email/unsubscribe', formPost({ t: token, action: 'forget' }))).status,
        200,
      );
      assert.equal(await api.store.getEmailAddress('demo', ada.email), null);
      assert.equal((await api.store.getComment(here.id))?.author.email, null);
      await post(reader('Dan'), { parentId: there.id }, '/posts/other');
      await drain(digestGapMs);
      assert.equal(smtp.received.length, count);
    });

    it("counts an SSO user's address as confirmed unless the site says otherwise", async () => {
      const sso = await signSsoToken(api.clockMs, {
        claims: { sub: 'u-1', name: 'Grace', email: 'grace@example.org' },
      });
      const response = await app.request(
        commentsUrl(thread),
        jsonPost(makeNewComment({ authorName: 'Grace', notify: 'replies', pageUrl }), bearer(sso)),
      );
      assert.equal(response.status, 201);
      const comment: Comment = CommentSchema.parse(await response.json());
      await drain();
      assert.equal(smtp.received.length, 0, 'no confirmation email');
      await post(reader('Bob'), { parentId: comment.id });
      await drain(firstDelayMs);
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['grace@example.org']);

      await jobs.close();
      site = makeSite({ sso: { secret: ssoSecret, emailsVerified: false } });
      start();
      const strict = await signSsoToken(api.clockMs, {
        claims: { sub: 'u-2', name: 'Hal', email: 'hal@example.org' },
      });
      const halPost = await app.request(
        commentsUrl(thread),
        jsonPost(makeNewComment({ authorName: 'Hal', notify: 'replies', pageUrl }), bearer(strict)),
      );
      assert.equal(halPost.status, 201);
      await drain();
      const mails = await smtp.waitFor(2);
      assert.deepEqual(mails[1]!.to, ['hal@example.org']);
      assert.equal(mails[1]!.mail.subject, (await loadEmailWords('en')).words.confirm.subject);
    });

    it('refuses a ticked box without an address, naming the field, and stores nothing', async () => {
      const body = makeNewComment({ notify: 'replies' });
      const response = await app.request(commentsUrl(thread), jsonPost(body, bearer(makeGuestToken())));
      assert.equal(response.status, 400);
      const error = (await response.json()) as { error: { code: string; field: string } };
      assert.equal(error.error.code, 'validation_failed');
      assert.equal(error.error.field, 'email');
      assert.equal(await api.store.getComment(body.id), null);
    });

    it('offers notifications in the feed only when the server sends email', async () => {
      const offered = await app.request(commentsUrl(thread));
      assert.equal(((await offered.json()) as { notify?: boolean }).notify, true);
      await jobs.close();
      start({ email: null, publicUrl: null });
      const plain = await app.request(commentsUrl(thread));
      assert.equal(((await plain.json()) as { notify?: boolean }).notify, undefined);
    });

    it('tries a message the mail server put off again later, and delivers it once', async () => {
      const ada = reader('Ada');
      const adaComment = await subscribed(ada);
      const before = smtp.received.length;
      smtp.refuseNext(1, 451);
      await post(reader('Bob'), { parentId: adaComment.id });
      await drain(firstDelayMs);
      assert.equal(smtp.received.length, before);
      await drain(60_000);
      await smtp.waitFor(before + 1);
      await drain(digestGapMs);
      assert.equal(smtp.received.length, before + 1);
    });
  });
}

/** A form POST as a browser sends one. */
function formPost(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}
