import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthAdmin } from '../../src/admin/hearth-admin.js';
import {
  cardButton,
  cards,
  find,
  findAll,
  focused,
  mountAdmin,
  noticeText,
  signIn,
  waitForCards,
  waitForNotice,
} from './admin-test-helpers.js';
import { makeAdminComment, useFakeAdminApi, type FakeAdminApi } from './fake-admin-api.js';

/** Markdown and markup a moderator must see as typed; the image would retitle the page if it ran. */
const spamBody = `**Buy** <b>now</b> <img src=x onerror="document.title='pwned'">\n[cheap](https://spam.example)`;

describe('<hearth-admin>: signing in and the held queue', () => {
  let fake: FakeAdminApi;
  useFakeAdminApi((installed) => (fake = installed));

  function holdThree(): void {
    fake.comments.push(
      makeAdminComment({ authorName: 'Ada', email: 'ada@example.org', ipHash: 'a'.repeat(43) }),
      makeAdminComment({ authorName: 'Grace', site: 'demo', thread: '/posts/kettles' }),
      makeAdminComment({ authorName: 'Linus', userId: 'user-42', body: 'Newest of the three.' }),
    );
  }

  it('says why each held comment waits, in words, and an unknown reason by its code', async () => {
    fake.comments.push(
      makeAdminComment({ authorName: 'Ada', holdReason: { code: 'first_time' } }),
      makeAdminComment({ authorName: 'Linus', holdReason: { code: 'links', links: 7, maxLinks: 2 } }),
      makeAdminComment({ authorName: 'Mallory', holdReason: { code: 'blocklist', phrase: 'casino' } }),
      makeAdminComment({ authorName: 'Grace', holdReason: { code: 'from_a_newer_server' } }),
      makeAdminComment({ authorName: 'Pat' }),
    );
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 5);
    const reasons = Object.fromEntries(
      cards(admin, 'held').map((card) => [
        card.querySelector('.author')!.textContent,
        card.querySelector('.hold-reason')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      ]),
    );
    expect(reasons).to.deep.equal({
      Ada: "Held because: it is the author's first comment on this site (moderation: first-time).",
      Linus: 'Held because: it has 7 links; this site allows 2.',
      Mallory: 'Held because: it contains "casino", on this site\'s blocklist.',
      Grace: 'Held because: from_a_newer_server',
      Pat: null,
    });
    await expect(admin).to.be.accessible();
  });

  it('is accessible while asking for the token', async () => {
    const admin = await mountAdmin(fake);
    await expect(admin).to.be.accessible();
    const field = find<HTMLInputElement>(admin, '#token');
    expect(field.type).to.equal('password');
    expect(field.autocomplete).to.equal('off');
    expect(find(admin, 'label[for="token"]').textContent).to.contain('Admin token');
  });

  it('shows the server’s error when the token is refused, and remembers nothing', async () => {
    const admin = await mountAdmin(fake);
    find<HTMLInputElement>(admin, '#token').value = 'not-the-token';
    find(admin, 'form.sign-in button[type="submit"]').click();

    await waitForNotice(admin, 'A valid admin token is required');
    expect(fake.requests).to.have.length(1);
    expect(fake.requests[0]!.method).to.equal('GET');
    expect(fake.requests[0]!.path).to.equal('me');
    expect(fake.requests[0]!.headers.get('Authorization')).to.equal('Bearer not-the-token');
    const error = find(admin, '#token-error');
    expect(error.textContent).to.contain('A valid admin token is required');
    const field = find<HTMLInputElement>(admin, '#token');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.contain('token-error');
    expect(focused(admin)).to.equal(field);
    expect(find(admin, '[part~="notice"]').dataset.kind).to.equal('error');
    expect(sessionStorage.length).to.equal(0);
    expect(admin.shadowRoot!.querySelector('[role="tablist"]')).to.equal(null);
    await expect(admin).to.be.accessible();
  });

  it('asks for a token without calling the server when the field is empty', async () => {
    const admin = await mountAdmin(fake);
    find(admin, 'form.sign-in button[type="submit"]').click();
    await waitForNotice(admin, 'Enter your admin token.');
    expect(fake.requests).to.have.length(0);
  });

  it('signs in, shows the admin’s name and lists held comments newest first as raw text', async () => {
    holdThree();
    fake.comments.push(
      makeAdminComment({
        authorName: 'Mallory',
        body: spamBody,
      }),
      makeAdminComment({ authorName: 'Published Pat', status: 'published' }),
    );
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 4);

    expect(find(admin, '.who').textContent).to.contain('Signed in as Maren');
    expect(sessionStorage.getItem('hearth-admin-token')).to.equal(fake.token);
    const list = fake.requests.find((request) => request.path === 'comments')!;
    expect(list.url.searchParams.get('status')).to.equal('held');
    expect(list.headers.get('Authorization')).to.equal(`Bearer ${fake.token}`);

    const names = cards(admin, 'held').map((card) => card.querySelector('.author')!.textContent);
    expect(names).to.deep.equal(['Mallory', 'Linus', 'Grace', 'Ada']);
    const [mallory, linus, grace, ada] = cards(admin, 'held');
    // The body is the text as sent: no markdown, no markup, no image.
    const body = mallory!.querySelector('.body')!;
    expect(body.textContent).to.equal(spamBody);
    expect(body.children).to.have.length(0);
    expect(mallory!.querySelector('img, b, a, strong')).to.equal(null);
    expect(document.title).not.to.equal('pwned');
    expect(grace!.querySelector('.where')!.textContent).to.equal('demo · /posts/kettles');
    expect(ada!.querySelector('.details')!.textContent).to.contain('ada@example.org');
    expect(linus!.querySelector('.details')!.textContent).to.contain('user-42');
    expect(grace!.querySelector('.details')).to.equal(null);
    expect(ada!.querySelector('time')!.getAttribute('datetime')).to.equal(fake.comments[0]!.createdAt);
    await expect(admin).to.be.accessible();
  });

  it('approves with the bearer token, drops the comment from the queue and moves focus on', async () => {
    holdThree();
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 3);
    const [linus, grace] = fake.comments.slice().reverse();

    cardButton(admin, linus!.id, 'approve').click();
    await waitForCards(admin, 'held', 2);

    const approve = fake.requests.at(-1)!;
    expect(approve.method).to.equal('POST');
    expect(approve.path).to.equal(`comments/${linus!.id}/approve`);
    expect(approve.headers.get('Authorization')).to.equal(`Bearer ${fake.token}`);
    expect(fake.comments.find((c) => c.id === linus!.id)!.status).to.equal('published');
    expect(noticeText(admin)).to.equal("Approved Linus's comment on /posts/small-communities.");
    expect(find(admin, '[part~="notice"]').dataset.kind).to.equal('success');
    expect(cards(admin, 'held').map((card) => card.dataset.id)).not.to.include(linus!.id);
    await waitUntil(() => focused(admin) === cards(admin, 'held')[0]);
    expect(cards(admin, 'held')[0]!.dataset.id).to.equal(grace!.id);
  });

  it('rejects, and keeps a comment in the queue when the server refuses, with its message', async () => {
    holdThree();
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 3);
    const [linus, grace] = fake.comments.slice().reverse();

    fake.script.push({
      status: 409,
      body: {
        error: {
          code: 'comment_deleted',
          message: 'This comment was deleted and can no longer be approved.',
        },
      },
    });
    cardButton(admin, linus!.id, 'approve').click();
    await waitForNotice(admin, 'This comment was deleted and can no longer be approved.');
    expect(find(admin, '[part~="notice"]').dataset.kind).to.equal('error');
    expect(cards(admin, 'held')).to.have.length(3);

    cardButton(admin, grace!.id, 'reject').click();
    await waitForCards(admin, 'held', 2);
    expect(fake.requests.at(-1)!.path).to.equal(`comments/${grace!.id}/reject`);
    expect(fake.comments.find((c) => c.id === grace!.id)!.status).to.equal('deleted');
    expect(noticeText(admin)).to.equal("Rejected Grace's comment on /posts/kettles.");
  });

  it('bans a comment’s author by the chosen kind, with a reason, offering only kinds it has', async () => {
    holdThree();
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 3);
    const ada = fake.comments[0]!;
    const grace = fake.comments[1]!;

    expect(admin.shadowRoot!.querySelector(`article[data-id="${grace.id}"] [data-action="ban"]`)).to.equal(
      null,
      'a guest with no email, user id or network has nothing to ban by',
    );
    const toggle = cardButton(admin, ada.id, 'ban');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => admin.shadowRoot!.querySelector(`article[data-id="${ada.id}"] .ban-form`));
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const form = find<HTMLFormElement>(admin, `article[data-id="${ada.id}"] .ban-form`);
    const kind = form.querySelector('select')!;
    expect([...kind.options].map((option) => option.value)).to.deep.equal(['email', 'ip']);
    expect(focused(admin)).to.equal(kind);

    kind.value = 'email';
    form.querySelector<HTMLInputElement>('input[name="reason"]')!.value = '  selling kettles  ';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitForNotice(admin, 'Banned by Email address on demo.');

    const ban = fake.requests.at(-1)!;
    expect(ban.method).to.equal('POST');
    expect(ban.path).to.equal('bans');
    expect(ban.headers.get('Content-Type')).to.equal('application/json');
    expect(ban.body).to.deep.equal({
      site: 'demo',
      kind: 'email',
      commentId: ada.id,
      reason: 'selling kettles',
    });
    expect(fake.bans.map((b) => [b.kind, b.value])).to.deep.equal([['email', 'ada@example.org']]);
    expect(admin.shadowRoot!.querySelector(`article[data-id="${ada.id}"] .ban-form`)).to.equal(null);
    await waitUntil(() => focused(admin) === cardButton(admin, ada.id, 'ban'));
  });

  it('can be used from the keyboard alone: sign in, reach a comment, approve it', async () => {
    holdThree();
    const admin = await mountAdmin(fake);
    find<HTMLInputElement>(admin, '#token').focus();
    await sendKeys({ type: fake.token });
    await sendKeys({ press: 'Enter' });
    await waitForCards(admin, 'held', 3);
    expect(focused(admin)?.id).to.equal('tab-held');

    const linus = fake.comments[2]!;
    const approve = cardButton(admin, linus.id, 'approve');
    let presses = 0;
    while (focused(admin) !== approve && presses < 10) {
      await sendKeys({ press: 'Tab' });
      presses += 1;
    }
    expect(focused(admin)).to.equal(approve, 'Tab reaches the first Approve button');
    await sendKeys({ press: 'Enter' });
    await waitForCards(admin, 'held', 2);
    expect(fake.requests.at(-1)!.path).to.equal(`comments/${linus.id}/approve`);
    await waitUntil(() => focused(admin) === cards(admin, 'held')[0], 'focus moves to the next comment');

    // Arrow keys move between sections, as in any tab list.
    find(admin, '#tab-held').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(admin)?.id).to.equal('tab-edits');
    expect(find(admin, '#tab-edits').getAttribute('aria-selected')).to.equal('true');
    expect(find(admin, '#panel-held').hidden).to.equal(true);
    expect(find(admin, '#panel-edits').hidden).to.equal(false);
    await sendKeys({ press: 'End' });
    expect(focused(admin)?.id).to.equal('tab-export');
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(admin)?.id).to.equal('tab-held');
  });

  it('remembers the token for this tab, and forgets it on Sign out', async () => {
    holdThree();
    sessionStorage.setItem('hearth-admin-token', fake.token);
    const admin = await mountAdmin(fake);
    await waitForCards(admin, 'held', 3);
    expect(find(admin, '.who').textContent).to.contain('Maren');

    find(admin, '[data-action="sign-out"]').click();
    await waitUntil(() => admin.shadowRoot!.querySelector('#token'));
    expect(sessionStorage.getItem('hearth-admin-token')).to.equal(null);
    expect(noticeText(admin)).to.equal('Signed out.');
    expect(findAll(admin, 'article')).to.have.length(0);
    expect(focused(admin)).to.equal(find(admin, '#token'));
  });

  it('signs out when the server stops accepting the token', async () => {
    holdThree();
    const admin: HearthAdmin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 3);
    fake.token = 'rotated-token-0123456789abcdef';

    cardButton(admin, fake.comments[0]!.id, 'approve').click();
    await waitForNotice(admin, 'no longer accepts this admin token');
    expect(admin.shadowRoot!.querySelector('#token')).not.to.equal(null);
    expect(sessionStorage.getItem('hearth-admin-token')).to.equal(null);
  });

  it('forgets a remembered token the server refuses', async () => {
    sessionStorage.setItem('hearth-admin-token', 'stale-token-0123456789abcdef');
    const admin = await mountAdmin(fake);
    await waitForNotice(admin, 'no longer accepts this admin token');
    expect(sessionStorage.getItem('hearth-admin-token')).to.equal(null);
    expect(admin.shadowRoot!.querySelector('#token')).not.to.equal(null);
  });
});
