import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import {
  openHearthDb,
  type AuthorshipRecord,
  type DraftRecord,
  type OutboxRecord,
} from '../../src/storage/db.js';
import type { RecordedRequest } from '../helpers/fake-endpoint.js';
import { makeComment } from '../helpers/fixtures.js';
import { commentById, hasFocus, mountReady, part, parts, text, useElementTest } from '../helpers/mount.js';

const thread = '/posts/test';

/** The comment article with this id. */
/** The text of a comment's body, or '' while an edit form stands in for it. */
function bodyText(element: HearthComments, id: string): string {
  return text(commentById(element, id).querySelector('[part~="comment-body"]'));
}

async function pressCtrlEnter(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

describe('<hearth-comments> editing and deleting the reader’s own comments', () => {
  const test = useElementTest();

  let after: (() => void) | null = null;

  afterEach(() => {
    delete (navigator as { onLine?: boolean }).onLine;
    after?.();
    after = null;
  });

  async function readStore<T>(store: 'outbox' | 'authorship' | 'drafts'): Promise<T[]> {
    const db = (await openHearthDb(test.databaseName))!;
    try {
      return (await db.getAll(store)) as T[];
    } finally {
      db.close();
    }
  }

  function requests(method: string): RecordedRequest[] {
    return test.fake.requests.filter((request) => request.method === method);
  }

  /** Mounts with `others` seeded, posts a comment from the main composer, waits for it to be stored. */
  async function mountWithOwnComment(
    others = [makeComment({ authorName: 'Grace' })],
    body = 'My first comment',
  ): Promise<{ element: HearthComments; id: string }> {
    test.fake.comments.push(...others);
    const element = await mountReady(
      { endpoint: test.fake.url, databaseName: test.databaseName },
      others.length,
    );
    await test.fake.waitForRequests(1);
    part<HTMLInputElement>(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: body });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment').length === others.length + 1, 'the comment shows');
    const id = parts(element, 'comment').find((c) => !others.some((o) => o.id === c.dataset.id))!.dataset.id!;
    await waitUntil(() => commentById(element, id).dataset.state === 'published', 'the comment is stored');
    await waitUntil(() => parts(element, 'edit-button').length === 1, 'Edit appears on it');
    return { element, id };
  }

  it('shows Edit and Delete only on the reader’s own comments, and is accessible', async () => {
    const grace = makeComment({ authorName: 'Grace' });
    const { element, id } = await mountWithOwnComment([grace]);
    expect(parts(element, 'edit-button', commentById(element, id))).to.have.length(1);
    expect(parts(element, 'delete-button', commentById(element, id))).to.have.length(1);
    expect(parts(element, 'edit-button', commentById(element, grace.id))).to.have.length(0);
    expect(parts(element, 'delete-button', commentById(element, grace.id))).to.have.length(0);
    const [authorship] = await readStore<AuthorshipRecord>('authorship');
    expect(authorship).to.deep.include({ id, thread });
    await expect(element).to.be.accessible();
  });

  it('edits from the keyboard: the form opens filled, Ctrl+Enter saves, the comment shows the edit', async () => {
    const { element, id } = await mountWithOwnComment();
    const [authorship] = await readStore<AuthorshipRecord>('authorship');
    part(element, 'edit-button', commentById(element, id)).focus();
    await sendKeys({ press: 'Enter' });
    const composer = await waitUntil(() => parts(element, 'composer').length === 2).then(() =>
      parts(element, 'composer').find((form) => form.dataset.composer === `edit:${id}`)!,
    );
    expect(composer.closest('[part~="comment"]'), 'the form stands in the comment').to.equal(
      commentById(element, id),
    );
    const hiddenBody = part(element, 'comment-body', commentById(element, id));
    expect(hiddenBody.hidden && hiddenBody.offsetHeight, 'in place of its text').to.equal(0);
    expect(hiddenBody.childElementCount, 'the text is not drawn behind the form').to.equal(0);
    const field = part<HTMLTextAreaElement>(element, 'body-input', composer);
    expect(field.value).to.equal('My first comment');
    expect(hasFocus(element, field), 'focus in the edit form').to.equal(true);
    expect(parts(element, 'name-input', composer), 'an edit changes only the text').to.have.length(0);
    expect(text(part(element, 'submit-button', composer))).to.equal('Save');
    expect(composer.querySelectorAll('[role="tab"]')).to.have.length(2);
    await expect(element).to.be.accessible();

    field.select();
    await sendKeys({ type: 'My **edited** comment' });
    await pressCtrlEnter();
    await waitUntil(() => parts(element, 'composer').length === 1, 'the form closes');
    await waitUntil(() => bodyText(element, id) === 'My edited comment');
    await waitUntil(() => commentById(element, id).dataset.state === 'published', 'delivered');
    await waitUntil(() => parts(element, 'edited', commentById(element, id)).length === 1, '(edited) shows');

    const [patch] = requests('PATCH');
    expect(patch!.body).to.deep.equal({ body: 'My **edited** comment' });
    expect(patch!.headers.get('Authorization')).to.equal(`Bearer ${authorship!.token}`);
    expect(commentById(element, id).querySelector('strong')?.textContent).to.equal('edited');
    expect(test.fake.comments.find((comment) => comment.id === id)!.body).to.equal('My **edited** comment');
    expect(await readStore('outbox')).to.deep.equal([]);
    expect(await readStore('drafts')).to.deep.equal([]);
  });

  it('cancels an edit with Escape, sending nothing and returning focus to Edit', async () => {
    const { element, id } = await mountWithOwnComment();
    part(element, 'edit-button', commentById(element, id)).click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    await waitUntil(() => hasFocus(element, part(element, 'body-input', commentById(element, id))));
    await sendKeys({ type: ' and more' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => parts(element, 'composer').length === 1);
    await waitUntil(
      () => hasFocus(element, part(element, 'edit-button', commentById(element, id))),
      'focus on Edit',
    );
    expect(bodyText(element, id)).to.equal('My first comment');
    expect(requests('PATCH')).to.have.length(0);
  });

  it('asks before deleting: Escape keeps, Delete leaves a tombstone with its replies still under it', async () => {
    const grace = makeComment({ authorName: 'Grace' });
    const { element, id } = await mountWithOwnComment([grace]);
    const reply = makeComment({ parentId: id, authorName: 'Linus', body: 'A reply to Ada' });
    test.fake.comments.push(reply);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment').length === 3, 'the reply arrives');

    // The question is the widget's own: a browser dialog would block the page and escape styling.
    const realConfirm = window.confirm;
    let dialogs = 0;
    window.confirm = () => {
      dialogs += 1;
      return true;
    };
    after = () => {
      window.confirm = realConfirm;
    };
    part(element, 'delete-button', commentById(element, id)).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(element, 'delete-confirm').length === 1);
    expect(dialogs).to.equal(0);
    const question = part(element, 'delete-confirm');
    expect(question.getAttribute('role')).to.equal('group');
    expect(text(element.shadowRoot!.getElementById(question.getAttribute('aria-labelledby')!))).to.equal(
      'Delete this comment?',
    );
    expect(hasFocus(element, part(element, 'keep-button')), 'focus on the safe choice').to.equal(true);
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => parts(element, 'delete-confirm').length === 0);
    await waitUntil(() => hasFocus(element, part(element, 'delete-button', commentById(element, id))));
    expect(requests('DELETE')).to.have.length(0);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(element, 'delete-confirm').length === 1);
    part(element, 'confirm-delete-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => test.fake.comments.find((comment) => comment.id === id)?.status === 'deleted');
    await waitUntil(() => commentById(element, id).dataset.state === 'deleted', 'the tombstone is stored');

    const tombstone = commentById(element, id);
    expect(text(part(element, 'tombstone', tombstone))).to.equal('This comment was deleted.');
    for (const name of ['author', 'comment-body', 'reply-button', 'edit-button', 'delete-button']) {
      expect(parts(element, name, tombstone), name).to.have.length(0);
    }
    expect(tombstone.querySelector('time')).to.equal(null);
    const replyArticle = commentById(element, reply.id);
    expect(
      replyArticle.closest('li')!.parentElement!.closest('li')!.querySelector('[part~="comment"]'),
    ).to.equal(tombstone);
    expect(text(part(element, 'count'))).to.equal('2 comments');
  });

  it('edits while offline: pending until the connection returns, then sent exactly once', async () => {
    const { element, id } = await mountWithOwnComment();
    test.fake.isDown = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    part(element, 'edit-button', commentById(element, id)).click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const field = part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id));
    field.select();
    await sendKeys({ type: 'Written in a tunnel' });
    part(element, 'submit-button', commentById(element, id)).click();

    await waitUntil(() => bodyText(element, id) === 'Written in a tunnel');
    const comment = commentById(element, id);
    expect(comment.dataset.state).to.equal('pending');
    await waitUntil(
      () => text(comment.querySelector('.write-state')) === "Will save when you're back online",
    );
    const [queued] = await readStore<OutboxRecord>('outbox');
    expect(queued).to.deep.include({
      id,
      op: 'edit',
      payload: { body: 'Written in a tunnel' },
      state: 'pending',
    });
    expect(text(part(element, 'status')), 'an edit is not a comment waiting to post').not.to.include(
      'waiting',
    );
    expect(text(part(element, 'status'))).to.include("You're offline.");

    const patchesWhileDown = requests('PATCH').length;
    delete (navigator as { onLine?: boolean }).onLine;
    test.fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => commentById(element, id).dataset.state === 'published', 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests('PATCH').length - patchesWhileDown).to.equal(1);
    expect(test.fake.comments.find((stored) => stored.id === id)!.body).to.equal('Written in a tunnel');
    expect(await readStore('outbox')).to.deep.equal([]);
  });

  it('takes an edit back when the edit window has closed: the message shows and the text is kept', async () => {
    const { element, id } = await mountWithOwnComment();
    test.fake.editWindowClosed.add(id);
    part(element, 'edit-button', commentById(element, id)).click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const field = part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id));
    field.select();
    await sendKeys({ type: 'Too late to change' });
    await pressCtrlEnter();

    await waitUntil(() => requests('PATCH').length === 1);
    await waitUntil(() => parts(element, 'composer').length === 2, 'the edit form comes back');
    const form = parts(element, 'composer').find((candidate) => candidate.dataset.composer === `edit:${id}`)!;
    const alert = form.querySelector('[role="alert"]');
    expect(text(alert)).to.equal('Comments can be edited for 15 minutes. Your text is kept below.');
    expect(part<HTMLTextAreaElement>(element, 'body-input', form).value).to.equal('Too late to change');
    await waitUntil(async () => (await readStore('outbox')).length === 0, 'the edit is dropped');
    const drafts = await readStore<DraftRecord>('drafts');
    expect(drafts.map((draft) => [draft.key, draft.body])).to.deep.equal([
      [`edit:${id}`, 'Too late to change'],
    ]);
    expect(test.fake.comments.find((stored) => stored.id === id)!.body).to.equal('My first comment');
    await expect(element).to.be.accessible();
  });

  it('keeps the reader’s comments editable on the next visit, from authorship in IndexedDB', async () => {
    const { element, id } = await mountWithOwnComment([]);
    element.remove();
    const again = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 1);
    await waitUntil(() => parts(again, 'edit-button').length === 1, 'Edit on the reader’s comment');
    expect(parts(again, 'edit-button')[0]!.closest('[part~="comment"]')).to.equal(commentById(again, id));

    // A reader with another database (another browser) wrote nothing here.
    const stranger = await mountReady({ endpoint: test.fake.url }, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(parts(stranger, 'edit-button')).to.have.length(0);
  });

  it('lets the reader edit and delete a comment still waiting to be posted', async () => {
    const element = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 0);
    await test.fake.waitForRequests(1);
    test.fake.isDown = true;
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Queued words' });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'edit-button').length === 1, 'Edit on the pending comment');
    const id = parts(element, 'comment')[0]!.dataset.id!;
    part(element, 'edit-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id)).select();
    await sendKeys({ type: 'Better queued words' });
    await pressCtrlEnter();
    await waitUntil(() => bodyText(element, id) === 'Better queued words');
    const [queued] = await readStore<OutboxRecord>('outbox');
    expect(queued).to.deep.include({ op: 'post' });
    expect(queued!.payload).to.deep.include({ body: 'Better queued words' });

    test.fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => test.fake.comments.length === 1);
    expect(test.fake.comments[0]!.body).to.equal('Better queued words');
    expect(requests('PATCH')).to.have.length(0);
  });

  it('shows a refused edit with its reason; Discard drops it and the comment reads as stored', async () => {
    const { element, id } = await mountWithOwnComment();
    test.fake.authors.set(id, { tokenHash: 'not this browser', userId: null });
    part(element, 'edit-button', commentById(element, id)).click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id)).select();
    await sendKeys({ type: 'Refused text' });
    await pressCtrlEnter();
    await waitUntil(() => commentById(element, id).dataset.state === 'failed');
    const comment = commentById(element, id);
    const alert = comment.querySelector('[role="alert"]');
    expect(text(alert)).to.match(/^Not saved: Only the author may change this comment\./);
    expect([...alert!.querySelectorAll('button')].map((button) => text(button))).to.deep.equal([
      'Edit',
      'Discard',
    ]);
    expect(bodyText(element, id), 'the stored text, not the refused one').to.equal('My first comment');
    expect(parts(element, 'edit-button', comment), 'the refusal offers its own actions').to.have.length(0);
    await expect(element).to.be.accessible();

    alert!.querySelector<HTMLButtonElement>('[data-action="discard"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => commentById(element, id).dataset.state === 'published');
    await waitUntil(() => hasFocus(element, commentById(element, id)), 'focus on the comment');
    expect(await readStore('outbox')).to.deep.equal([]);
    expect(parts(element, 'edit-button', commentById(element, id))).to.have.length(1);
  });

  it('reopens an edit being written when the page closed, with its text', async () => {
    const { element, id } = await mountWithOwnComment([]);
    part(element, 'edit-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id)).select();
    await sendKeys({ type: 'Half an edit' });
    element.remove();

    const again = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 1);
    await waitUntil(() => parts(again, 'composer').length === 2, 'the edit form reopens');
    expect(part<HTMLTextAreaElement>(again, 'body-input', commentById(again, id)).value).to.equal(
      'Half an edit',
    );
    expect(requests('PATCH')).to.have.length(0);
  });
});
