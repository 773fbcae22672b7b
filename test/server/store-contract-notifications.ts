import assert from 'node:assert/strict';
import { it } from 'node:test';
import type {
  ConfirmationRequest,
  NotificationItem,
  Subscriber,
} from '../../server/src/store/notification-store.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore } from './store-contract.js';

const hourMs = 3_600_000;
const ada = 'ada@example.org';
const bob = 'bob@example.org';

/** A confirmation request for `email` on the contract's site at `nowMs`, valid an hour. */
function confirmation(email: string, overrides: Partial<ConfirmationRequest> = {}): ConfirmationRequest {
  return {
    site,
    email,
    locale: null,
    tokenHash: `hash-of-${email}`,
    expiresAtMs: nowMs + hourMs,
    nowMs,
    ...overrides,
  };
}

/** An item for `email` about comment `commentId` in `/t`, queued at `nowMs`. */
function item(email: string, commentId: string, overrides: Partial<NotificationItem> = {}): NotificationItem {
  return {
    site,
    email,
    commentId,
    thread: '/t',
    reason: 'thread',
    createdAtMs: nowMs,
    pageUrl: null,
    ...overrides,
  };
}

const sortByEmail = (subscribers: Subscriber[]) =>
  [...subscribers].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
const commentIdsOf = (items: readonly NotificationItem[]) => items.map((queued) => queued.commentId);

/** Reply notifications' addresses, subscriptions and items (notification-store.ts). */
export function runNotificationContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  /** Makes `email` verified through the store's SSO path. */
  const verify = (email: string, locale: string | null = null, onSite = site) =>
    current.get().verifyEmailAddress(onSite, email, locale, nowMs);
  const subscribers = async (thread: string, parentId: string | null, onSite = site) =>
    sortByEmail(await current.get().listSubscribers(onSite, thread, parentId));

  it('knows no address until asked, then keeps a new one pending with its locale', async () => {
    const store = current.get();
    assert.equal(await store.getEmailAddress(site, ada), null);
    assert.equal(await store.requestConfirmation(confirmation(ada, { locale: 'fr' })), 'issued');
    assert.deepEqual(await store.getEmailAddress(site, ada), {
      site,
      email: ada,
      state: 'pending',
      locale: 'fr',
      confirmExpiresAtMs: nowMs + hourMs,
      confirmTokenHash: `hash-of-${ada}`,
      verifiedAtMs: null,
      lastSentAtMs: null,
    });
    // Addresses are per site.
    assert.equal(await store.getEmailAddress('blog', ada), null);
  });

  it('waits while a token is live, issues again once it expired, and only the newest confirms, once', async () => {
    const store = current.get();
    const first = confirmation(ada, { tokenHash: 'first', expiresAtMs: nowMs + 1_000 });
    assert.equal(await store.requestConfirmation(first), 'issued');
    const early = { tokenHash: 'early', nowMs: nowMs + 999, expiresAtMs: nowMs + 5_000, locale: 'de' };
    assert.equal(await store.requestConfirmation(confirmation(ada, early)), 'waiting');
    const waiting = await store.getEmailAddress(site, ada);
    assert.deepEqual(
      [waiting?.locale, waiting?.confirmExpiresAtMs, waiting?.confirmTokenHash],
      ['de', nowMs + 1_000, 'first'],
      'the waiting token stays the one issued',
    );

    const again = { tokenHash: 'second', nowMs: nowMs + 1_000, expiresAtMs: nowMs + 3_000, locale: 'es' };
    assert.equal(await store.requestConfirmation(confirmation(ada, again)), 'issued');
    assert.equal((await store.getEmailAddress(site, ada))?.confirmExpiresAtMs, nowMs + 3_000);

    assert.equal(await store.confirmEmailAddress('first', nowMs + 1_500), null, 'the replaced token');
    assert.equal(await store.confirmEmailAddress('early', nowMs + 1_500), null, 'a token never issued');
    const verified = {
      site,
      email: ada,
      state: 'verified',
      locale: 'es',
      confirmExpiresAtMs: null,
      confirmTokenHash: null,
      verifiedAtMs: nowMs + 1_500,
      lastSentAtMs: null,
    };
    assert.deepEqual(await store.confirmEmailAddress('second', nowMs + 1_500), verified);
    assert.equal(await store.confirmEmailAddress('second', nowMs + 1_600), null, 'a token is single use');

    // Verified stays verified: no new token, and the locale it has stays.
    const late = { tokenHash: 'third', nowMs: nowMs + 2_000, expiresAtMs: nowMs + 9_000, locale: 'it' };
    assert.equal(await store.requestConfirmation(confirmation(ada, late)), 'verified');
    assert.equal(await store.confirmEmailAddress('third', nowMs + 2_001), null);
    assert.deepEqual(await store.getEmailAddress(site, ada), verified);
  });

  it('confirms nothing with an expired token, which leaves the address pending', async () => {
    const store = current.get();
    await store.requestConfirmation(confirmation(ada, { tokenHash: 'ada', expiresAtMs: nowMs + 1_000 }));
    await store.requestConfirmation(confirmation(bob, { tokenHash: 'bob', expiresAtMs: nowMs + 1_000 }));
    assert.equal(await store.confirmEmailAddress('ada', nowMs + 1_000), null);
    assert.equal((await store.getEmailAddress(site, ada))?.state, 'pending');
    // The last moment before expiry still confirms.
    assert.equal((await store.confirmEmailAddress('bob', nowMs + 999))?.state, 'verified');
  });

  it('verifies an address without a token: new, pending (its token then confirms nothing) or verified', async () => {
    const store = current.get();
    await store.verifyEmailAddress(site, ada, 'fr', nowMs);
    assert.deepEqual(await store.getEmailAddress(site, ada), {
      site,
      email: ada,
      state: 'verified',
      locale: 'fr',
      confirmExpiresAtMs: null,
      confirmTokenHash: null,
      verifiedAtMs: nowMs,
      lastSentAtMs: null,
    });
    await store.verifyEmailAddress(site, ada, 'de', nowMs + 5);
    assert.equal((await store.getEmailAddress(site, ada))?.verifiedAtMs, nowMs, 'verified stays as it was');

    await store.requestConfirmation(confirmation(bob, { tokenHash: 'bob' }));
    await store.verifyEmailAddress(site, bob, 'nl', nowMs + 10);
    const bobs = await store.getEmailAddress(site, bob);
    assert.deepEqual([bobs?.state, bobs?.locale, bobs?.verifiedAtMs], ['verified', 'nl', nowMs + 10]);
    assert.equal(bobs?.confirmExpiresAtMs, null);
    assert.equal(await store.confirmEmailAddress('bob', nowMs + 11), null);
    assert.equal(await store.requestConfirmation(confirmation(bob)), 'verified');
  });

  it('lists the verified followers of a thread and of the parent, once each, reply first', async () => {
    const store = current.get();
    const follow = (email: string, commentId: string | null, thread = '/t', onSite = site) =>
      store.subscribe({ site: onSite, email, thread, commentId }, nowMs);
    for (const email of ['thread@x', 'parent@x', 'both@x', 'other-thread@x', 'other-parent@x']) {
      await verify(email, email === 'parent@x' ? 'fr' : null);
    }
    await verify('blog@x', null, 'blog');
    await follow('thread@x', null);
    await follow('thread@x', null); // Subscribing again changes nothing.
    await follow('parent@x', 'p');
    await follow('both@x', null);
    await follow('both@x', 'p');
    await follow('other-thread@x', null, '/u');
    await follow('other-parent@x', 'q');
    await follow('blog@x', null, '/t', 'blog');
    // Never sent to: one waits for its confirmation, one was never asked to confirm.
    await store.requestConfirmation(confirmation('pending@x'));
    await follow('pending@x', null);
    await follow('unknown@x', 'p');

    assert.deepEqual(await subscribers('/t', 'p'), [
      { email: 'both@x', locale: null, reason: 'reply' },
      { email: 'parent@x', locale: 'fr', reason: 'reply' },
      { email: 'thread@x', locale: null, reason: 'thread' },
    ]);
    assert.deepEqual(await subscribers('/t', null), [
      { email: 'both@x', locale: null, reason: 'thread' },
      { email: 'thread@x', locale: null, reason: 'thread' },
    ]);
    assert.deepEqual(await subscribers('/t', 'q'), [
      { email: 'both@x', locale: null, reason: 'thread' },
      { email: 'other-parent@x', locale: null, reason: 'reply' },
      { email: 'thread@x', locale: null, reason: 'thread' },
    ]);
    assert.deepEqual(await subscribers('/t', null, 'blog'), [
      { email: 'blog@x', locale: null, reason: 'thread' },
    ]);

    await store.confirmEmailAddress('hash-of-pending@x', nowMs + 1);
    assert.deepEqual(
      (await subscribers('/t', null)).map((subscriber) => subscriber.email),
      ['both@x', 'pending@x', 'thread@x'],
    );
    assert.equal(await store.unsubscribe(site, 'thread@x', '/t'), 1, 'one subscription, however often made');
  });

  it('unsubscribes from a thread or everywhere on the site, dropping the pending items of what it stopped', async () => {
    const store = current.get();
    await verify(ada);
    await verify(ada, null, 'blog');
    for (const [thread, commentId] of [
      ['/t', null],
      ['/t', 'p'],
      ['/u', null],
    ] as const) {
      await store.subscribe({ site, email: ada, thread, commentId }, nowMs);
    }
    await store.subscribe({ site: 'blog', email: ada, thread: '/t', commentId: null }, nowMs);
    await store.queueNotificationItems([
      item(ada, 'sent-t'),
      item(ada, 'in-t', { createdAtMs: nowMs + 1 }),
      item(ada, 'in-u', { thread: '/u', createdAtMs: nowMs + 2 }),
      item(ada, 'on-blog', { site: 'blog' }),
    ]);
    await store.markNotificationItemsSent(site, ada, ['sent-t'], nowMs + 3);

    assert.equal(await store.unsubscribe(site, ada, '/t'), 2);
    assert.deepEqual(await subscribers('/t', 'p'), []);
    assert.deepEqual(await subscribers('/u', null), [{ email: ada, locale: null, reason: 'thread' }]);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, ada)), ['in-u']);
    // The sent item is kept as it was: queuing it again queues nothing.
    await store.queueNotificationItems([item(ada, 'sent-t')]);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, ada)), ['in-u']);
    assert.equal(await store.unsubscribe(site, ada, '/t'), 0);

    assert.equal(await store.unsubscribe(site, ada, null), 1);
    assert.deepEqual(await subscribers('/u', null), []);
    assert.deepEqual(await store.listPendingNotificationItems(site, ada), []);
    // Another site's are its own.
    assert.deepEqual(await subscribers('/t', null, 'blog'), [{ email: ada, locale: null, reason: 'thread' }]);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems('blog', ada)), ['on-blog']);
    assert.equal((await store.getEmailAddress(site, ada))?.state, 'verified', 'the address stays');
  });

  it("forgets an address on a site: its record, subscriptions, items, and the email on the site's comments", async () => {
    const store = current.get();
    const mine = await insertCreated(store, '/t', { author: { email: ada } });
    const theirs = await insertCreated(store, '/t', { author: { email: bob } });
    const elsewhere = await insertCreated(store, '/t', { site: 'blog', author: { email: ada } });
    await verify(ada, 'fr');
    await verify(ada, 'fr', 'blog');
    await verify(bob);
    await store.subscribe({ site, email: ada, thread: '/t', commentId: null }, nowMs);
    await store.subscribe({ site, email: bob, thread: '/t', commentId: null }, nowMs);
    await store.subscribe({ site: 'blog', email: ada, thread: '/t', commentId: null }, nowMs);
    await store.queueNotificationItems([
      item(ada, 'sent'),
      item(ada, 'pending'),
      item(bob, 'pending'),
      item(ada, 'pending', { site: 'blog' }),
    ]);
    await store.markNotificationItemsSent(site, ada, ['sent'], nowMs + 1);
    const before = await store.getComment(mine.id);
    assert.equal(before?.author.email, ada);

    await store.forgetEmailAddress(site, ada);

    assert.equal(await store.getEmailAddress(site, ada), null);
    assert.deepEqual(await subscribers('/t', null), [{ email: bob, locale: null, reason: 'thread' }]);
    assert.deepEqual(await store.listPendingNotificationItems(site, ada), []);
    // Nothing of it is kept: the item it was sent queues again as new.
    await store.queueNotificationItems([item(ada, 'sent')]);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, ada)), ['sent']);
    assert.equal(await store.requestConfirmation(confirmation(ada)), 'issued');

    // The comment stays, without the email; nothing else about it changes.
    assert.deepEqual(await store.getComment(mine.id), {
      ...before,
      author: { ...before!.author, email: null },
    });
    assert.equal((await store.getComment(theirs.id))?.author.email, bob);
    assert.equal((await store.getComment(elsewhere.id))?.author.email, ada, "another site's comment");
    assert.equal((await store.getEmailAddress('blog', ada))?.state, 'verified');
    assert.deepEqual(await subscribers('/t', null, 'blog'), [{ email: ada, locale: 'fr', reason: 'thread' }]);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems('blog', ada)), ['pending']);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, bob)), ['pending']);
  });

  it('queues an item once, keeping the first, and lists the pending ones oldest first, then by comment id', async () => {
    const store = current.get();
    await store.queueNotificationItems([
      item(ada, 'c-late', { createdAtMs: nowMs + 2 }),
      item(ada, 'b-tied', { createdAtMs: nowMs + 1, reason: 'reply', pageUrl: 'https://blog.example/p?x=1' }),
      item(ada, 'd-first', { createdAtMs: nowMs }),
      item(ada, 'a-tied', { createdAtMs: nowMs + 1 }),
      item(ada, 'd-first', { createdAtMs: nowMs + 9, thread: '/again' }),
      item(bob, 'e-bobs'),
    ]);
    await store.queueNotificationItems([item(ada, 'c-late', { createdAtMs: nowMs - 5, reason: 'reply' })]);
    assert.deepEqual(await store.listPendingNotificationItems(site, ada), [
      item(ada, 'd-first'),
      item(ada, 'a-tied', { createdAtMs: nowMs + 1 }),
      item(ada, 'b-tied', { createdAtMs: nowMs + 1, reason: 'reply', pageUrl: 'https://blog.example/p?x=1' }),
      item(ada, 'c-late', { createdAtMs: nowMs + 2 }),
    ]);
    assert.deepEqual(await store.listPendingNotificationItems('blog', ada), []);
    await store.queueNotificationItems([]);
  });

  it("marks items sent: they leave the pending list and set the address's lastSentAtMs", async () => {
    const store = current.get();
    await verify(ada);
    await store.queueNotificationItems([
      item(ada, 'one'),
      item(ada, 'two', { createdAtMs: nowMs + 1 }),
      item(ada, 'three', { createdAtMs: nowMs + 2 }),
      item(bob, 'one'),
    ]);
    await store.markNotificationItemsSent(site, ada, ['one', 'three'], nowMs + 10);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, ada)), ['two']);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, bob)), ['one']);
    assert.equal((await store.getEmailAddress(site, ada))?.lastSentAtMs, nowMs + 10);

    await store.queueNotificationItems([item(ada, 'one')]);
    assert.deepEqual(commentIdsOf(await store.listPendingNotificationItems(site, ada)), ['two']);
    await store.markNotificationItemsSent(site, ada, ['two'], nowMs + 20);
    assert.deepEqual(await store.listPendingNotificationItems(site, ada), []);
    assert.equal((await store.getEmailAddress(site, ada))?.lastSentAtMs, nowMs + 20);
  });
}
