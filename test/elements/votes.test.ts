import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { openHearthDb, type VoteRecord } from '../../src/storage/db.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountComments, mountReady, part, parts, useElementTest } from '../helpers/mount.js';

const text = (node: Element | null | undefined): string =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The vote button of the comment with `id`. */
function voteButton(element: HearthComments, id: string): HTMLButtonElement {
  return element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-id="${id}"] [part~="vote-button"]`)!;
}

/** The authors of the top-level comments, in the order shown. */
function topLevelAuthors(element: HearthComments): string[] {
  return [...element.shadowRoot!.querySelectorAll('.thread > li > [part~="comment"] [part~="author"]')].map(
    (author) => text(author),
  );
}

describe('<hearth-comments> votes and sort', () => {
  const test = useElementTest();

  async function readOutbox(): Promise<VoteRecord[]> {
    const db = (await openHearthDb(test.databaseName))!;
    try {
      return (await db.getAll('outbox')) as VoteRecord[];
    } finally {
      db.close();
    }
  }

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, count);
  }

  it('is accessible with vote buttons and the sort control', async () => {
    test.fake.comments.push(makeComment({ votes: 2 }), makeComment());
    const element = await mount(2);
    await expect(element).to.be.accessible();
    expect(part(element, 'sort').closest('label')?.textContent).to.contain('Sort by');
  });

  it('presses the button and moves the count at once, queues the vote, and keeps it after delivery', async () => {
    const comment = makeComment({ votes: 2 });
    test.fake.comments.push(comment);
    const element = await mount(1);
    const button = voteButton(element, comment.id);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(text(button)).to.equal('Upvote (2)');
    const release = test.fake.hold();
    button.click();
    await waitUntil(() => voteButton(element, comment.id).getAttribute('aria-pressed') === 'true', 'pressed');
    expect(text(voteButton(element, comment.id))).to.equal('Upvote (3)');
    // A vote is not a comment waiting to post, and the comment is not pending.
    expect(text(part(element, 'status'))).to.equal('');
    expect(parts(element, 'comment')[0]!.dataset.state).to.equal('published');
    expect((await readOutbox()).map((row) => [row.op, row.payload.commentId, row.payload.up])).to.deep.equal([
      ['vote', comment.id, true],
    ]);
    release();
    await waitUntil(async () => (await readOutbox()).length === 0, 'delivered');
    expect(test.fake.voters.get(comment.id)?.size).to.equal(1);
    expect(text(voteButton(element, comment.id))).to.equal('Upvote (3)');

    // Remounted, the reader's vote still shows as theirs; a second click takes it back.
    element.remove();
    const again = await mount(1);
    expect(voteButton(again, comment.id).getAttribute('aria-pressed')).to.equal('true');
    voteButton(again, comment.id).click();
    await waitUntil(
      () => voteButton(again, comment.id).getAttribute('aria-pressed') === 'false',
      'unpressed',
    );
    expect(text(voteButton(again, comment.id))).to.equal('Upvote (2)');
    await waitUntil(() => test.fake.voters.get(comment.id)?.size === 0, 'taken back on the server');
  });

  it('takes back a vote the server does not count (another vote from this network counts already)', async () => {
    const comment = makeComment({ votes: 2 });
    test.fake.comments.push(comment);
    const element = await mount(1);
    const release = test.fake.hold();
    voteButton(element, comment.id).click();
    await waitUntil(() => voteButton(element, comment.id).getAttribute('aria-pressed') === 'true', 'pressed');
    test.fake.script.push({
      status: 409,
      body: { error: { code: 'vote_limit_reached', message: 'A vote from your network already counts.' } },
    });
    release();
    await waitUntil(async () => (await readOutbox()).length === 0, 'the refused vote is dropped');
    await waitUntil(
      () => voteButton(element, comment.id).getAttribute('aria-pressed') === 'false',
      'unpressed again',
    );
    expect(text(voteButton(element, comment.id))).to.equal('Upvote (2)');
    expect(parts(element, 'comment')[0]!.dataset.state).to.equal('published');
  });

  it('shows counts without a vote button in a locked thread', async () => {
    const comment = makeComment({ votes: 2 });
    test.fake.comments.push(comment);
    test.fake.lockedThreads.add(comment.thread);
    const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(() => parts(element, 'locked-notice').length === 1, 'the thread says it is locked');
    expect(parts(element, 'vote-button')).to.have.length(0);
    expect(text(part(element, 'vote-count'))).to.equal('2 upvotes');
    await expect(element).to.be.accessible();
  });

  it('offers no vote on a tombstone', async () => {
    const deleted = makeComment({ status: 'deleted', authorName: '', body: '' });
    const reply = makeComment({ parentId: deleted.id });
    test.fake.comments.push(deleted, reply);
    const element = await mount(2);
    expect(parts(element, 'vote-button')).to.have.length(1);
    expect(Boolean(voteButton(element, reply.id))).to.equal(true);
  });

  it('sorts top-level comments by oldest, newest and top, replies oldest first, and remembers the choice', async () => {
    const first = makeComment({ authorName: 'First', votes: 1 });
    const second = makeComment({ authorName: 'Second', votes: 5 });
    const third = makeComment({ authorName: 'Third', votes: 1 });
    const replyA = makeComment({ authorName: 'Reply A', parentId: first.id });
    const replyB = makeComment({ authorName: 'Reply B', parentId: first.id, votes: 9 });
    test.fake.comments.push(first, second, third, replyA, replyB);
    const element = await mount(5);
    expect(topLevelAuthors(element)).to.deep.equal(['First', 'Second', 'Third']);
    const select = part<HTMLSelectElement>(element, 'sort');
    expect(select.value).to.equal('oldest');

    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => topLevelAuthors(element)[0] === 'Third', 'newest first');
    expect(topLevelAuthors(element)).to.deep.equal(['Third', 'Second', 'First']);

    // Keyboard: focus the select and pick the next option with the arrow key.
    part<HTMLSelectElement>(element, 'sort').focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => topLevelAuthors(element)[0] === 'Second', 'top first');
    expect(topLevelAuthors(element)).to.deep.equal(['Second', 'First', 'Third']);
    const replies = [
      ...element.shadowRoot!.querySelectorAll(`[data-id="${first.id}"] ~ .replies [part~="author"]`),
    ];
    expect(replies.map((author) => text(author))).to.deep.equal(['Reply A', 'Reply B']);

    element.remove();
    const again = await mount(5);
    expect(part<HTMLSelectElement>(again, 'sort').value).to.equal('top');
    expect(topLevelAuthors(again)).to.deep.equal(['Second', 'First', 'Third']);
  });
});
