import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { SsoTokenExpiredEvent } from '../../src/index.js';
import { openHearthDb } from '../../src/storage/db.js';
import { makeTestJwt } from '../helpers/fake-auth.js';
import type { RecordedRequest } from '../helpers/fake-endpoint.js';
import { makeComment } from '../helpers/fixtures.js';
import { commentById, mountReady, part, parts, text, useElementTest } from '../helpers/mount.js';

describe('<hearth-comments> with an SSO identity', () => {
  const test = useElementTest();
  let after: (() => void) | null = null;

  afterEach(() => {
    after?.();
    after = null;
  });

  function requests(method: string, pathEnd = ''): RecordedRequest[] {
    return test.fake.requests.filter(
      (request) => request.method === method && request.url.pathname.endsWith(pathEnd),
    );
  }

  async function write(element: HearthComments, body: string): Promise<void> {
    part(element, 'body-input').focus();
    await sendKeys({ type: body });
    part(element, 'submit-button').click();
  }

  it('hides the name and email fields, says who is signed in, and posts with the token', async () => {
    const jwt = makeTestJwt({ sub: 'u-1', name: 'Ada <b>Lovelace</b>' });
    const element = await mountReady(
      { endpoint: test.fake.url, databaseName: test.databaseName, ssoToken: jwt },
      0,
    );
    expect(parts(element, 'name-input')).to.have.length(0);
    expect(parts(element, 'email-input')).to.have.length(0);
    const identity = part(element, 'identity');
    expect(text(identity)).to.equal('Signed in as \u2068Ada <b>Lovelace</b>\u2069');
    expect(identity.querySelector('b'), 'the name is text, never markup').to.equal(null);
    await expect(element).to.be.accessible();

    await test.fake.waitForRequests(1);
    await write(element, 'Signed-in words');
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    const [post] = requests('POST');
    expect(post!.headers.get('Authorization')).to.equal(`Bearer ${jwt}`);
    expect(post!.body).to.deep.include({ authorName: 'Ada <b>Lovelace</b>', body: 'Signed-in words' });
    expect(post!.body).not.to.have.property('email');
    expect(text(part(element, 'verified-badge'))).to.equal('Verified');
    // Theirs by account, not by an author token: Edit shows all the same.
    await waitUntil(() => parts(element, 'edit-button').length === 1);
    const db = (await openHearthDb(test.databaseName))!;
    expect(await db.count('authorship')).to.equal(0);
    db.close();
  });

  it('asks the server which comments are the user’s, so one written elsewhere can be edited here', async () => {
    const fromPhone = makeComment({ authorName: 'Ada', verified: true, body: 'Typed on my phone' });
    const grace = makeComment({ authorName: 'Grace' });
    test.fake.comments.push(fromPhone, grace);
    test.fake.authors.set(fromPhone.id, { tokenHash: null, userId: 'u-1' });
    const jwt = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    const element = await mountReady({ endpoint: test.fake.url, ssoToken: jwt }, 2);
    await waitUntil(() => parts(element, 'edit-button').length === 1, 'Edit on the user’s comment');
    expect(parts(element, 'edit-button', commentById(element, fromPhone.id))).to.have.length(1);
    expect(parts(element, 'edit-button', commentById(element, grace.id))).to.have.length(0);
    const [mine] = requests('GET', '/comments/mine');
    expect(mine!.headers.get('Authorization')).to.equal(`Bearer ${jwt}`);

    part(element, 'edit-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const field = part<HTMLTextAreaElement>(element, 'body-input', commentById(element, fromPhone.id));
    field.select();
    await sendKeys({ type: 'Fixed on my laptop' });
    part(element, 'submit-button', commentById(element, fromPhone.id)).click();
    await waitUntil(
      () => test.fake.comments.find((c) => c.id === fromPhone.id)?.body === 'Fixed on my laptop',
    );
    expect(requests('PATCH')[0]!.headers.get('Authorization')).to.equal(`Bearer ${jwt}`);

    // Signing out forgets them; signing in as someone else asks again.
    element.setIdentity(null);
    await waitUntil(() => parts(element, 'edit-button').length === 0);
    expect(parts(element, 'name-input')).to.have.length(1);
    element.setIdentity(makeTestJwt({ sub: 'u-2', name: 'Grace' }));
    await waitUntil(() => requests('GET', '/comments/mine').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(parts(element, 'edit-button')).to.have.length(0);
    expect(text(part(element, 'identity'))).to.equal('Signed in as \u2068Grace\u2069');
  });

  it('shows the votes the user cast on another device as theirs, and takes one back from here', async () => {
    const upvoted = makeComment({ votes: 2 });
    const other = makeComment({ votes: 1 });
    test.fake.comments.push(upvoted, other);
    test.fake.voters.set(upvoted.id, new Set(['user:u-1', 'anon:someone']));
    test.fake.voters.set(other.id, new Set(['user:u-2']));
    const element = await mountReady(
      { endpoint: test.fake.url, databaseName: test.databaseName, ssoToken: makeTestJwt({ sub: 'u-1' }) },
      2,
    );
    const voteButton = (id: string): HTMLButtonElement =>
      commentById(element, id).querySelector<HTMLButtonElement>('[part~="vote-button"]')!;
    await waitUntil(
      () => voteButton(upvoted.id).getAttribute('aria-pressed') === 'true',
      'pressed from mine',
    );
    expect(text(voteButton(upvoted.id))).to.equal('Upvote (2)');
    expect(voteButton(other.id).getAttribute('aria-pressed')).to.equal('false');
    const db = (await openHearthDb(test.databaseName))!;
    try {
      expect((await db.getAll('votes')).map((mark) => [mark.commentId, mark.isUp])).to.deep.equal([
        [upvoted.id, true],
      ]);
    } finally {
      db.close();
    }

    voteButton(upvoted.id).click();
    await waitUntil(() => test.fake.voters.get(upvoted.id)?.has('user:u-1') === false, 'taken back');
    expect(voteButton(upvoted.id).getAttribute('aria-pressed')).to.equal('false');
    expect(text(voteButton(upvoted.id))).to.equal('Upvote (1)');
  });

  it('keeps a write pending when the token has expired, asks the page once, and sends it with the new token', async () => {
    const stale = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    const element = await mountReady(
      { endpoint: test.fake.url, databaseName: test.databaseName, ssoToken: stale },
      0,
    );
    await test.fake.waitForRequests(1);
    const events: Event[] = [];
    const record = (event: Event): number => events.push(event);
    document.addEventListener(SsoTokenExpiredEvent.eventName, record);
    after = () => document.removeEventListener(SsoTokenExpiredEvent.eventName, record);
    test.fake.expiredTokens.add(stale);

    await write(element, 'Written as the token ran out');
    await waitUntil(() => events.length >= 1, 'the page is asked for a fresh token');
    const comment = parts(element, 'comment')[0]!;
    expect(comment.dataset.state).to.equal('pending');
    await waitUntil(() => text(comment.querySelector('.write-state')) === 'Waiting for you to sign in again');
    expect(events[0]).to.be.instanceOf(SsoTokenExpiredEvent);
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    // Re-renders (a clock tick, the network coming back) do not ask again.
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).to.have.length(1);
    expect(requests('POST')).to.have.length(1);

    const fresh = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    element.setIdentity(fresh);
    await waitUntil(
      () => parts(element, 'comment')[0]?.dataset.state === 'published',
      'sent with the new token',
    );
    expect(requests('POST').map((request) => request.headers.get('Authorization'))).to.deep.equal([
      `Bearer ${stale}`,
      `Bearer ${fresh}`,
    ]);
    expect(test.fake.comments).to.have.length(1);
    expect(element.ssoToken).to.equal(fresh);
  });

  it('asks the page for a fresh token when a vote meets an expired one, and sends the vote with it', async () => {
    const comment = makeComment({ votes: 1 });
    test.fake.comments.push(comment);
    const stale = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    const element = await mountReady(
      { endpoint: test.fake.url, databaseName: test.databaseName, ssoToken: stale },
      1,
    );
    const events: Event[] = [];
    const record = (event: Event): number => events.push(event);
    document.addEventListener(SsoTokenExpiredEvent.eventName, record);
    after = () => document.removeEventListener(SsoTokenExpiredEvent.eventName, record);
    test.fake.expiredTokens.add(stale);
    const voteButton = (): HTMLButtonElement =>
      commentById(element, comment.id).querySelector<HTMLButtonElement>('[part~="vote-button"]')!;

    voteButton().click();
    await waitUntil(() => events.length >= 1, 'the page is asked for a fresh token');
    expect(voteButton().getAttribute('aria-pressed')).to.equal('true');
    expect(text(voteButton())).to.equal('Upvote (2)');
    expect(test.fake.voters.get(comment.id)?.size ?? 0).to.equal(0);
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).to.have.length(1);

    const fresh = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    element.setIdentity(fresh);
    await waitUntil(
      () => test.fake.voters.get(comment.id)?.has('user:u-1') === true,
      'sent with the new token',
    );
    expect(requests('PUT', '/vote').map((request) => request.headers.get('Authorization'))).to.deep.equal([
      `Bearer ${stale}`,
      `Bearer ${fresh}`,
    ]);
    expect(text(voteButton())).to.equal('Upvote (2)');
  });

  it('fires the event when the server says the token expired while listing the user’s comments', async () => {
    const stale = makeTestJwt({ sub: 'u-1' });
    test.fake.expiredTokens.add(stale);
    const fired = new Promise<Event>((resolve) =>
      document.addEventListener(SsoTokenExpiredEvent.eventName, resolve, { once: true }),
    );
    await mountReady({ endpoint: test.fake.url, ssoToken: stale }, 0);
    expect((await fired).type).to.equal('hearth-sso-token-expired');
  });

  it('takes the token from the sso-token attribute as well as from setIdentity()', async () => {
    const element = await mountReady({ endpoint: test.fake.url }, 0);
    expect(parts(element, 'name-input')).to.have.length(1);
    element.setAttribute('sso-token', makeTestJwt({ sub: 'u-3', name: 'Linus' }));
    await waitUntil(() => parts(element, 'identity').length === 1);
    expect(text(part(element, 'identity'))).to.equal('Signed in as \u2068Linus\u2069');
    element.removeAttribute('sso-token');
    await waitUntil(() => parts(element, 'name-input').length === 1);
  });
});
