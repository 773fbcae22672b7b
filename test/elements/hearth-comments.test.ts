import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import type { CommentPostedEvent } from '../../src/events/comment-posted-event.js';
import { openHearthDb } from '../../src/storage/db.js';
import { installFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint.js';
import { makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { hasFocus, mountComments, mountReady, part, parts } from '../helpers/mount.js';

function threadOf(fake: FakeEndpoint): void {
  const first = makeComment({ authorName: 'Ada', body: 'First!\nWith a second line.' });
  const reply = makeComment({ authorName: 'Grace', parentId: first.id, body: 'A reply' });
  const second = makeComment({ authorName: 'Linus', body: 'Another top-level comment' });
  fake.comments.push(first, reply, second);
}

async function typeInto(field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

async function pressCtrlEnter(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

/**
 * A paragraph's text with its <br>s as newlines. Not innerText: that depends on layout, which
 * content-visibility skips for comments off screen.
 */
function readLines(paragraph: Element): string {
  return [...paragraph.childNodes]
    .map((node) => (node.nodeName === 'BR' ? '\n' : node.nodeType === Node.TEXT_NODE ? node.textContent : ''))
    .join('');
}

describe('<hearth-comments>', () => {
  let fake: FakeEndpoint;
  let databaseName: string;

  beforeEach(() => {
    fake = installFakeEndpoint();
    databaseName = uniqueDatabaseName();
  });

  afterEach(async () => {
    fake.restore();
    document.querySelectorAll('hearth-comments').forEach((element) => element.remove());
    indexedDB.deleteDatabase(databaseName);
  });

  async function mountLoaded(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: fake.url, databaseName }, count);
  }

  it('is accessible with a thread and the composer', async () => {
    threadOf(fake);
    const element = await mountLoaded(3);
    await expect(element).to.be.accessible();
  });

  it('is accessible when empty and when the composer shows errors', async () => {
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() => element.shadowRoot!.textContent!.includes('Start the conversation'));
    await waitUntil(() => parts(element, 'composer').length === 1);
    await expect(element).to.be.accessible();
    part(element, 'submit-button').click();
    await waitUntil(() => element.shadowRoot!.querySelector('[aria-invalid="true"]'));
    await expect(element).to.be.accessible();
  });

  it('renders comments with nested replies, authors, times and the count', async () => {
    threadOf(fake);
    const element = await mountLoaded(3);
    const [first, reply, second] = parts(element, 'comment');
    expect(part(element, 'count').textContent).to.equal('3 comments');
    expect(part(element, 'author', first).textContent).to.equal('Ada');
    // A single newline in markdown is a line break.
    const body = part(element, 'comment-body', first);
    expect([...body.querySelectorAll('p')].map(readLines)).to.deep.equal(['First!\nWith a second line.']);
    expect(first!.dataset.state).to.equal('published');
    expect(first!.dataset.id).to.equal(fake.comments[0]!.id);
    expect(first!.querySelector('time')!.getAttribute('datetime')).to.equal(fake.comments[0]!.createdAt);
    // The reply sits inside its parent's list item; the second top-level comment does not.
    expect(first!.closest('li')!.contains(reply!)).to.equal(true);
    expect(reply!.closest('ol')!.classList.contains('replies')).to.equal(true);
    expect(first!.closest('li')!.contains(second!)).to.equal(false);
    expect(part(element, 'author', second).textContent).to.equal('Linus');
  });

  it('indents replies four deep, then shows deeper replies flat with whom they answer', async () => {
    let parent = makeComment({ authorName: 'Depth 0' });
    fake.comments.push(parent);
    for (let depth = 1; depth <= 6; depth += 1) {
      parent = makeComment({ authorName: `Depth ${depth}`, parentId: parent.id });
      fake.comments.push(parent);
    }
    const element = await mountLoaded(7);
    const comments = parts(element, 'comment');
    const nesting = comments.map((comment) => {
      let lists = 0;
      for (let node: Element | null = comment; node; node = node.parentElement)
        if (node.matches('ol.replies')) lists += 1;
      return lists;
    });
    expect(nesting).to.deep.equal([0, 1, 2, 3, 4, 4, 4]);
    expect(comments[5]!.textContent).to.include('replying to \u2068Depth 4\u2069');
    expect(comments[6]!.textContent).to.include('replying to \u2068Depth 5\u2069');
    expect(comments[4]!.textContent).not.to.include('replying to');
  });

  it('invites the first comment when the thread is empty', async () => {
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() =>
      element.shadowRoot!.textContent!.includes('No comments yet. Start the conversation.'),
    );
    expect(part(element, 'count').textContent).to.equal('Comments');
  });

  it('says when the server cannot be reached and nothing is cached, and retries on request', async () => {
    fake.isDown = true;
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() =>
      element.shadowRoot!.textContent!.includes("Can't reach the comment server right now."),
    );
    threadOf(fake);
    fake.isDown = false;
    const retry = [...element.shadowRoot!.querySelectorAll('button')].find(
      (button) => button.textContent === 'Try again',
    );
    retry!.click();
    await waitUntil(() => parts(element, 'comment').length === 3);
  });

  it('validates inline with the protocol schema and sends nothing', async () => {
    const element = await mountLoaded(0);
    await fake.waitForRequests(1);
    part(element, 'submit-button').click();
    await waitUntil(() => part(element, 'name-input').getAttribute('aria-invalid') === 'true');
    expect(element.shadowRoot!.textContent).to.include('Please enter your name.');
    expect(element.shadowRoot!.textContent).to.include('Please write a comment first.');
    expect(hasFocus(element, part(element, 'name-input')), 'focus on the name field').to.equal(true);
    const nameErrorId = part(element, 'name-input').getAttribute('aria-describedby')!;
    expect(element.shadowRoot!.getElementById(nameErrorId)!.textContent).to.equal('Please enter your name.');

    await typeInto(part(element, 'name-input'), 'Ada');
    part<HTMLTextAreaElement>(element, 'body-input').value = 'x'.repeat(10_001);
    part(element, 'body-input').dispatchEvent(new Event('input'));
    part(element, 'submit-button').click();
    await waitUntil(() =>
      element.shadowRoot!.textContent!.includes('Comments can be at most 10,000 characters.'),
    );
    expect(part(element, 'name-input').getAttribute('aria-invalid')).to.equal('false');
    expect(fake.requests.filter((request) => request.method === 'POST')).to.have.length(0);
  });

  it('posts a comment: pending at once, published when stored; clears the text and remembers the name', async () => {
    threadOf(fake);
    const element = await mountLoaded(3);
    await typeInto(part(element, 'name-input'), '  Margaret ');
    await typeInto(part(element, 'body-input'), 'Hello from the tests');
    const posted = oneEvent(element, 'hearth-comment-posted');
    part(element, 'submit-button').click();
    const event = (await posted) as unknown as CommentPostedEvent;
    expect(event.comment.body).to.equal('Hello from the tests');

    const post = fake.requests.find((request) => request.method === 'POST')!;
    expect(post.body).to.deep.include({
      parentId: null,
      authorName: 'Margaret',
      body: 'Hello from the tests',
    });
    await waitUntil(() => parts(element, 'comment')[3]?.dataset.state === 'published');
    const added = parts(element, 'comment')[3]!;
    expect(added.dataset.id).to.equal((post.body as { id: string }).id);
    expect(event.comment.id).to.equal(added.dataset.id);
    expect(part(element, 'author', added).textContent).to.equal('Margaret');
    expect(added.querySelector('.write-state')).to.equal(null);
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('');
    expect(part(element, 'count').textContent).to.equal('4 comments');
    expect(fake.comments.filter((comment) => comment.id === added.dataset.id)).to.have.length(1);

    const db = (await openHearthDb(databaseName))!;
    expect((await db.get('settings', 'authorName'))?.value).to.equal('Margaret');
    expect(await db.getAll('outbox')).to.deep.equal([]);
    db.close();

    // A second element on the same database starts with the remembered name.
    element.remove();
    const again = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(
      () => parts(again, 'name-input').map((input) => (input as HTMLInputElement).value)[0] === 'Margaret',
    );
  });

  it('posts with Ctrl+Enter, while Enter alone inserts a line break', async () => {
    const element = await mountLoaded(0);
    await typeInto(part(element, 'name-input'), 'Ada');
    await typeInto(part(element, 'body-input'), 'line one');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'line two' });
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('line one\nline two');
    expect(fake.requests.filter((request) => request.method === 'POST')).to.have.length(0);
    await pressCtrlEnter();
    await waitUntil(() => parts(element, 'comment').length === 1);
    await waitUntil(() => part(element, 'comment-body').querySelector('br'));
    expect(readLines(part(element, 'comment-body').querySelector('p')!)).to.equal('line one\nline two');
  });

  it('shows a queued comment as pending ("Posting…") with the composer emptied until the server stores it', async () => {
    const element = await mountLoaded(0);
    await fake.waitForRequests(1);
    await typeInto(part(element, 'name-input'), 'Ada');
    await typeInto(part(element, 'body-input'), 'Slow network');
    const release = fake.hold();
    part(element, 'submit-button').click();
    await waitUntil(
      () => parts(element, 'comment').length === 1,
      'the comment shows before the server answers',
    );
    const pending = parts(element, 'comment')[0]!;
    expect(pending.dataset.state).to.equal('pending');
    expect(pending.querySelector('.write-state')!.textContent!.trim()).to.equal('Posting…');
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('');
    expect(part(element, 'submit-button').textContent!.trim()).to.equal('Post comment');
    await expect(element).to.be.accessible();
    release();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    expect(parts(element, 'comment')).to.have.length(1);
    expect(fake.requests.filter((request) => request.method === 'POST')).to.have.length(1);
    expect(parts(element, 'comment')[0]!.querySelector('.write-state')).to.equal(null);
  });

  it('opens a reply composer inside the comment, focuses it, and Escape returns focus', async () => {
    threadOf(fake);
    const element = await mountLoaded(3);
    const [first] = parts(element, 'comment');
    const replyButton = part(element, 'reply-button', first);
    replyButton.click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const composer = parts(element, 'composer').find((form) => form.dataset.composer === first!.dataset.id)!;
    expect(first!.closest('li')!.contains(composer)).to.equal(true);
    expect(replyButton.getAttribute('aria-expanded')).to.equal('true');
    expect(hasFocus(element, part(element, 'body-input', composer)), 'focus in the reply').to.equal(true);
    await sendKeys({ type: 'half a thought' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => parts(element, 'composer').length === 1);
    expect(hasFocus(element, replyButton), 'focus back on Reply').to.equal(true);
    // What was typed is still there when the reply composer opens again.
    replyButton.click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    expect(part<HTMLTextAreaElement>(element, 'body-input', parts(element, 'composer')[0]).value).to.equal(
      'half a thought',
    );
  });

  it('posts a reply that nests under its parent', async () => {
    threadOf(fake);
    const element = await mountLoaded(3);
    const second = parts(element, 'comment')[2]!;
    part(element, 'reply-button', second).click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const composer = parts(element, 'composer')[0]!;
    await typeInto(part(element, 'name-input', composer), 'Barbara');
    await typeInto(part(element, 'body-input', composer), 'Replying to Linus');
    await pressCtrlEnter();
    await waitUntil(() => parts(element, 'comment').length === 4);
    await waitUntil(() =>
      parts(element, 'comment').every((comment) => comment.dataset.state === 'published'),
    );
    const post = fake.requests.find((request) => request.method === 'POST')!;
    expect(post.body).to.deep.include({ parentId: second.dataset.id, body: 'Replying to Linus' });
    const reply = parts(element, 'comment').find(
      (comment) => comment.dataset.id === (post.body as { id: string }).id,
    )!;
    expect(second.closest('li')!.contains(reply)).to.equal(true);
    expect(parts(element, 'composer')).to.have.length(1);
  });

  it("marks a refused comment failed with the server's reason; Edit puts the text back", async () => {
    const element = await mountLoaded(0);
    await fake.waitForRequests(1);
    await typeInto(part(element, 'name-input'), 'Ada');
    await typeInto(part(element, 'body-input'), 'Refused text');
    fake.script.push({
      status: 400,
      body: {
        error: { code: 'validation_failed', message: 'Comment contains a banned word.', field: 'body' },
      },
    });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed');
    const failed = parts(element, 'comment')[0]!;
    expect(failed.querySelector('.write-state')!.textContent).to.include(
      'Not posted: Comment contains a banned word.',
    );
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('');
    await expect(element).to.be.accessible();

    failed.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
    await waitUntil(() => parts(element, 'comment').length === 0);
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('Refused text');
    expect(part(element, 'body-input').getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.textContent).to.include('Comment contains a banned word.');
    expect(hasFocus(element, part(element, 'body-input')), 'focus in the composer').to.equal(true);
    const db = (await openHearthDb(databaseName))!;
    expect(await db.getAll('outbox')).to.deep.equal([]);
    db.close();
    expect(fake.requests.filter((request) => request.method === 'POST')).to.have.length(1);
  });

  it('keeps a comment pending while the server is unreachable and delivers it once when it is back', async () => {
    const element = await mountLoaded(0);
    await fake.waitForRequests(1);
    await typeInto(part(element, 'name-input'), 'Ada');
    await typeInto(part(element, 'body-input'), 'Written on a train');
    fake.isDown = true;
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment').length === 1);
    const posts = (): typeof fake.requests => fake.requests.filter((request) => request.method === 'POST');
    await waitUntil(() => posts().length >= 1, 'a first attempt is made');
    expect(parts(element, 'comment')[0]!.dataset.state).to.equal('pending');
    expect(part<HTMLTextAreaElement>(element, 'body-input').value).to.equal('');
    await waitUntil(() => part(element, 'status').textContent!.includes('1 comment waiting to post.'));

    fake.isDown = false;
    // The browser says the network is back: everything waiting is retried at once.
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    const ids = new Set(posts().map((request) => (request.body as { id: string }).id));
    expect(ids.size).to.equal(1, 'every attempt reuses the same id');
    expect(fake.comments.filter((comment) => comment.body === 'Written on a train')).to.have.length(1);
    expect(parts(element, 'comment')).to.have.length(1);
    await waitUntil(() => !part(element, 'status').textContent!.includes('waiting to post'));
  });

  it('uses the canonical link path as the thread key when none is given', async () => {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = 'https://blog.example/posts/canonical-key?utm=1';
    document.head.append(link);
    try {
      fake.comments.push(makeComment({ thread: '/posts/canonical-key' }));
      const element = document.createElement('hearth-comments');
      element.endpoint = fake.url;
      element.databaseName = databaseName;
      document.body.append(element);
      await waitUntil(() => parts(element, 'comment').length === 1);
      expect(fake.requests[0]!.url.pathname).to.equal('/api/v1/threads/%2Fposts%2Fcanonical-key/comments');
    } finally {
      link.remove();
    }
  });

  it('follows a change of thread attribute', async () => {
    fake.comments.push(
      makeComment({ thread: '/a', body: 'on a' }),
      makeComment({ thread: '/b', body: 'on b' }),
    );
    const element = await mountComments({ endpoint: fake.url, databaseName, thread: '/a' });
    await waitUntil(() => parts(element, 'comment').length === 1);
    element.setAttribute('thread', '/b');
    // Between the two threads no comment shows: `parts`, which finds none without throwing.
    await waitUntil(() => parts(element, 'comment-body')[0]?.textContent === 'on b');
    expect(parts(element, 'comment')).to.have.length(1);
  });

  it('defines the element only once when the script is pasted twice', async () => {
    const first = customElements.get('hearth-comments');
    // A second copy of the module (as a second paste of the script would load) must not throw.
    const secondCopy = new URL('../../src/embed.ts?second-paste', import.meta.url).href;
    await import(/* @vite-ignore */ secondCopy);
    expect(customElements.get('hearth-comments')).to.equal(first);
  });
});
