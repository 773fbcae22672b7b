import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../server/helpers/smtp-sink.js';
import { launchBrowser, openPage, requireBundle } from './helpers/browser.js';
import { openDemo } from './helpers/demo.js';
import { commentById, commentIdOf, mainComposer, part, postThrough, replyComposer } from './helpers/parts.js';
import { startServer, type HearthServer } from './helpers/server.js';

// Links in emails point here; the test opens them on the real server's origin.
const publicUrl = 'http://hearth.invalid';

let smtp: SmtpSink;
let server: HearthServer;
let browser: Browser;

before(async () => {
  requireBundle();
  smtp = await startSmtpSink();
  server = await startServer({
    config: {
      email: { smtpUrl: smtp.url, from: 'Hearth <hearth@example.org>', delaySeconds: 0 },
      publicUrl,
    },
    site: { limits: { minComposeSeconds: 0 } },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** A link from an email, on the test server's origin. */
const onServer = (link: string) => new URL(new URL(link).pathname + new URL(link).search, server.url).href;

test(
  'a reader ticks "Email me", confirms from the email, and one email about a reply from another browser opens the page at it',
  { timeout: 120_000 },
  async () => {
    const { context, page } = await openPage(browser);
    await openDemo(page, server);
    const composer = mainComposer(page);
    await composer.locator('[part~="email-input"]').fill('ada@example.org');
    await composer.locator('[part~="notify-checkbox"]').check();
    const parentText = 'Does anyone know when the allotment shed opens?';
    await postThrough(composer, 'Ada', parentText);
    const parentId = await commentIdOf(page, parentText);
    await commentById(page, parentId).and(page.locator('[data-state="published"]')).waitFor();

    const [confirmation] = await smtp.waitFor(1);
    assert.deepEqual(confirmation!.to, ['ada@example.org']);
    const confirmLink = /http:\/\/hearth\.invalid\/email\/confirm\?t=[\w-]+/.exec(
      confirmation!.mail.text ?? '',
    )![0];
    await page.goto(onServer(confirmLink));
    await page.getByRole('button').click();
    await page.getByText('your email address is confirmed').waitFor();

    const other = await openPage(browser);
    await openDemo(other.page, server);
    await commentById(other.page, parentId).locator('[part~="reply-button"]').first().click();
    const reply = replyComposer(other.page, parentId);
    await reply.waitFor();
    const replyText = 'At nine on Saturdays; bring the key.';
    await postThrough(reply, 'Bob', replyText);
    const replyId = await commentIdOf(other.page, replyText);

    const mails = await smtp.waitFor(2);
    const notice = mails[1]!;
    assert.deepEqual(notice.to, ['ada@example.org']);
    // The name in Unicode isolates, as the widget's words put it: a right-to-left name stays whole.
    assert.equal(notice.mail.subject, '\u2068Bob\u2069 replied to your comment');
    const link = new RegExp(`\\S+#comment-${replyId}`).exec(notice.mail.text ?? '')?.[0];
    assert.ok(link, `the email links to the reply:\n${notice.mail.text}`);
    assert.equal(new URL(link).origin, new URL(server.url).origin, 'the page the reply was written on');

    await page.goto(link);
    await commentById(page, replyId).and(page.locator('[data-highlighted]')).waitFor();
    assert.equal(await part(page, 'comment').count(), 2);
    assert.equal(smtp.received.length, 2, 'one confirmation, one notification');
    await context.close();
    await other.context.close();
  },
);
