import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
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

describe('<hearth-admin>: recent comments, paging, threads, bans and the audit log', () => {
  let fake: FakeAdminApi;
  useFakeAdminApi((installed) => (fake = installed));

  async function openTab(admin: HearthAdmin, tab: string): Promise<void> {
    find(admin, `#tab-${tab}`).click();
    await waitUntil(() => !find(admin, `#panel-${tab}`).hidden);
  }

  it('pins, unpins and deletes published comments', async () => {
    const first = makeAdminComment({ authorName: 'Ada', status: 'published' });
    const second = makeAdminComment({ authorName: 'Grace', status: 'published', pinned: true });
    fake.comments.push(first, second, makeAdminComment({ authorName: 'Held Hal' }));
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'recent');
    await waitForCards(admin, 'recent', 2);
    expect(fake.requests.at(-1)!.url.searchParams.get('status')).to.equal('published');
    expect(cards(admin, 'recent').map((card) => card.querySelector('.author')!.textContent)).to.deep.equal([
      'Grace',
      'Ada',
    ]);

    const pin = cardButton(admin, first.id, 'pin');
    expect(pin.textContent!.trim()).to.equal('Pin');
    expect(pin.getAttribute('aria-pressed')).to.equal('false');
    pin.click();
    await waitForNotice(admin, "Pinned Ada's comment");
    expect(fake.requests.at(-1)!.path).to.equal(`comments/${first.id}/pin`);
    expect(fake.requests.at(-1)!.body).to.deep.equal({ pinned: true });
    await waitUntil(() => cardButton(admin, first.id, 'pin').textContent!.trim() === 'Unpin');
    expect(cardButton(admin, first.id, 'pin').getAttribute('aria-pressed')).to.equal('true');

    cardButton(admin, second.id, 'pin').click();
    await waitForNotice(admin, "Unpinned Grace's comment");
    expect(fake.requests.at(-1)!.body).to.deep.equal({ pinned: false });

    cardButton(admin, second.id, 'delete').click();
    await waitForCards(admin, 'recent', 1);
    expect(fake.requests.at(-1)!.method).to.equal('DELETE');
    expect(fake.requests.at(-1)!.path).to.equal(`comments/${second.id}`);
    expect(noticeText(admin)).to.equal("Deleted Grace's comment on /posts/small-communities.");
    await waitUntil(() => focused(admin) === cards(admin, 'recent')[0]);
    await expect(admin).to.be.accessible();
  });

  it('lists held edits with both texts, and approves or rejects them', async () => {
    const pendingEdit = { body: 'Ten links now', heldAt: '2025-06-01T12:05:00.000Z' };
    const ada = makeAdminComment({ authorName: 'Ada', status: 'published', body: 'Kind words', pendingEdit });
    const grace = makeAdminComment({ authorName: 'Grace', status: 'published', body: 'Old', pendingEdit });
    fake.comments.push(ada, grace, makeAdminComment({ authorName: 'Plain', status: 'published' }));
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'edits');
    await waitForCards(admin, 'edits', 2);
    expect(fake.requests.at(-1)!.url.searchParams.get('pendingEdit')).to.equal('true');
    const card = cards(admin, 'edits').find((each) => each.dataset.id === ada.id)!;
    expect([...card.querySelectorAll('.body')].map((body) => body.textContent)).to.deep.equal([
      'Kind words',
      'Ten links now',
    ]);
    await expect(admin).to.be.accessible();

    cardButton(admin, ada.id, 'approve-edit').click();
    await waitForCards(admin, 'edits', 1);
    expect(fake.requests.at(-1)!.path).to.equal(`comments/${ada.id}/edit/approve`);
    expect(noticeText(admin)).to.equal("Published Ada's edit on /posts/small-communities.");
    expect(fake.comments.find((c) => c.id === ada.id)!.body).to.equal('Ten links now');

    cardButton(admin, grace.id, 'reject-edit').click();
    await waitForCards(admin, 'edits', 0);
    expect(fake.requests.at(-1)!.path).to.equal(`comments/${grace.id}/edit/reject`);
    expect(fake.comments.find((c) => c.id === grace.id)!.body).to.equal('Old');
    await waitUntil(
      () => find(admin, '#panel-edits .empty').textContent === 'No edit is waiting for moderation.',
    );
  });

  it('loads older comments with nextBefore and stops when there are no more', async () => {
    for (let i = 0; i < 53; i += 1) fake.comments.push(makeAdminComment({ authorName: `Reader ${i}` }));
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 50);
    const lastShown = cards(admin, 'held').at(-1)!;
    const expectedBefore = fake.comments.find((c) => c.id === lastShown.dataset.id)!.seq;

    find(admin, '#panel-held [data-action="load-more"]').click();
    await waitForCards(admin, 'held', 53);
    expect(fake.requests.at(-1)!.url.searchParams.get('before')).to.equal(String(expectedBefore));
    expect(new Set(cards(admin, 'held').map((card) => card.dataset.id)).size).to.equal(53);
    expect(admin.shadowRoot!.querySelector('#panel-held [data-action="load-more"]')).to.equal(null);
    expect(focused(admin)).to.equal(cards(admin, 'held')[50], 'focus lands on the first older comment');
  });

  it('filters by site when the admin moderates more than one', async () => {
    fake.sites = [
      { id: 'demo', moderation: 'all' },
      { id: 'blog', moderation: 'none' },
    ];
    fake.comments.push(makeAdminComment({ site: 'demo' }), makeAdminComment({ site: 'blog' }));
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 2);
    const select = find<HTMLSelectElement>(admin, '#panel-held .toolbar select');
    select.value = 'blog';
    select.dispatchEvent(new Event('change'));
    await waitForCards(admin, 'held', 1);
    expect(fake.requests.at(-1)!.url.searchParams.get('site')).to.equal('blog');
    expect(cards(admin, 'held')[0]!.querySelector('.where')!.textContent).to.contain('blog');
  });

  it('locks and unlocks a thread, and asks for a key when it is empty', async () => {
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'threads');
    const before = fake.requests.length;

    find(admin, '#panel-threads button[value="lock"]').click();
    await waitUntil(() => admin.shadowRoot!.querySelector('#thread-key-error'));
    expect(fake.requests.length).to.equal(before);
    expect(find(admin, '#thread-key').getAttribute('aria-invalid')).to.equal('true');
    expect(focused(admin)).to.equal(find(admin, '#thread-key'));

    find<HTMLInputElement>(admin, '#thread-key').value = ' /posts/kettles ';
    find(admin, '#panel-threads button[value="lock"]').click();
    await waitForNotice(admin, 'Locked /posts/kettles on demo');
    const lock = fake.requests.filter((request) => request.path === 'threads/lock').at(-1)!;
    expect(lock.body).to.deep.equal({
      site: 'demo',
      thread: '/posts/kettles',
      locked: true,
    });
    expect(admin.shadowRoot!.querySelector('#thread-key-error')).to.equal(null);

    find(admin, '#panel-threads button[value="unlock"]').click();
    await waitForNotice(admin, 'Unlocked /posts/kettles on demo.');
    expect(fake.locks.get('demo /posts/kettles')).to.equal(false);
    await expect(admin).to.be.accessible();
  });

  it('lists bans, adds one by hand and removes one', async () => {
    fake.bans.push({
      id: 91,
      site: 'demo',
      kind: 'email',
      value: 'spam@example.org',
      reason: 'kettle spam',
      createdAt: '2026-11-20T10:00:00.000Z',
      createdBy: 'Maren',
    });
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'bans');
    await waitUntil(() => findAll(admin, '#panel-bans tbody tr').length === 1);
    expect(find(admin, '#panel-bans tbody tr').textContent).to.contain('spam@example.org');
    expect(find(admin, '#panel-bans tbody tr').textContent).to.contain('kettle spam');

    const form = find<HTMLFormElement>(admin, '#panel-bans form.add-ban');
    form.querySelector<HTMLSelectElement>('select[name="kind"]')!.value = 'user';
    find<HTMLInputElement>(admin, '#ban-value').value = 'user-7';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitForNotice(admin, 'Banned User id user-7 on demo.');
    expect(fake.requests.at(-1)!.body).to.deep.equal({ site: 'demo', kind: 'user', value: 'user-7' });
    await waitUntil(() => findAll(admin, '#panel-bans tbody tr').length === 2);

    const remove = find<HTMLButtonElement>(admin, '#panel-bans button[data-ban-id="91"]');
    expect(remove.getAttribute('aria-label')).to.equal('Remove the ban on Email address spam@example.org');
    remove.click();
    await waitForNotice(admin, 'Removed the ban on Email address spam@example.org.');
    expect(fake.requests.at(-1)!.method).to.equal('DELETE');
    expect(fake.requests.at(-1)!.path).to.equal('bans/91');
    expect(findAll(admin, '#panel-bans tbody tr')).to.have.length(1);
    expect(fake.bans.map((ban) => ban.value)).to.deep.equal(['user-7']);
    await expect(admin).to.be.accessible();
  });

  it('shows the audit log, newest first, with the server’s error when it fails', async () => {
    fake.comments.push(makeAdminComment({ authorName: 'Ada' }));
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 1);
    cardButton(admin, fake.comments[0]!.id, 'approve').click();
    await waitForCards(admin, 'held', 0);

    await openTab(admin, 'audit');
    await waitUntil(() => findAll(admin, '#panel-audit tbody tr').length === 1);
    const row = find(admin, '#panel-audit tbody tr');
    expect(row.textContent).to.contain('comment.approve');
    expect(row.textContent).to.contain('Maren');
    // The server names the comment it acted on: its author and thread, not its id.
    expect(row.querySelector('.audit-target')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Comment by \u2068Ada\u2069 on \u2068/posts/small-communities\u2069',
    );
    expect(fake.requests.at(-1)!.url.searchParams.get('limit')).to.equal('100');

    fake.script.push({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Something went wrong.' } },
    });
    find(admin, '#panel-audit [data-action="refresh"]').click();
    await waitForNotice(admin, 'Something went wrong.');
    expect(find(admin, '[part~="notice"]').dataset.kind).to.equal('error');
    await expect(admin).to.be.accessible();
  });

  it('reports a network failure and a reply it cannot read', async () => {
    fake.comments.push(makeAdminComment());
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 1);

    fake.script.push('network-error');
    find(admin, '#panel-held [data-action="refresh"]').click();
    await waitForNotice(admin, 'Could not reach the server');

    fake.script.push({ status: 200, body: { comments: [{ id: 42 }], nextBefore: null } });
    find(admin, '#panel-held [data-action="refresh"]').click();
    await waitForNotice(admin, 'a reply this page does not understand');
    expect(cards(admin, 'held')).to.have.length(1, 'what was shown stays');
  });
});
