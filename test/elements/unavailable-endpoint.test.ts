import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { IdbStore } from '../../src/storage/idb-store.js';
import { openHearthDb } from '../../src/storage/db.js';
import type { ScriptedReply } from '../helpers/fake-endpoint.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountComments, mountReady, part, parts, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

// An endpoint that can never serve the page as it stands: the server's config lacks the page's
// origin, or the endpoint is not a Hearth server. The owner must learn why, from the page and
// the console, and readers must not write into an outbox that can never be delivered.

const refusal: ScriptedReply = {
  status: 403,
  body: {
    error: {
      code: 'origin_not_allowed',
      message: `Pages on ${location.origin} may not use this comment server: add the origin to a site's origins (sites[].origins) in the server's configuration.`,
    },
  },
};

const htmlNotFound: ScriptedReply = {
  status: 404,
  text: '<!doctype html><title>Not Found</title><h1>Not Found</h1>',
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
};

describe('<hearth-comments> on an endpoint unavailable to the page', () => {
  const test = useElementTest();
  let errors: string[];
  let originalError: typeof console.error;

  beforeEach(() => {
    errors = [];
    originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.error = originalError;
  });

  function notice(element: HearthComments): string {
    return parts(element, 'unavailable-notice')[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** Resolves once the composer's chunk is loaded and the element has rendered with it. */
  async function settleWriter(element: HearthComments): Promise<void> {
    await import('../../src/elements/hearth-comments/composer/composer-kit.js');
    await element.updateComplete;
    await element.updateComplete;
  }

  it('is accessible with the notice for an origin the server refuses', async () => {
    test.fake.alwaysReply = refusal;
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => notice(element) !== '');
    await expect(element).to.be.accessible();
  });

  it('names the page origin and sites[].origins when the server refuses the origin, and takes no posts', async () => {
    // The composer's chunk is on the page already, as on any page that showed one: a refused
    // thread would get its composer at once. (Another thread: what that one's pull tells the
    // tabs once stored is about it alone.)
    const warmUp = { endpoint: test.fake.url, databaseName: test.databaseName, thread: '/posts/warm-up' };
    (await mountReady(warmUp, 0)).remove();
    test.fake.requests.length = 0;
    test.fake.alwaysReply = refusal;
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => notice(element) !== '', 'the owner notice shows');
    const text = notice(element);
    expect(text).to.include('Comments are unavailable on this page.');
    expect(text).to.include(location.origin);
    expect(text).to.include('sites[].origins');
    const shown = element.shadowRoot!.textContent!;
    expect(shown).not.to.include("Can't reach");
    expect(shown).not.to.include('Start the conversation');
    expect(shown).not.to.include('Loading comments');
    expect(parts(element, 'status')[0]!.querySelector('button'), 'no Try again').to.equal(null);

    await settleWriter(element);
    expect(parts(element, 'composer'), 'no composer to queue a post in').to.have.length(0);
    expect(parts(element, 'body-input')).to.have.length(0);
    expect(test.fake.requests.filter((request) => request.method === 'POST')).to.have.length(0);

    await waitUntil(() => errors.length > 0, 'a console error');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include(location.origin);
    expect(errors[0]).to.include('sites[].origins');
    expect(errors[0]).to.include(new URL(test.fake.url).origin);
  });

  it('keeps cached comments readable, without replies or votes, when the origin is refused later', async () => {
    test.fake.comments.push(makeComment({ authorName: 'Ada', body: 'Cached before the move.' }));
    const first = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 1);
    // Stored, and so told to the tabs, before the next element listens: that news is older.
    const db = (await openHearthDb(test.databaseName))!;
    await waitUntil(
      async () => (await new IdbStore(db).readCursor(test.fake.url, '/posts/test')).cursor !== null,
    );
    db.close();
    first.remove();

    test.fake.alwaysReply = refusal;
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => notice(element) !== '' && parts(element, 'comment-body').length === 1);
    await settleWriter(element);
    expect(part(element, 'comment-body').textContent).to.include('Cached before the move.');
    expect(parts(element, 'reply-button')).to.have.length(0);
    expect(parts(element, 'vote-button')).to.have.length(0);
    expect(parts(element, 'composer')).to.have.length(0);
    expect(element.shadowRoot!.textContent).not.to.include("Can't reach");
  });

  it('says the endpoint is not a Hearth server when it answers 404 HTML, and logs the URL tried', async () => {
    test.fake.alwaysReply = htmlNotFound;
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => notice(element) !== '');
    const text = notice(element);
    expect(text).to.include('Comments are unavailable on this page.');
    // The address is isolated (U+2068 … U+2069): its direction stays its own in any language.
    expect(text).to.include(`\u2068${test.fake.url}\u2069 is not a Hearth comment server`);
    expect(text).to.include('endpoint attribute');
    expect(element.shadowRoot!.textContent).not.to.include("Can't reach");
    await expect(element).to.be.accessible();

    await waitUntil(() => errors.length > 0, 'a console error');
    const [request] = test.fake.requests;
    expect(errors[0]).to.include(request!.url.href);
    expect(errors[0]).to.include('404');
    expect(errors[0]).to.include('text/html');
    expect(errors[0]).to.include('protocol v1');
  });

  it('says the endpoint is not a Hearth server when it answers JSON that is not the protocol', async () => {
    test.fake.alwaysReply = { status: 200, body: { hello: 'world' } };
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => notice(element).includes('is not a Hearth comment server'));
    await waitUntil(() => errors.length > 0, 'a console error');
    expect(errors[0]).to.include('200');
  });

  it('still counts a server error as a server that may come back: "Can\'t reach" with Try again', async () => {
    test.fake.script.push({
      status: 502,
      text: '<html>Bad Gateway</html>',
      headers: { 'Content-Type': 'text/html' },
    });
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() =>
      element.shadowRoot!.textContent!.includes("Can't reach the comment server right now."),
    );
    expect(parts(element, 'unavailable-notice')).to.have.length(0);
    expect(errors).to.have.length(0);
    test.fake.comments.push(makeComment({ authorName: 'Ada', body: 'Back again.' }));
    const retry = [...element.shadowRoot!.querySelectorAll('button')].find(
      (button) => button.textContent === 'Try again',
    );
    retry!.click();
    await waitUntil(() => parts(element, 'comment').length === 1);
  });

  it('fails a post queued before the server refused the origin, with the server\'s reason, instead of "Posting…" forever', async () => {
    const element = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 0);
    await test.fake.waitForRequests(1);
    test.fake.isDown = true;
    const name = part<HTMLInputElement>(element, 'name-input');
    name.focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Written before the move.' });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'pending');

    test.fake.isDown = false;
    test.fake.alwaysReply = refusal;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed', 'the post fails');
    expect(parts(element, 'comment')[0]!.textContent).to.include('sites[].origins');
    await waitUntil(() => notice(element) !== '');
    expect(parts(element, 'composer').filter((form) => form.dataset.composer === 'main')).to.have.length(0);
    expect(test.fake.comments).to.have.length(0);
  });

  it('shows the thread again once the owner fixed the configuration and the page asks again', async () => {
    test.fake.alwaysReply = refusal;
    test.fake.comments.push(makeComment({ authorName: 'Ada', body: 'Visible once allowed.' }));
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => notice(element) !== '');
    test.fake.alwaysReply = null;
    // Coming back online is one of the moments the widget asks again.
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment').length === 1 && parts(element, 'composer').length > 0);
    expect(parts(element, 'unavailable-notice')).to.have.length(0);
  });
});
