import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { openHearthDb, type CachedComment, type OutboxRecord } from '../../src/storage/db.js';
import { waitUntil } from '../helpers/wait-until.js';
import {
  commentById,
  mountComments,
  mountReady,
  part,
  parts,
  text,
  useElementTest,
} from '../helpers/mount.js';

function bodyText(element: HearthComments, id: string): string {
  return text(commentById(element, id).querySelector('[part~="comment-body"]'));
}

function heldLabel(element: HearthComments, id: string): string {
  return text(commentById(element, id).querySelector('[part~="held-label"]'));
}

describe('<hearth-comments> an edit the server holds for a moderator', () => {
  const test = useElementTest();

  async function readStore<T>(store: 'outbox' | 'comments'): Promise<T[]> {
    const db = (await openHearthDb(test.databaseName))!;
    try {
      return (await db.getAll(store)) as T[];
    } finally {
      db.close();
    }
  }

  /** Posts a comment from the main composer, then edits it to `edited` while edits are held. */
  async function postAndEdit(edited: string): Promise<{ element: HearthComments; id: string }> {
    const element = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 0);
    part<HTMLInputElement>(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Approved text' });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'edit-button').length === 1, 'the comment is stored, with Edit');
    const id = parts(element, 'comment')[0]!.dataset.id!;

    test.fake.isHoldingEdits = true;
    part(element, 'edit-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2, 'the edit form opens');
    const field = part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id));
    field.select();
    await sendKeys({ type: edited });
    part(element, 'submit-button', commentById(element, id)).click();
    await waitUntil(() => test.fake.heldEdits.get(id) === edited, 'the server holds the edit');
    await waitUntil(() => heldLabel(element, id) === 'Edit awaiting approval', 'shown as waiting');
    return { element, id };
  }

  /** Changes the fake's stored copy as a moderator or another reader would, with a new seq. */
  function changeOnServer(id: string, change: (comment: CachedComment) => object): void {
    const stored = test.fake.comments.find((comment) => comment.id === id)!;
    const seq = Math.max(...test.fake.comments.map((comment) => comment.seq)) + 1;
    test.fake.comments = [
      ...test.fake.comments.filter((comment) => comment.id !== id),
      { ...stored, ...change(stored as CachedComment), seq },
    ];
  }

  it('shows the author their held text as waiting, keeps it through a reload and a vote, and is accessible', async () => {
    const { element, id } = await postAndEdit('My edited text');
    expect(bodyText(element, id)).to.equal('My edited text');
    expect(test.fake.comments.find((comment) => comment.id === id)!.body, 'readers still see').to.equal(
      'Approved text',
    );
    expect(await readStore<OutboxRecord>('outbox'), 'the edit is no longer queued').to.deep.equal([]);
    const [cached] = await readStore<CachedComment>('comments');
    expect(cached!.body).to.equal('Approved text');
    expect(cached!.pendingEdit?.body).to.equal('My edited text');
    await expect(element).to.be.accessible();

    // Another reader's vote moves the seq, not updatedAt: the held edit stays in view.
    changeOnServer(id, (comment) => ({ votes: (comment.votes ?? 0) + 1 }));
    element.remove();
    const again = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
    await waitUntil(
      () => parts(again, 'vote-button')[0]?.textContent?.includes('(1)') === true,
      'the vote arrives',
    );
    expect(bodyText(again, id)).to.equal('My edited text');
    expect(heldLabel(again, id)).to.equal('Edit awaiting approval');

    // Editing again starts from the held text.
    await waitUntil(() => parts(again, 'edit-button').length === 1);
    part(again, 'edit-button').click();
    await waitUntil(() => parts(again, 'composer').length === 2);
    expect(part<HTMLTextAreaElement>(again, 'body-input', commentById(again, id)).value).to.equal(
      'My edited text',
    );
  });

  it('shows the approved text again when a moderator rejects the edit, and the new text when one approves', async () => {
    const { element, id } = await postAndEdit('Rejected text');
    const later = () => new Date(Date.now() + 60_000).toISOString();
    changeOnServer(id, () => ({ updatedAt: later() }));
    test.fake.heldEdits.delete(id);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => bodyText(element, id) === 'Approved text', 'the rejected edit goes');
    expect(parts(element, 'held-label')).to.have.length(0);

    const second = await postAndEditAgain(element, id, 'Approved edit');
    const at = later();
    changeOnServer(id, () => ({ body: second, editedAt: at, updatedAt: at }));
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'held-label').length === 0, 'the approved edit is plain text');
    expect(bodyText(element, id)).to.equal('Approved edit');
  });

  async function postAndEditAgain(element: HearthComments, id: string, edited: string): Promise<string> {
    part(element, 'edit-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    part<HTMLTextAreaElement>(element, 'body-input', commentById(element, id)).select();
    await sendKeys({ type: edited });
    part(element, 'submit-button', commentById(element, id)).click();
    await waitUntil(
      () => heldLabel(element, id) === 'Edit awaiting approval' && bodyText(element, id) === edited,
    );
    return edited;
  }
});
