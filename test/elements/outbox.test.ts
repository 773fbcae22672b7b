import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import type { CommentPostedEvent } from '../../src/events/comment-posted-event.js';
import { openHearthDb, type OutboxRecord } from '../../src/storage/db.js';
import { stashDraft } from '../../src/storage/draft-stash.js';
import { normalizeEndpoint } from '../../src/sync/api-urls.js';
import { installFakeEndpoint, type FakeEndpoint, type ScriptedReply } from '../helpers/fake-endpoint.js';
import { makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { hasFocus, mountReady, part, parts } from '../helpers/mount.js';

async function typeInto(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

/**
 * Fills a composer (the main one unless given) and clicks its submit button; `reply`, when
 * given, answers the POST. It is scripted only now, after the typing, so that an earlier pull
 * still in flight cannot take it.
 */
async function post(
  element: HearthComments,
  body: string,
  { composer, fake, reply }: { composer?: HTMLElement; fake?: FakeEndpoint; reply?: ScriptedReply } = {},
): Promise<void> {
  const name = part<HTMLInputElement>(element, 'name-input', composer);
  if (name.value === '') await typeInto(name, 'Ada');
  await typeInto(part(element, 'body-input', composer), body);
  if (fake && reply) fake.script.push(reply);
  part(element, 'submit-button', composer).click();
}

/** The thread's own composer, not a reply composer. */
function mainComposer(element: HearthComments): HTMLElement {
  return parts(element, 'composer').find((form) => form.dataset.composer === 'main')!;
}

function writeState(comment: HTMLElement): string {
  return comment.querySelector('.write-state')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

const refusal: ScriptedReply = {
  status: 422,
  body: { error: { code: 'validation_failed', message: 'Links are not allowed.', field: 'body' } },
};

describe('<hearth-comments> writing through the outbox', () => {
  let fake: FakeEndpoint;
  let databaseName: string;

  beforeEach(() => {
    fake = installFakeEndpoint();
    databaseName = uniqueDatabaseName();
  });

  afterEach(() => {
    // Drop an own `onLine` a test defined; the prototype's getter shows through again.
    delete (navigator as { onLine?: boolean }).onLine;
    fake.restore();
    document.querySelectorAll('hearth-comments').forEach((element) => element.remove());
    indexedDB.deleteDatabase(databaseName);
  });

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: fake.url, databaseName }, count);
  }

  async function readOutbox(): Promise<OutboxRecord[]> {
    const db = (await openHearthDb(databaseName))!;
    try {
      return await db.getAll('outbox');
    } finally {
      db.close();
    }
  }

  async function readDraftBodies(): Promise<string[]> {
    const db = (await openHearthDb(databaseName))!;
    try {
      return (await db.getAll('drafts')).map((draft) => draft.body);
    } finally {
      db.close();
    }
  }

  function posts(): number {
    return fake.requests.filter((request) => request.method === 'POST').length;
  }

  it('is accessible with a pending and a failed comment', async () => {
    const element = await mount(0);
    await post(element, 'http://spam.example', { fake, reply: refusal });
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed');
    fake.isDown = true;
    await post(element, 'Waiting for the network');
    await waitUntil(() => parts(element, 'comment').length === 2);
    expect(parts(element, 'comment').map((comment) => comment.dataset.state)).to.deep.equal([
      'failed',
      'pending',
    ]);
    await expect(element).to.be.accessible();
  });

  it('labels a pending comment "Will post when you\'re back online" while the browser is offline', async () => {
    const element = await mount(0);
    await fake.waitForRequests(1);
    fake.isDown = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    await post(element, 'Typed in a tunnel');
    await waitUntil(() => parts(element, 'comment').length === 1);
    const [comment] = parts(element, 'comment');
    expect(comment!.dataset.state).to.equal('pending');
    await waitUntil(() => writeState(comment!) === "Will post when you're back online");
    expect(part(element, 'status').textContent).to.include("You're offline.");
    expect(part(element, 'status').textContent).to.include('1 comment waiting to post.');

    delete (navigator as { onLine?: boolean }).onLine;
    fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    expect(part(element, 'status').textContent).not.to.include("You're offline.");
    expect(fake.comments.filter((stored) => stored.body === 'Typed in a tunnel')).to.have.length(1);
  });

  it('keeps the same body element from pending to published, so a selection in it survives', async () => {
    const element = await mount(0);
    await fake.waitForRequests(1);
    fake.isDown = true;
    await post(element, 'Selected while it posts');
    await waitUntil(() => parts(element, 'comment').length === 1);
    const body = part(element, 'comment-body', parts(element, 'comment')[0]);
    const selection = document.getSelection()!;
    selection.selectAllChildren(body);

    fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    expect(part(element, 'comment-body', parts(element, 'comment')[0]) === body).to.equal(true);
    expect(selection.toString()).to.equal('Selected while it posts');
  });

  it('counts the comments waiting to post in the status line', async () => {
    const element = await mount(0);
    await fake.waitForRequests(1);
    fake.isDown = true;
    await post(element, 'First while down');
    await waitUntil(() => part(element, 'status').textContent!.includes('1 comment waiting to post.'));
    expect(writeState(parts(element, 'comment')[0]!)).to.equal('Posting…');
    await post(element, 'Second while down');
    await waitUntil(() => part(element, 'status').textContent!.includes('2 comments waiting to post.'));
    const queued = (await readOutbox()).sort((a, b) => a.createdAtMs - b.createdAtMs);
    expect(queued.map((record) => (record.op === 'post' ? record.payload.body : null))).to.deep.equal([
      'First while down',
      'Second while down',
    ]);

    fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() =>
      parts(element, 'comment').every((comment) => comment.dataset.state === 'published'),
    );
    await waitUntil(() => !part(element, 'status').textContent!.includes('waiting to post'));
    expect(fake.comments.map((comment) => comment.body)).to.deep.equal([
      'First while down',
      'Second while down',
    ]);
    expect(await readOutbox()).to.deep.equal([]);
  });

  it('restores a draft in a new element on the same database', async () => {
    const first = await mount(0);
    await typeInto(part(first, 'body-input'), 'Half-written thought');
    // Past the 300 ms debounce: the draft is in IndexedDB without relying on the disconnect flush.
    await waitUntil(async () => (await readDraftBodies()).includes('Half-written thought'), 'draft saved');
    first.remove();
    const second = await mount(0);
    await waitUntil(() => part<HTMLTextAreaElement>(second, 'body-input').value === 'Half-written thought');
    expect(posts()).to.equal(0);
  });

  it('saves a draft on removal even before the debounce has run', async () => {
    const first = await mount(0);
    await typeInto(part(first, 'body-input'), 'Closed the tab at once');
    first.remove();
    const second = await mount(0);
    await waitUntil(() => part<HTMLTextAreaElement>(second, 'body-input').value === 'Closed the tab at once');
  });

  it('starts saving a draft as the page is about to unload, before the debounce has run', async () => {
    const element = await mount(0);
    await typeInto(part(element, 'body-input'), 'Reloaded at once');
    // Unload runs no disconnectedCallback; the write starts in beforeunload itself, so a read
    // begun after it sees it (IndexedDB runs overlapping transactions in order).
    window.dispatchEvent(new Event('beforeunload'));
    expect(await readDraftBodies()).to.deep.equal(['Reloaded at once']);
    // The page stayed, so the write landed and the localStorage stash made for a reload is gone.
    await waitUntil(() => !Object.keys(localStorage).some((key) => key.includes(databaseName)), 'no stash');
  });

  it('takes back text stashed in localStorage by a page that went away before its write landed', async () => {
    const endpoint = normalizeEndpoint(fake.url, location.href);
    stashDraft(databaseName, endpoint, '/posts/test', 'main', 'Stashed as the page left');
    const element = await mount(0);
    await waitUntil(
      () => part<HTMLTextAreaElement>(element, 'body-input').value === 'Stashed as the page left',
    );
    await waitUntil(
      async () => (await readDraftBodies()).includes('Stashed as the page left'),
      'draft saved',
    );
    await waitUntil(() => !Object.keys(localStorage).some((key) => key.includes(databaseName)), 'no stash');
  });

  it('reopens the reply composer a reply draft was written in', async () => {
    const parent = makeComment({ authorName: 'Grace' });
    fake.comments.push(parent, makeComment({ authorName: 'Linus' }));
    const first = await mount(2);
    part(first, 'reply-button', parts(first, 'comment')[0]).click();
    await waitUntil(() => parts(first, 'composer').length === 2);
    await sendKeys({ type: 'A reply for later' });
    first.remove();

    const second = await mount(2);
    await waitUntil(() => parts(second, 'composer').length === 2, 'the reply composer reopens');
    const composer = parts(second, 'composer').find((form) => form.dataset.composer === parent.id)!;
    expect(composer, 'under the comment it answers').to.not.equal(undefined);
    await waitUntil(
      () => part<HTMLTextAreaElement>(second, 'body-input', composer).value === 'A reply for later',
    );
    const replyButton = part(second, 'reply-button', parts(second, 'comment')[0]);
    expect(replyButton.getAttribute('aria-expanded')).to.equal('true');
    expect(
      part<HTMLTextAreaElement>(second, 'body-input', mainComposer(second)).value,
      'the main composer stays empty',
    ).to.equal('');
  });

  it('drops the draft once its comment is queued', async () => {
    const element = await mount(0);
    await post(element, 'Posted, not a draft');
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    element.remove();
    await waitUntil(async () => (await readDraftBodies()).length === 0, 'no draft left');
    const again = await mount(1);
    expect(part<HTMLTextAreaElement>(again, 'body-input').value).to.equal('');
  });

  it('discards a refused comment from the keyboard and returns focus to the composer', async () => {
    const element = await mount(0);
    await fake.waitForRequests(1);
    await post(element, 'See http://spam.example', { fake, reply: refusal });
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed');
    const failed = parts(element, 'comment')[0]!;
    expect(writeState(failed)).to.include('Not posted: Links are not allowed.');
    expect(failed.querySelector('[role="alert"]'), 'the refusal is announced').to.not.equal(null);

    failed.querySelector<HTMLButtonElement>('[data-action="discard"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(element, 'comment').length === 0);
    expect(await readOutbox()).to.deep.equal([]);
    await waitUntil(() => hasFocus(element, part(element, 'body-input')), 'focus in the main composer');
    await expect(element).to.be.accessible();
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('');
    expect(posts()).to.equal(1);
  });

  it('edits a refused reply from the keyboard: its reply composer reopens with the text', async () => {
    const parent = makeComment({ authorName: 'Grace' });
    fake.comments.push(parent);
    const element = await mount(1);
    part(element, 'reply-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    await post(element, 'Reply with http://spam.example', {
      composer: parts(element, 'composer')[0],
      fake,
      reply: refusal,
    });
    await waitUntil(() => parts(element, 'comment')[1]?.dataset.state === 'failed');
    expect(parts(element, 'composer'), 'the reply composer closed on submit').to.have.length(1);

    const failed = parts(element, 'comment')[1]!;
    failed.querySelector<HTMLButtonElement>('[data-action="edit"]')!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => parts(element, 'composer').length === 2, 'the reply composer reopens');
    await waitUntil(() => parts(element, 'comment').length === 1, 'the failed comment is gone');
    const composer = parts(element, 'composer').find((form) => form.dataset.composer === parent.id)!;
    const body = part<HTMLTextAreaElement>(element, 'body-input', composer);
    expect(body.value).to.equal('Reply with http://spam.example');
    expect(hasFocus(element, body), 'focus in the reply composer').to.equal(true);
    expect(await readOutbox()).to.deep.equal([]);
    expect(part<HTMLTextAreaElement>(element, 'body-input', mainComposer(element)).value).to.equal('');

    // Fixed and sent again, it goes out as a new comment under the same parent.
    body.select();
    await sendKeys({ type: 'Reply without links' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => parts(element, 'comment')[1]?.dataset.state === 'published');
    expect(fake.comments.map((comment) => [comment.body, comment.parentId])).to.deep.equal([
      [parent.body, null],
      ['Reply without links', parent.id],
    ]);
  });

  it('fires hearth-comment-posted exactly once per delivered comment', async () => {
    const element = await mount(0);
    await fake.waitForRequests(1);
    const events: CommentPostedEvent[] = [];
    element.addEventListener('hearth-comment-posted', (event) => events.push(event));
    const release = fake.hold();
    await post(element, 'One');
    await waitUntil(() => parts(element, 'comment').length === 1);
    await post(element, 'Two');
    await waitUntil(() => parts(element, 'comment').length === 2);
    expect(events, 'nothing fires while pending').to.have.length(0);
    release();
    await waitUntil(() =>
      parts(element, 'comment').every((comment) => comment.dataset.state === 'published'),
    );
    await waitUntil(() => events.length === 2);
    // Later pulls and outbox re-reads must not fire it again.
    window.dispatchEvent(new Event('online'));
    await fake.waitForRequests(fake.requests.length + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.map((event) => event.comment.body)).to.deep.equal(['One', 'Two']);
    expect(events.map((event) => event.comment.id)).to.deep.equal(
      parts(element, 'comment').map((comment) => comment.dataset.id),
    );
    expect(events.every((event) => event.bubbles && event.composed)).to.equal(true);
  });

  it('does not fire hearth-comment-posted for a refused or discarded comment', async () => {
    const element = await mount(0);
    await fake.waitForRequests(1);
    let fired = 0;
    element.addEventListener('hearth-comment-posted', () => (fired += 1));
    await post(element, 'Refused', { fake, reply: refusal });
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed');
    parts(element, 'comment')[0]!.querySelector<HTMLButtonElement>('[data-action="discard"]')!.click();
    await waitUntil(() => parts(element, 'comment').length === 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fired).to.equal(0);
  });

  it('moves focus to the queued comment, and keeps what is typed straight after posting', async () => {
    const element = await mount(0);
    await post(element, 'Focus me');
    await waitUntil(() => parts(element, 'comment').length === 1);
    await waitUntil(() => hasFocus(element, parts(element, 'comment')[0]), 'focus on the new comment');
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('');
  });
});
