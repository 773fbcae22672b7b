import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { openHearthDb, type OutboxRecord } from '../../src/storage/db.js';
import { makeTestJwt } from '../helpers/fake-auth.js';
import { makeComment } from '../helpers/fixtures.js';
import {
  hasFocus,
  mountReady,
  part,
  parts,
  text,
  useElementTest,
  type MountOptions,
} from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('<hearth-comments> composer: email me when someone replies', () => {
  const test = useElementTest();
  const cleanups: Array<() => void> = [];

  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function mount(options: Partial<MountOptions> = {}, count = 0): Promise<HearthComments> {
    return mountReady({ endpoint: test.fake.url, databaseName: test.databaseName, ...options }, count);
  }

  /** Mounts against a site that emails reply notifications, once the feed has said so. */
  async function mountNotifying(options: Partial<MountOptions> = {}, count = 0): Promise<HearthComments> {
    test.fake.isNotifying = true;
    const element = await mount(options, count);
    await waitUntil(() => parts(element, 'notify-checkbox').length > 0, 'the notify checkbox');
    return element;
  }

  /** The main composer, not a reply composer. */
  function mainComposer(element: HearthComments): HTMLElement {
    return parts(element, 'composer').find((form) => form.dataset.composer === 'main')!;
  }

  function checkbox(element: HearthComments, name: 'notify' | 'follow'): HTMLInputElement {
    return part<HTMLInputElement>(element, `${name}-checkbox`, mainComposer(element));
  }

  async function tick(element: HearthComments, name: 'notify' | 'follow'): Promise<void> {
    checkbox(element, name).click();
    await element.updateComplete;
  }

  async function write(element: HearthComments, fields: { name?: string; email?: string; body: string }) {
    const composer = mainComposer(element);
    if (fields.name !== undefined) {
      part(element, 'name-input', composer).focus();
      await sendKeys({ type: fields.name });
    }
    if (fields.email !== undefined) {
      part(element, 'email-input', composer).focus();
      await sendKeys({ type: fields.email });
    }
    part(element, 'body-input', composer).focus();
    await sendKeys({ type: fields.body });
  }

  function posts(): Array<Record<string, unknown>> {
    return test.fake.requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.body as Record<string, unknown>);
  }

  /** Puts a `<link rel="canonical">` in the page's head until the test ends. */
  function addCanonical(href: string): HTMLLinkElement {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = href;
    document.head.append(link);
    cleanups.push(() => link.remove());
    return link;
  }

  /** Gives the page's own address a fragment until the test ends. */
  function addFragment(fragment: string): void {
    const before = location.href;
    history.replaceState(history.state, '', `#${fragment}`);
    cleanups.push(() => history.replaceState(history.state, '', before));
  }

  async function readOutbox(): Promise<OutboxRecord[]> {
    const db = (await openHearthDb(test.databaseName))!;
    const records = await db.getAll('outbox');
    db.close();
    return records;
  }

  it('offers nothing where the feed does not say the site emails reply notifications', async () => {
    test.fake.comments.push(makeComment());
    const element = await mount({}, 1);
    await test.fake.waitForRequests(1);
    await element.updateComplete;
    expect(parts(element, 'notify-checkbox')).to.have.length(0);
    expect(parts(element, 'follow-checkbox')).to.have.length(0);

    await write(element, { name: 'Ada', email: 'ada@example.org', body: 'No emails here' });
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).not.to.have.property('notify');
  });

  it('offers "Email me when someone replies" where it does, labelled, by keyboard, and the thread under it once ticked', async () => {
    test.fake.comments.push(makeComment());
    const element = await mountNotifying({}, 1);
    const notify = checkbox(element, 'notify');
    expect(notify.type).to.equal('checkbox');
    expect(notify.checked).to.equal(false);
    expect(text(notify.closest('label'))).to.equal('Email me when someone replies');
    expect(parts(element, 'follow-checkbox'), 'only once the first is ticked').to.have.length(0);
    await expect(element).to.be.accessible();

    notify.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => parts(element, 'follow-checkbox').length === 1);
    expect(notify.checked).to.equal(true);
    const follow = checkbox(element, 'follow');
    expect(text(follow.closest('label'))).to.equal('…and to every new comment in this thread');
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(element, follow), 'the next stop after the first checkbox').to.equal(true);
    await sendKeys({ press: 'Space' });
    expect(follow.checked).to.equal(true);
    await expect(element).to.be.accessible();

    // Unticking the first takes the second away.
    notify.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => parts(element, 'follow-checkbox').length === 0);

    // A reply form offers it too; an edit form does not.
    part(element, 'reply-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const reply = parts(element, 'composer').find((form) => form !== mainComposer(element))!;
    expect(parts(element, 'notify-checkbox', reply)).to.have.length(1);
  });

  it('sends notify, the page address without its fragment and the locale with the post', async () => {
    addFragment('section-2');
    const element = await mountNotifying();
    await write(element, { name: 'Ada', email: 'ada@example.org', body: 'Tell me of replies' });
    await tick(element, 'notify');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    const pageUrl = location.href.replace(/#.*$/, '');
    expect(pageUrl).not.to.include('#');
    expect(posts()[0]).to.deep.include({
      authorName: 'Ada',
      email: 'ada@example.org',
      body: 'Tell me of replies',
      notify: 'replies',
      pageUrl,
      locale: 'en',
    });
  });

  it('names the canonical page over its own address, without its fragment, and the page itself when the link is no http(s)', async () => {
    const link = addCanonical('https://blog.example/posts/small-communities?ref=1#comments');
    const element = await mountNotifying();
    await write(element, { name: 'Ada', email: 'ada@example.org', body: 'From the canonical page' });
    await tick(element, 'notify');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({
      notify: 'replies',
      pageUrl: 'https://blog.example/posts/small-communities?ref=1',
    });

    link.href = 'ftp://files.example/posts/a';
    await write(element, { body: 'From a page whose canonical link is not http' });
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 2);
    expect(posts()[1]!.pageUrl).to.equal(location.href.replace(/#.*$/, ''));
  });

  it('sends thread when the reader ticks the second box, and every post carries a page and a locale', async () => {
    const element = await mountNotifying();
    await write(element, { name: 'Ada', email: 'ada@example.org', body: 'Follow the thread' });
    await tick(element, 'notify');
    await tick(element, 'follow');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({ notify: 'thread' });

    // Unticked: no notify, but the page and the locale still go (for emails to others).
    await tick(element, 'notify');
    await write(element, { body: 'No emails for this one' });
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 2);
    expect(posts()[1]).not.to.have.property('notify');
    expect(posts()[1]).to.include.keys('pageUrl', 'locale');
  });

  it('asks a guest who ticks it for an email, on the email field, and loses nothing', async () => {
    const element = await mountNotifying();
    await write(element, { name: 'Ada', body: 'Keep this text' });
    await tick(element, 'notify');
    part(element, 'submit-button', mainComposer(element)).click();
    const email = part<HTMLInputElement>(element, 'email-input', mainComposer(element));
    await waitUntil(() => email.getAttribute('aria-invalid') === 'true');
    const error = element.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!);
    expect(text(error)).to.equal('Enter your email to get replies.');
    expect(hasFocus(element, email)).to.equal(true);
    expect(part<HTMLTextAreaElement>(element, 'body-input', mainComposer(element)).value).to.equal(
      'Keep this text',
    );
    expect(checkbox(element, 'notify').checked).to.equal(true);
    expect(posts()).to.have.length(0);
    await expect(element).to.be.accessible();

    // Typing an address clears it, and the post goes with it.
    await sendKeys({ type: 'ada@example.org' });
    await waitUntil(() => email.getAttribute('aria-invalid') === 'false');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({
      email: 'ada@example.org',
      notify: 'replies',
      body: 'Keep this text',
    });
  });

  it('takes the error away when the guest unticks the box instead', async () => {
    const element = await mountNotifying();
    await write(element, { name: 'Ada', body: 'Never mind the emails' });
    await tick(element, 'notify');
    part(element, 'submit-button', mainComposer(element)).click();
    const email = part<HTMLInputElement>(element, 'email-input', mainComposer(element));
    await waitUntil(() => email.getAttribute('aria-invalid') === 'true');
    await tick(element, 'notify');
    await waitUntil(() => email.getAttribute('aria-invalid') === 'false');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).not.to.have.property('notify');
  });

  it('offers it to a signed-in reader, who has no email field, and sends it with their token', async () => {
    const jwt = makeTestJwt({ sub: 'u-1', name: 'Ada', email: 'ada@example.org' });
    const element = await mountNotifying({ ssoToken: jwt });
    expect(parts(element, 'email-input')).to.have.length(0);
    await expect(element).to.be.accessible();
    await tick(element, 'notify');
    await write(element, { body: 'Signed in and following' });
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({ notify: 'replies', locale: 'en' });
    expect(posts()[0]).not.to.have.property('email');
  });

  it('remembers the ticks for the next comment, and a return visit offline still offers them', async () => {
    const element = await mountNotifying();
    await write(element, { name: 'Ada', email: 'ada@example.org', body: 'First of many' });
    await tick(element, 'notify');
    await tick(element, 'follow');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    // The next comment on this page starts with them.
    expect(checkbox(element, 'notify').checked).to.equal(true);
    expect(checkbox(element, 'follow').checked).to.equal(true);
    await waitUntil(async () => {
      const db = (await openHearthDb(test.databaseName))!;
      const row = await db.get('threads', [test.fake.url, '/posts/test']);
      db.close();
      return row?.notify === true;
    }, 'the cache knows the site emails notifications');
    element.remove();

    test.fake.isDown = true;
    const again = await mount({}, 1);
    await waitUntil(
      () => parts(again, 'follow-checkbox').length === 1 && checkbox(again, 'follow').checked,
      'the remembered ticks, from the cache',
    );
    expect(checkbox(again, 'notify').checked).to.equal(true);
  });

  it('speaks German on a German page, and sends its locale', async () => {
    const element = await mountNotifying({ lang: 'de' });
    expect(text(checkbox(element, 'notify').closest('label'))).to.equal(
      'Mich per E-Mail benachrichtigen, wenn jemand antwortet',
    );
    await tick(element, 'notify');
    expect(text(checkbox(element, 'follow').closest('label'))).to.equal(
      '… und bei jedem neuen Kommentar in dieser Diskussion',
    );
    await write(element, { name: 'Ada', body: 'Hallo' });
    part(element, 'submit-button', mainComposer(element)).click();
    const email = part<HTMLInputElement>(element, 'email-input', mainComposer(element));
    await waitUntil(() => email.getAttribute('aria-invalid') === 'true');
    expect(text(element.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!))).to.equal(
      'Geben Sie Ihre E-Mail-Adresse an, um über Antworten benachrichtigt zu werden.',
    );
    await sendKeys({ type: 'ada@example.org' });
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({ notify: 'replies', locale: 'de' });
  });

  it('keeps what a post was written with while it waits offline, whatever the page says later', async () => {
    const link = addCanonical('https://blog.example/posts/written-here');
    const element = await mountNotifying();
    test.fake.isDown = true;
    await write(element, { name: 'Ada', email: 'ada@example.org', body: 'Written in a tunnel' });
    await tick(element, 'notify');
    await tick(element, 'follow');
    part(element, 'submit-button', mainComposer(element)).click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'pending');
    const [queued] = await readOutbox();
    expect(queued?.op === 'post' && queued.payload).to.deep.include({
      notify: 'thread',
      pageUrl: 'https://blog.example/posts/written-here',
      locale: 'en',
    });

    // The page changes its mind before the network returns: the post keeps what it was written with.
    link.href = 'https://blog.example/posts/elsewhere';
    await tick(element, 'notify');
    test.fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    const sent = posts().filter((post) => post.body === 'Written in a tunnel');
    expect(sent.at(-1)).to.deep.include({
      notify: 'thread',
      pageUrl: 'https://blog.example/posts/written-here',
      locale: 'en',
    });
  });
});
