import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { openHearthDb } from '../../src/storage/db.js';
import { makeComment } from '../helpers/fixtures.js';
import {
  commentById,
  mountComments,
  mountReady,
  part,
  parts,
  text,
  useElementTest,
} from '../helpers/mount.js';

const thread = '/posts/test';

/** Mounts and waits for `count` comments, without waiting for a composer (a locked thread has none). */
async function mountShowing(
  options: Parameters<typeof mountComments>[0],
  count: number,
): Promise<HearthComments> {
  const element = await mountComments(options);
  await waitUntil(() => parts(element, 'comment').length === count, `expected ${count} comments`);
  return element;
}

describe('<hearth-comments> comment states', () => {
  const test = useElementTest();

  it('is accessible with every state in one thread', async () => {
    const pinned = makeComment({ authorName: 'Moderator', pinned: true, verified: true });
    const edited = makeComment({ authorName: 'Grace', editedAt: new Date().toISOString() });
    const deleted = makeComment({ status: 'deleted', authorName: '', body: '' });
    const reply = makeComment({ parentId: deleted.id, authorName: 'Linus' });
    test.fake.comments.push(pinned, edited, deleted, reply);
    test.fake.isHolding = true;
    const element = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 4);
    await test.fake.waitForRequests(1);
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Held for a moderator' });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'held-label').length === 1, 'the held comment shows');
    expect(parts(element, 'comment').map((comment) => comment.dataset.state)).to.deep.equal([
      'published',
      'published',
      'deleted',
      'published',
      'held',
    ]);
    await expect(element).to.be.accessible();
  });

  it('shows the author their held comment, labelled, which no one else sees until approved', async () => {
    test.fake.isHolding = true;
    const element = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 0);
    await test.fake.waitForRequests(1);
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Please approve me' });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'held', 'held, not pending');
    const held = parts(element, 'comment')[0]!;
    expect(text(part(element, 'held-label', held))).to.equal('Awaiting approval');
    expect(parts(element, 'reply-button', held), 'no reply to what others cannot see').to.have.length(0);
    expect(parts(element, 'edit-button', held), 'the author may still fix it').to.have.length(1);

    // The same reader later: the held copy comes from their cache, not from the feed.
    element.remove();
    const again = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 1);
    expect(parts(again, 'comment')[0]!.dataset.state).to.equal('held');
    const stranger = await mountReady({ endpoint: test.fake.url }, 0);
    await waitUntil(() => text(part(stranger, 'count')) === 'Comments', 'nothing for another reader');
    await waitUntil(() => text(stranger.shadowRoot!.querySelector('.state')) !== 'Loading comments…');
    expect(parts(stranger, 'comment')).to.have.length(0);

    // Approved: published with a new seq, it arrives in the feed and the label goes.
    const stored = test.fake.comments[0]!;
    test.fake.comments[0] = { ...stored, status: 'published', seq: stored.seq + 1 };
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(again, 'comment')[0]?.dataset.state === 'published');
    expect(parts(again, 'held-label')).to.have.length(0);
  });

  it('shows a deleted comment with replies as a tombstone without author, time or buttons; a bare one not at all', async () => {
    const deleted = makeComment({ status: 'deleted', authorName: '', body: '' });
    const reply = makeComment({ parentId: deleted.id, authorName: 'Linus', body: 'Still here' });
    const lone = makeComment({ status: 'deleted', authorName: '', body: '' });
    test.fake.comments.push(deleted, reply, lone);
    const element = await mountReady({ endpoint: test.fake.url }, 2);
    const tombstone = commentById(element, deleted.id);
    expect(tombstone.dataset.state).to.equal('deleted');
    expect(text(tombstone)).to.equal('This comment was deleted.');
    expect(tombstone.querySelectorAll('button, time, [part~="author"]')).to.have.length(0);
    const nested = tombstone.closest('li')!.querySelector(':scope > ol.replies [part~="comment"]');
    expect(nested).to.equal(commentById(element, reply.id));
    expect(text(part(element, 'comment-body', nested as HTMLElement))).to.equal('Still here');
    // A tombstone with nothing to hold in place (a rejected comment, say) is not shown.
    expect(element.shadowRoot!.querySelector(`[data-id="${lone.id}"]`)).to.equal(null);
    expect(text(part(element, 'count')), 'tombstones are not counted').to.equal('1 comment');
  });

  it('marks an edited comment "(edited)" with the edit time, and shows "Verified" as text', async () => {
    const editedAt = '2026-11-03T10:15:00.000Z';
    const edited = makeComment({ editedAt, verified: true, authorName: 'Ada' });
    const plain = makeComment({ editedAt: null });
    test.fake.comments.push(edited, plain);
    const element = await mountReady({ endpoint: test.fake.url }, 2);
    const marker = part(element, 'edited', commentById(element, edited.id));
    expect(marker.localName).to.equal('time');
    expect(marker.getAttribute('datetime')).to.equal(editedAt);
    expect(text(marker)).to.equal('(edited)');
    expect(marker.title).to.match(/^Edited .*2026/);
    const badge = part(element, 'verified-badge', commentById(element, edited.id));
    expect(text(badge)).to.equal('Verified');
    expect(badge.previousElementSibling).to.equal(part(element, 'author', commentById(element, edited.id)));
    expect(parts(element, 'edited', commentById(element, plain.id))).to.have.length(0);
    expect(parts(element, 'verified-badge', commentById(element, plain.id))).to.have.length(0);
  });

  it('puts pinned top-level comments first, labelled "Pinned", each group oldest first', async () => {
    const first = makeComment({ body: 'first' });
    const pinnedOld = makeComment({ body: 'pinned old', pinned: true });
    const second = makeComment({ body: 'second' });
    const pinnedNew = makeComment({ body: 'pinned new', pinned: true });
    const pinnedReply = makeComment({ body: 'pinned reply', parentId: first.id, pinned: true });
    const reply = makeComment({ body: 'reply', parentId: first.id });
    test.fake.comments.push(first, pinnedOld, second, pinnedNew, reply, pinnedReply);
    const element = await mountReady({ endpoint: test.fake.url }, 6);
    const topLevel = [...element.shadowRoot!.querySelectorAll('.thread > li > [part~="comment"]')];
    expect(topLevel.map((comment) => text(comment.querySelector('[part~="comment-body"]')))).to.deep.equal([
      'pinned old',
      'pinned new',
      'first',
      'second',
    ]);
    expect(parts(element, 'pinned-label').map((label) => text(label))).to.deep.equal([
      'Pinned',
      'Pinned',
      'Pinned',
    ]);
    const replies = commentById(element, first.id)
      .closest('li')!
      .querySelectorAll('.replies [part~="comment"]');
    expect(
      [...replies].map((comment) => (comment as HTMLElement).dataset.id),
      'replies keep time order',
    ).to.deep.equal([pinnedReply.id, reply.id]);
  });

  it('closes a locked thread: a notice instead of the composer, no Reply, remembered for the next visit', async () => {
    test.fake.comments.push(makeComment(), makeComment());
    test.fake.lockedThreads.add(thread);
    const element = await mountShowing({ endpoint: test.fake.url, databaseName: test.databaseName }, 2);
    await waitUntil(() => parts(element, 'locked-notice').length === 1);
    expect(text(part(element, 'locked-notice'))).to.equal('Comments are closed on this thread.');
    // Give the composer chunk time to load: it must still not draw a form.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(parts(element, 'composer')).to.have.length(0);
    expect(parts(element, 'reply-button')).to.have.length(0);
    await expect(element).to.be.accessible();

    const db = (await openHearthDb(test.databaseName))!;
    expect(await db.get('threads', [test.fake.url, thread])).to.deep.include({ locked: true });
    db.close();

    // A return visit with the server unreachable knows from the cache.
    element.remove();
    test.fake.isDown = true;
    const offline = await mountShowing({ endpoint: test.fake.url, databaseName: test.databaseName }, 2);
    expect(parts(offline, 'locked-notice')).to.have.length(1);

    // Unlocked again: the next pull brings the composer back.
    test.fake.isDown = false;
    test.fake.lockedThreads.delete(thread);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(offline, 'composer').length === 1, 'the composer returns');
    expect(parts(offline, 'locked-notice')).to.have.length(0);
    expect(parts(offline, 'reply-button')).to.have.length(2);
  });

  it('marks a post refused with 403 thread_locked as failed, with the server’s message', async () => {
    const element = await mountReady({ endpoint: test.fake.url }, 0);
    await test.fake.waitForRequests(1);
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Just too late' });
    // Locked by a moderator while the reader typed; the page has not pulled since.
    test.fake.lockedThreads.add(thread);
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed');
    expect(text(parts(element, 'comment')[0]!.querySelector('[role="alert"]'))).to.include(
      'Not posted: Comments are closed on this thread.',
    );
  });
});
