import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ChangesResponseSchema, CommentSchema, type Comment } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import { resolveConfig, type ServerConfig } from '../../server/src/config.js';
import { loadEmailWords } from '../../server/src/email/email-words.js';
import { commentEventJobId, commentEventJobKind } from '../../server/src/jobs/comment-events.js';
import { createHearthJobs, type HearthJobs } from '../../server/src/jobs/hearth-jobs.js';
import { moderationLinkTtlMs } from '../../server/src/notifications/moderator-alerts.js';
import { HearthConfigSchema, type AdminConfig, type SiteConfig } from '../../server/src/site-config.js';
import { apiBackends, startMs, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl, makeNewComment, testAdmin } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { bearer, makeGuestToken, makeSite } from './helpers/identity.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './helpers/smtp-sink.js';

const publicUrl = 'http://hearth.test';
const pageUrl = 'http://localhost:8080/posts/hello';
const thread = '/posts/hello';

const moderatorOne: AdminConfig = {
  name: 'Mod One',
  token: 'mod-one-token-0123456789abcdef',
  email: 'one@example.org',
};
const moderatorTwo: AdminConfig = {
  name: 'Mod Two',
  token: 'mod-two-token-0123456789abcdef',
  email: 'two@example.org',
};

function formPost(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

// Over the real SQLite file and PostgreSQL (the memory store has its own contract suite).
for (const backend of apiBackends.filter((candidate) => candidate.name !== 'memory')) {
  describe(`Moderator alerts by email (over ${backend.name})`, () => {
    const api = useApiHarness(backend);
    let smtp: SmtpSink;
    let jobs: HearthJobs | null = null;
    let app: ReturnType<typeof createApp>;
    let site: SiteConfig;

    before(async () => {
      smtp = await startSmtpSink();
    });
    after(async () => {
      await smtp.close();
    });

    /** Starts the server's jobs and app over the harness' store; a second call is a restart. */
    async function start(overrides: Partial<ServerConfig> = {}) {
      await jobs?.close();
      const config = resolveConfig({
        now: () => api.clockMs,
        sites: [site],
        // testAdmin has no email: nothing goes to them.
        admins: [moderatorOne, moderatorTwo, testAdmin],
        logWarn: () => undefined,
        logInfo: () => undefined,
        email: { smtpUrl: smtp.url, from: 'Hearth <hearth@example.org>' },
        publicUrl,
        ...overrides,
      });
      jobs = createHearthJobs(api.store, config);
      await jobs.ready;
      app = createApp(api.store, config, { jobs: jobs.worker });
    }

    beforeEach(async () => {
      smtp.received.length = 0;
      site = makeSite({ blocklist: ['spamword'], threadUrl: 'http://localhost:8080{thread}' });
      await start();
    });
    afterEach(async () => {
      await jobs?.close();
      jobs = null;
    });

    async function post(fields: Record<string, unknown> = {}): Promise<Comment> {
      const body = makeNewComment({ authorName: 'Bob', pageUrl, ...fields });
      const response = await app.request(commentsUrl(thread), jsonPost(body, bearer(makeGuestToken())));
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return CommentSchema.parse(JSON.parse(text));
    }

    /** Posts a comment the blocklist holds, runs the jobs, and answers it with the alerts sent. */
    async function postHeld(body = 'Buy **spamword** now <b>here</b>') {
      const comment = await post({ body });
      assert.equal(comment.status, 'held');
      await jobs!.worker.runDue();
      const mails = await smtp.waitFor(2);
      return { comment, mails };
    }

    const mailTo = (mails: readonly ReceivedMail[], address: string): ReceivedMail => {
      const found = mails.filter((mail) => mail.to.includes(address));
      assert.equal(found.length, 1, `one mail to ${address}`);
      return found[0]!;
    };

    /** The `/email/moderate` link of a message for `action`, as a path on the server. */
    function moderateLink(mail: ReceivedMail, action: 'Approve' | 'Reject'): string {
      const match = new RegExp(
        `${action}:\\n(${publicUrl.replace(/\./g, '\\.')}/email/moderate\\?t=[\\w.-]+)`,
      ).exec(mail.mail.text ?? '');
      assert.ok(match, `no ${action} link in:\n${mail.mail.text}`);
      return match[1]!.slice(publicUrl.length);
    }

    const tokenOf = (link: string): string => new URL(link, publicUrl).searchParams.get('t')!;
    const statusOf = async (id: string) => (await api.store.getComment(id))?.comment.status;
    const auditCount = async () => (await api.store.listAudit(100)).length;

    async function publicFeed(): Promise<Comment[]> {
      const response = await app.request(commentsUrl(thread));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json()).comments;
    }

    it('emails each admin with an address once when a comment is held: why, what, where, and the links', async () => {
      const { comment, mails } = await postHeld();
      await jobs!.worker.runDue();
      assert.equal(smtp.received.length, 2, 'none for the admin without an address');
      assert.deepEqual(mails.map((mail) => mail.to).sort(), [[moderatorOne.email], [moderatorTwo.email]]);

      const { words } = await loadEmailWords('en');
      const mail = mailTo(mails, moderatorOne.email!);
      const text = mail.mail.text ?? '';
      assert.equal(mail.mail.subject, words.moderation.subject('Bob'));
      assert.ok(text.includes(words.moderation.intro('localhost:8080')), text);
      assert.ok(text.includes('Held because: it contains "spamword", on this site\'s blocklist.'), text);
      assert.ok(text.includes(`> ${comment.body}`), 'the comment as written');
      assert.ok(text.includes(pageUrl), 'the page it was posted on');
      assert.ok(text.includes(`${publicUrl}/admin`), 'the moderation page');
      assert.ok(text.includes(words.moderation.expires));
      // The body's formatting as safe HTML; what looked like a tag is text.
      assert.match(mail.mail.html || '', /<strong>spamword<\/strong> now &lt;b&gt;here&lt;\/b&gt;/);
      assert.match(mail.mail.html || '', /href="http:\/\/hearth\.test\/email\/moderate\?t=[\w.-]+"/);
      assert.match(mail.mail.messageId ?? '', /^<[0-9a-f]{32}@hearth\.test>$/);
      assert.notEqual(moderateLink(mail, 'Approve'), moderateLink(mail, 'Reject'));
      // Each admin's links are their own.
      assert.notEqual(
        moderateLink(mail, 'Approve'),
        moderateLink(mailTo(mails, moderatorTwo.email!), 'Approve'),
      );
    });

    it('approves only on the button, as that admin, once', async () => {
      const { comment, mails } = await postHeld();
      const approve = moderateLink(mailTo(mails, moderatorOne.email!), 'Approve');
      const audited = await auditCount();

      // Opening the link (a mail scanner does) shows the comment and a button, and changes nothing.
      const page = await app.request(approve);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form method="post">/);
      assert.match(html, /Approve this comment\?/);
      assert.ok(html.includes('Buy **spamword** now &lt;b&gt;here&lt;/b&gt;'), 'the text, escaped');
      assert.equal(page.headers.get('Cache-Control'), 'no-store');
      assert.equal(await statusOf(comment.id), 'held');
      assert.equal(await auditCount(), audited);
      const put = await app.request(approve, { method: 'PUT' });
      assert.equal(put.status, 405);
      assert.equal(put.headers.get('Allow'), 'GET, POST');

      const done = await app.request('/email/moderate', formPost({ t: tokenOf(approve) }));
      assert.equal(done.status, 200);
      assert.match(await done.text(), /Approved: the comment is published\./);
      assert.equal(await statusOf(comment.id), 'published');
      const [shown] = await publicFeed();
      assert.equal(shown?.id, comment.id);
      assert.equal(shown?.status, 'published');
      const [entry] = await api.store.listAudit(1);
      assert.equal(entry?.actor, moderatorOne.name);
      assert.equal(entry?.action, 'comment.approve');
      assert.equal(entry?.target, comment.id);
      assert.match(entry?.detail ?? '', /was held; from a link in an email$/);
      // The approval is an event like the admin API's: its job is queued.
      const seq = (await api.store.getComment(comment.id))!.comment.seq;
      assert.ok(
        await api.store.getJob(commentEventJobId({ event: 'comment.approved', commentId: comment.id, seq })),
      );

      // The same link again, or the other admin's Reject: already done, nothing changes.
      const afterwards = await auditCount();
      for (const link of [approve, moderateLink(mailTo(mails, moderatorTwo.email!), 'Reject')]) {
        const again = await app.request('/email/moderate', formPost({ t: tokenOf(link) }));
        assert.equal(again.status, 200);
        assert.match(await again.text(), /a moderator has already dealt with this comment/);
        const reopened = await app.request(link);
        assert.equal(reopened.status, 200);
        assert.doesNotMatch(await reopened.text(), /<form/);
      }
      assert.equal(await statusOf(comment.id), 'published');
      assert.equal(await auditCount(), afterwards);
    });

    it('rejects on the Reject button: the comment is deleted', async () => {
      const { comment, mails } = await postHeld();
      const reject = moderateLink(mailTo(mails, moderatorTwo.email!), 'Reject');
      const page = await app.request(reject);
      assert.match(await page.text(), /Reject this comment\?/);
      const done = await app.request(reject, formPost({}));
      assert.equal(done.status, 200);
      assert.match(await done.text(), /Rejected: the comment is deleted\./);
      assert.equal(await statusOf(comment.id), 'deleted');
      const [entry] = await api.store.listAudit(1);
      assert.deepEqual([entry?.actor, entry?.action], [moderatorTwo.name, 'comment.reject']);
      assert.equal(
        (await publicFeed()).some((shown) => shown.body !== ''),
        false,
        'nothing of it is public',
      );
    });

    it('says already done once the comment was dealt with elsewhere', async () => {
      const { comment, mails } = await postHeld();
      const deleted = await app.request(`/api/v1/admin/comments/${comment.id}`, {
        method: 'DELETE',
        headers: bearer(testAdmin.token),
      });
      assert.equal(deleted.status, 200);
      const approve = moderateLink(mailTo(mails, moderatorOne.email!), 'Approve');
      const again = await app.request('/email/moderate', formPost({ t: tokenOf(approve) }));
      assert.equal(again.status, 200);
      assert.match(await again.text(), /already dealt with/);
      assert.equal(await statusOf(comment.id), 'deleted');
    });

    it('refuses an expired, tampered or orphaned link with 400, changing nothing', async () => {
      const { comment, mails } = await postHeld();
      const approve = moderateLink(mailTo(mails, moderatorOne.email!), 'Approve');
      const token = tokenOf(approve);
      const [claims, signature] = token.split('.') as [string, string];
      // The same claims asking for the other action, under the old signature.
      const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
      const swapped = Buffer.from(JSON.stringify({ ...decoded, action: 'reject' })).toString('base64url');
      const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      const audited = await auditCount();
      const { words } = await loadEmailWords('en');

      for (const bad of [`${swapped}.${signature}`, `${claims}.${flipped}`, 'not-a-token', '']) {
        const page = await app.request(`/email/moderate?t=${encodeURIComponent(bad)}`);
        assert.equal(page.status, 400, bad);
        assert.ok((await page.text()).includes(words.moderation.invalid));
        assert.equal((await app.request('/email/moderate', formPost({ t: bad }))).status, 400, bad);
      }

      // An admin no longer in the config: their links are void.
      await start({ admins: [moderatorTwo] });
      assert.equal((await app.request('/email/moderate', formPost({ t: token }))).status, 400);
      await start();

      api.clockMs = startMs + moderationLinkTtlMs;
      assert.equal((await app.request(approve)).status, 400);
      assert.equal((await app.request('/email/moderate', formPost({ t: token }))).status, 400);
      assert.equal(await statusOf(comment.id), 'held');
      assert.equal(await auditCount(), audited);
      api.clockMs = startMs + moderationLinkTtlMs - 1;
      assert.equal((await app.request('/email/moderate', formPost({ t: token }))).status, 200);
      assert.equal(await statusOf(comment.id), 'published');
    });

    it('sends nothing for a published comment, or for a held one approved before its alert left', async () => {
      assert.equal((await post()).status, 'published');
      await jobs!.worker.runDue();

      const held = await post({ body: 'spamword' });
      const approved = await app.request(`/api/v1/admin/comments/${held.id}/approve`, {
        method: 'POST',
        headers: bearer(testAdmin.token),
      });
      assert.equal(approved.status, 200);
      await jobs!.worker.runDue();
      assert.equal(smtp.received.length, 0);
    });

    it('sends one alert per admin when the event is handled twice, or the jobs restart', async () => {
      const { comment } = await postHeld();
      const event = await api.store.getJob(
        commentEventJobId({ event: 'comment.held', commentId: comment.id, seq: comment.seq }),
      );
      assert.ok(event);
      // The same event under another id: its fan-out runs again.
      await api.store.enqueueJob(
        { id: `${event.id}:again`, kind: commentEventJobKind, payload: event.payload, runAtMs: api.clockMs },
        api.clockMs,
      );
      await start();
      assert.ok((await jobs!.worker.runDue()) > 0);
      assert.equal(smtp.received.length, 2);
    });

    it('emails a daily digest to admins who ask, once a day at 00:00 UTC', async () => {
      const digester: AdminConfig = { ...moderatorOne, dailyDigest: true };
      await start({ admins: [digester, moderatorTwo] });
      const first = await post({ authorName: 'Ada', body: 'The *first* one.' });
      api.clockMs += 60_000;
      const second = await post({ authorName: 'Cleo', body: 'A second\n\nparagraph.' });
      await postHeld('spamword');
      smtp.received.length = 0;

      // Nothing before midnight; a restart meanwhile queues no second digest.
      api.clockMs = Date.UTC(2025, 5, 1, 23, 59);
      await start({ admins: [digester, moderatorTwo] });
      await jobs!.worker.runDue();
      assert.equal(smtp.received.length, 0);

      api.clockMs = Date.UTC(2025, 5, 2, 0, 0);
      await jobs!.worker.runDue();
      const [digest] = await smtp.waitFor(1);
      assert.deepEqual(digest!.to, [digester.email]);
      assert.equal(digest!.mail.subject, 'Daily digest: 2 comments published, 1 held');
      const text = digest!.mail.text ?? '';
      assert.ok(text.includes('In the 24 hours to 2025-06-02 00:00 UTC: 2 comments published.'), text);
      assert.ok(text.includes('Waiting for a moderator now: 1 comment.'), text);
      assert.ok(text.includes('Ada on /posts/hello:\n\n> The first one.'), text);
      assert.ok(text.includes('> A second paragraph.'), text);
      for (const { id } of [first, second]) assert.ok(text.includes(`${pageUrl}#comment-${id}`), text);
      assert.ok(text.indexOf(second.id) < text.indexOf(first.id), 'newest first');
      await jobs!.worker.runDue();
      assert.equal(smtp.received.length, 1);

      // The next day's comes at the next midnight, and counts only its own day.
      api.clockMs = Date.UTC(2025, 5, 3, 0, 0);
      await jobs!.worker.runDue();
      const [, next] = await smtp.waitFor(2);
      assert.equal(next!.mail.subject, 'Daily digest: 0 comments published, 1 held');

      // A quiet day sends nothing; one without the setting stops the chain.
      const held = (await api.store.queryComments({ status: 'held', limit: 10 }))[0]!;
      await api.store.updateComment(held.comment.id, { status: 'deleted' }, api.clockMs);
      api.clockMs = Date.UTC(2025, 5, 4, 0, 0);
      await jobs!.worker.runDue();
      await start({ admins: [moderatorOne, moderatorTwo] });
      await post({ authorName: 'Dan' });
      for (const day of [5, 6]) {
        api.clockMs = Date.UTC(2025, 5, day, 0, 0);
        await jobs!.worker.runDue();
      }
      assert.equal(smtp.received.length, 2);
    });
  });
}

describe('admins[].dailyDigest', () => {
  it('needs an email to send to', () => {
    const admin = { name: 'Ada', token: 'ada-token-0123456789abcdefghij' };
    const base = { sites: [{ id: 'blog', origins: ['https://blog.example'] }] };
    const refused = HearthConfigSchema.safeParse({ ...base, admins: [{ ...admin, dailyDigest: true }] });
    assert.equal(refused.success, false);
    assert.deepEqual(refused.error?.issues[0]?.path, ['admins', 0, 'dailyDigest']);
    const accepted = HearthConfigSchema.safeParse({
      ...base,
      admins: [{ ...admin, email: 'ada@blog.example', dailyDigest: true }],
    });
    assert.equal(accepted.success, true);
  });
});
