import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/wait-until.js';
import type { HearthAdmin } from '../../src/admin/hearth-admin.js';
import {
  cardButton,
  cards,
  find,
  findAll,
  focused,
  mountAdmin,
  signIn,
  waitForCards,
  waitForNotice,
} from './admin-test-helpers.js';
import { makeAdminComment, useFakeAdminApi, type FakeAdminApi } from './fake-admin-api.js';

/** A tab's accessible text: its name, and what waits, as a screen reader says it. */
function tabText(admin: HearthAdmin, tab: string): string {
  return find(admin, `#tab-${tab}`).textContent!.replace(/\s+/g, ' ').trim();
}

function rows(admin: HearthAdmin, panel: string): HTMLTableRowElement[] {
  return findAll<HTMLTableRowElement>(admin, `#panel-${panel} tbody tr`);
}

describe('<hearth-admin>: what waits, links to pages, threads, the audit’s subjects and webhooks', () => {
  let fake: FakeAdminApi;
  useFakeAdminApi((installed) => (fake = installed));
  let title: string;
  beforeEach(() => {
    title = document.title;
    document.title = 'Hearth moderation';
  });
  afterEach(() => {
    document.title = title;
  });

  async function openTab(admin: HearthAdmin, tab: string): Promise<void> {
    find(admin, `#tab-${tab}`).click();
    await waitUntil(() => !find(admin, `#panel-${tab}`).hidden);
  }

  it('counts held comments and edits on their tabs and in the title, after each action and on a timer', async () => {
    const pendingEdit = { body: 'New text', heldAt: '2026-11-26T12:00:00.000Z' };
    fake.comments.push(
      makeAdminComment({ authorName: 'Ada' }),
      makeAdminComment({ authorName: 'Grace' }),
      makeAdminComment({ authorName: 'Linus' }),
      makeAdminComment({ authorName: 'Edith', status: 'published', pendingEdit }),
    );
    const admin = await mountAdmin(fake);
    expect(document.title).to.equal('Hearth moderation');
    admin.refreshSeconds = 0.2;
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 3);
    await waitUntil(() => tabText(admin, 'held') === 'Held 3, 3 waiting', 'the Held tab never counted 3');
    expect(tabText(admin, 'edits')).to.equal('Edits 1, 1 waiting');
    expect(tabText(admin, 'recent')).to.equal('Recent');
    expect(find(admin, '#tab-held .count').getAttribute('aria-hidden')).to.equal('true');
    expect(document.title).to.equal('(4) Hearth moderation');
    await expect(admin).to.be.accessible();

    const counted = fake.queueRequests.length;
    cardButton(admin, fake.comments[0]!.id, 'approve').click();
    await waitForCards(admin, 'held', 2);
    await waitUntil(() => document.title === '(3) Hearth moderation', 'the title never caught up');
    expect(tabText(admin, 'held')).to.equal('Held 2, 2 waiting');
    expect(fake.queueRequests.length).to.be.greaterThan(counted);
    expect(fake.queueRequests.at(-1)!.headers.get('Authorization')).to.equal(`Bearer ${fake.token}`);

    // A comment held elsewhere meanwhile: the timer finds it without a click.
    fake.comments.push(makeAdminComment({ authorName: 'Newcomer' }));
    await waitUntil(() => document.title === '(4) Hearth moderation', 'the timer never counted again');
    expect(tabText(admin, 'held')).to.equal('Held 3, 3 waiting');
    expect(cards(admin, 'held')).to.have.length(2, 'the list itself stays as the moderator left it');

    // Nothing waiting: no badge, a plain title.
    for (const comment of fake.comments) comment.status = 'published';
    delete fake.comments[3]!.pendingEdit;
    await waitUntil(() => document.title === 'Hearth moderation', 'the count never went away');
    expect(admin.shadowRoot!.querySelector('[role="tab"] .count')).to.equal(null);

    fake.comments.push(makeAdminComment());
    await waitUntil(() => document.title === '(1) Hearth moderation');
    find(admin, '[data-action="sign-out"]').click();
    await waitUntil(() => document.title === 'Hearth moderation', 'signing out keeps the count');
    const afterSignOut = fake.queueRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.queueRequests.length).to.equal(afterSignOut, 'no count is asked for once signed out');
  });

  it('counts quietly: a failed count says nothing, a refused token signs out', async () => {
    fake.comments.push(makeAdminComment());
    const admin = await mountAdmin(fake);
    admin.refreshSeconds = 0.2;
    await signIn(admin, fake.token);
    await waitUntil(() => document.title === '(1) Hearth moderation');
    const notice = find(admin, '[part~="notice"]').textContent;
    const realFetch = window.fetch;
    let failures = 0;
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/queue')) {
        failures += 1;
        throw new TypeError('Failed to fetch');
      }
      return realFetch(input, init);
    };
    try {
      await waitUntil(() => failures >= 2, 'the timer stopped after a failure');
      expect(find(admin, '[part~="notice"]').textContent).to.equal(notice);
      expect(document.title).to.equal('(1) Hearth moderation', 'the last count stays');
    } finally {
      window.fetch = realFetch;
    }
    fake.token = 'rotated-token-0123456789abcdef';
    await waitForNotice(admin, 'The server no longer accepts this admin token');
    await waitUntil(() => document.title === 'Hearth moderation');
    expect(admin.shadowRoot!.querySelector('#token')).to.not.equal(null);
  });

  it('links each comment to its page in a new tab, and never to anything but http(s)', async () => {
    const linked = makeAdminComment({
      authorName: 'Ada',
      commentUrl: 'https://blog.example/posts/a?ref=feed#comment-1',
    });
    const scripted = makeAdminComment({ authorName: 'Mallory', commentUrl: 'javascript:alert(1)' });
    const unknown = makeAdminComment({ authorName: 'Pat' });
    fake.comments.push(linked, scripted, unknown);
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 3);
    const link = find<HTMLAnchorElement>(admin, `article[data-id="${linked.id}"] a.page-link`);
    expect(link.getAttribute('href')).to.equal('https://blog.example/posts/a?ref=feed#comment-1');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.textContent!.trim()).to.equal('View on page');
    expect(link.getAttribute('aria-label')).to.equal(
      "View on page: \u2068Ada\u2069's comment (opens in a new tab)",
    );
    expect(admin.shadowRoot!.querySelector(`article[data-id="${scripted.id}"] a`)).to.equal(null);
    expect(admin.shadowRoot!.querySelector(`article[data-id="${unknown.id}"] a`)).to.equal(null);
    await expect(admin).to.be.accessible();
  });

  it('lists a site’s threads with counts, activity and locks; locks from a row, pages on, and locks by key', async () => {
    fake.sites = [
      { id: 'demo', moderation: 'all' },
      { id: 'blog', moderation: 'none' },
    ];
    fake.threadPageSize = 2;
    fake.comments.push(
      makeAdminComment({ thread: '/posts/old', status: 'published' }),
      makeAdminComment({ thread: '/posts/busy', status: 'published' }),
      makeAdminComment({ thread: '/posts/busy' }),
      makeAdminComment({ thread: 'key-without-page' }),
      makeAdminComment({ thread: '/blog/only', site: 'blog' }),
    );
    fake.locks.set('demo /posts/old', true);
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'threads');
    await waitUntil(() => rows(admin, 'threads').length === 2, 'the first page never showed');
    const request = fake.requests.at(-1)!;
    expect(request.path).to.equal('threads');
    expect(request.url.searchParams.get('site')).to.equal('demo');
    const cells = (row: HTMLTableRowElement) =>
      [...row.cells].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());
    const [first, second] = rows(admin, 'threads');
    expect(cells(first!).slice(0, 3)).to.deep.equal(['key-without-page', '0', '1']);
    expect(cells(second!).slice(0, 3)).to.deep.equal(['/posts/busy Open page', '1', '1']);
    expect(cells(second!)[4]).to.equal('Open');
    expect(second!.querySelector('time')!.getAttribute('datetime')).to.equal(fake.comments[2]!.createdAt);
    const pageLink = second!.querySelector<HTMLAnchorElement>('a.page-link')!;
    expect(pageLink.href).to.equal('https://blog.example/posts/busy');
    expect(pageLink.rel).to.equal('noopener noreferrer');
    expect(first!.querySelector('a')).to.equal(null);
    await expect(admin).to.be.accessible();

    // Load more: the next page after the last row, and focus on its first row.
    find(admin, '#panel-threads [data-action="load-more"]').click();
    await waitUntil(() => rows(admin, 'threads').length === 3);
    expect(fake.requests.at(-1)!.url.searchParams.get('before')).to.equal('/posts/busy');
    const old = rows(admin, 'threads')[2]!;
    expect(old.dataset.thread).to.equal('/posts/old');
    expect(cells(old)[4]).to.equal('Locked');
    await waitUntil(() => focused(admin) === old, 'focus never reached the first new row');
    expect(admin.shadowRoot!.querySelector('#panel-threads [data-action="load-more"]')).to.equal(null);

    // Unlock from the row, by keyboard: the row says so at once, focus stays on its button.
    const unlock = old.querySelector<HTMLButtonElement>('button')!;
    expect(unlock.textContent!.trim()).to.equal('Unlock');
    expect(unlock.getAttribute('aria-label')).to.equal('Unlock \u2068/posts/old\u2069');
    unlock.focus();
    await sendKeys({ press: 'Enter' });
    await waitForNotice(admin, 'Unlocked /posts/old on demo.');
    expect(fake.requests.at(-1)!.body).to.deep.equal({ site: 'demo', thread: '/posts/old', locked: false });
    await waitUntil(() => cells(rows(admin, 'threads')[2]!)[4] === 'Open');
    expect(focused(admin)).to.equal(unlock);
    expect(unlock.textContent!.trim()).to.equal('Lock');

    // A thread nobody has commented on is locked by key, and then listed.
    find<HTMLInputElement>(admin, '#thread-key').value = '/posts/announcement';
    find(admin, '#panel-threads form.lock-by-key button[value="lock"]').click();
    await waitForNotice(admin, 'Locked /posts/announcement on demo');
    fake.threadPageSize = 100;
    find(admin, '#panel-threads [data-action="refresh"]').click();
    await waitUntil(() => rows(admin, 'threads').some((row) => row.dataset.thread === '/posts/announcement'));
    const quiet = rows(admin, 'threads').find((row) => row.dataset.thread === '/posts/announcement')!;
    expect(cells(quiet).slice(1, 5)).to.deep.equal(['0', '0', 'No comments', 'Locked']);

    // Another site: its own threads.
    const select = find<HTMLSelectElement>(admin, '#panel-threads .toolbar select');
    select.value = 'blog';
    select.dispatchEvent(new Event('change'));
    await waitUntil(
      () => rows(admin, 'threads').length === 1 && rows(admin, 'threads')[0]!.dataset.thread === '/blog/only',
    );
    expect(fake.requests.at(-1)!.url.searchParams.get('site')).to.equal('blog');
    await expect(admin).to.be.accessible();
  });

  it('says when a site has no threads', async () => {
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'threads');
    await waitUntil(() => admin.shadowRoot!.querySelector('#panel-threads .empty'));
    expect(find(admin, '#panel-threads .empty').textContent).to.equal('No threads on demo yet.');
  });

  it('names what each audit entry acted on: a comment and its page, a thread, a ban, else the id', async () => {
    fake.audit.push(
      {
        id: 4,
        at: '2026-11-26T12:04:00.000Z',
        actor: 'Maren',
        action: 'comment.approve',
        site: 'demo',
        target: 'c-1',
        detail: '',
        subject: {
          kind: 'comment',
          authorName: 'Ada',
          status: 'published',
          thread: '/posts/a',
          url: 'https://blog.example/posts/a#comment-c-1',
        },
      },
      {
        id: 3,
        at: '2026-11-26T12:03:00.000Z',
        actor: 'Maren',
        action: 'comment.reject',
        site: 'demo',
        target: 'c-2',
        detail: '',
        subject: { kind: 'comment', authorName: '', status: 'deleted', thread: '/posts/a', url: null },
      },
      {
        id: 2,
        at: '2026-11-26T12:02:00.000Z',
        actor: 'Maren',
        action: 'thread.lock',
        site: 'demo',
        target: '/posts/a',
        detail: '',
        subject: { kind: 'thread', thread: '/posts/a', url: 'https://blog.example/posts/a' },
      },
      {
        id: 1,
        at: '2026-11-26T12:01:00.000Z',
        actor: 'Maren',
        action: 'ban.add',
        site: 'demo',
        target: '7',
        detail: 'email spam@example.org',
        subject: { kind: 'ban', banKind: 'email', value: 'spam@example.org' },
      },
      {
        id: 0,
        at: '2026-11-26T12:00:00.000Z',
        actor: 'Maren',
        action: 'ban.remove',
        site: 'demo',
        target: '6',
        detail: 'user user-9',
      },
    );
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'audit');
    await waitUntil(() => rows(admin, 'audit').length === 5);
    const targets = rows(admin, 'audit').map((row) =>
      row
        .querySelector('.audit-target')!
        .textContent!.replace(/[\u2068\u2069]/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(targets).to.deep.equal([
      'Comment by Ada on /posts/a View on page',
      'A deleted comment on /posts/a',
      'Thread /posts/a Open page',
      'Email address spam@example.org',
      '6',
    ]);
    const links = rows(admin, 'audit').map((row) => row.querySelector<HTMLAnchorElement>('a')?.href ?? null);
    expect(links).to.deep.equal([
      'https://blog.example/posts/a#comment-c-1',
      null,
      'https://blog.example/posts/a',
      null,
      null,
    ]);
    expect(rows(admin, 'audit')[4]!.querySelector('.audit-target')!.classList.contains('mono')).to.equal(
      true,
    );
    await expect(admin).to.be.accessible();
  });

  it('lists webhook deliveries with their state, attempts and last error, by site', async () => {
    fake.sites = [
      { id: 'demo', moderation: 'all' },
      { id: 'blog', moderation: 'none' },
    ];
    fake.deliveries.push(
      {
        id: 'msg_2',
        site: 'demo',
        type: 'comment.held',
        url: 'https://hooks.example/hearth',
        state: 'queued',
        attempts: 2,
        lastError: 'HTTP 503: busy',
        createdAt: '2026-11-26T12:02:00.000Z',
        finishedAt: null,
        nextAttemptAt: '2026-11-26T12:10:00.000Z',
      },
      {
        id: 'msg_1',
        site: 'blog',
        type: 'comment.created',
        url: 'https://hooks.example/blog',
        state: 'done',
        attempts: 1,
        lastError: null,
        createdAt: '2026-11-26T12:01:00.000Z',
        finishedAt: '2026-11-26T12:01:01.000Z',
        nextAttemptAt: null,
      },
      {
        id: 'msg_0',
        site: 'demo',
        type: 'comment.deleted',
        url: 'https://hooks.example/hearth',
        state: 'failed',
        attempts: 9,
        lastError: 'HTTP 410: gone',
        createdAt: '2026-11-26T12:00:00.000Z',
        finishedAt: '2026-11-26T12:00:30.000Z',
        nextAttemptAt: null,
      },
    );
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await openTab(admin, 'webhooks');
    await waitUntil(() => rows(admin, 'webhooks').length === 3);
    expect(fake.requests.at(-1)!.path).to.equal('webhooks');
    const cells = rows(admin, 'webhooks').map((row) =>
      [...row.cells].slice(1, 7).map((cell) => cell.textContent!.trim()),
    );
    expect(cells).to.deep.equal([
      ['demo', 'comment.held', 'https://hooks.example/hearth', 'Waiting', '2', 'HTTP 503: busy'],
      ['blog', 'comment.created', 'https://hooks.example/blog', 'Delivered', '1', ''],
      ['demo', 'comment.deleted', 'https://hooks.example/hearth', 'Gave up', '9', 'HTTP 410: gone'],
    ]);
    expect(rows(admin, 'webhooks')[0]!.querySelectorAll('time')[1]!.getAttribute('datetime')).to.equal(
      '2026-11-26T12:10:00.000Z',
    );
    await expect(admin).to.be.accessible();

    const select = find<HTMLSelectElement>(admin, '#panel-webhooks .toolbar select');
    select.value = 'blog';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => rows(admin, 'webhooks').length === 1);
    expect(fake.requests.at(-1)!.url.searchParams.get('site')).to.equal('blog');

    fake.deliveries.length = 0;
    find(admin, '#panel-webhooks [data-action="refresh"]').click();
    await waitUntil(() => admin.shadowRoot!.querySelector('#panel-webhooks .empty'));
    expect(find(admin, '#panel-webhooks .empty').textContent).to.contain('No webhook deliveries yet');
  });
});
