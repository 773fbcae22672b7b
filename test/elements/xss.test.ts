import { aTimeout, expect, nextFrame } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { render } from 'lit';
import { renderRichText } from '../../src/elements/hearth-comments/rich-text-nodes.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import type { RichText } from '../../src/internal/rich-text.js';
import type { Comment } from '../../src/protocol/comment.js';
import { openHearthDb } from '../../src/storage/db.js';
import { installFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint.js';
import { makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { mountComments, mountReady, parts } from '../helpers/mount.js';
import {
  findRenderingProblems,
  fitsAsAuthorName,
  spyName,
  xssCorpus,
  type XssVector,
} from '../helpers/xss-corpus.js';

const harmlessAuthor = 'Harmless Reader';

/**
 * `~~~~<img …>`: a tilde fence whose info string is the payload, with nothing inside. As in
 * CommonMark, the info string is not shown, so the body is an empty code block.
 */
const emptyFenceVector = 'size-20';

/** The corpus as a thread, and which comment carries which vector. */
interface CorpusThread {
  comments: Comment[];
  /** Comment id → the vector used as its body. */
  bodies: Map<string, XssVector>;
  /** Comment id → the vector used as its author's name. */
  names: Map<string, XssVector>;
}

/**
 * Every vector once as a body, and once as an author name where it fits one. Name comments
 * form one chain of replies, so past the nesting limit each shows "replying to <name>".
 */
function corpusThread(): CorpusThread {
  const thread: CorpusThread = { comments: [], bodies: new Map(), names: new Map() };
  for (const vector of xssCorpus) {
    const comment = makeComment({ authorName: harmlessAuthor, body: vector.payload });
    thread.comments.push(comment);
    thread.bodies.set(comment.id, vector);
  }
  let parentId: string | null = null;
  for (const vector of xssCorpus.filter(fitsAsAuthorName)) {
    const comment = makeComment({ authorName: vector.payload, body: `Name vector ${vector.id}`, parentId });
    thread.comments.push(comment);
    thread.names.set(comment.id, vector);
    parentId = comment.id;
  }
  return thread;
}

/**
 * Waits a few animation frames, then 200 ms more, for handlers that fire after insertion (image
 * and media errors, toggles, focus). A page the runner keeps in the background gets no frames,
 * so each frame gives up after 100 ms rather than hang the test.
 */
async function settle(): Promise<void> {
  for (let frame = 0; frame < 3; frame += 1) await Promise.race([nextFrame(), aTimeout(100)]);
  await aTimeout(200);
}

type SpiedWindow = Window & Record<typeof spyName, ((id: string) => void) | undefined>;

describe('<hearth-comments> against the XSS corpus', function () {
  // Five hundred comments, rendered twice, with pauses for handlers that fire late.
  this.timeout(120_000);

  let fake: FakeEndpoint;
  let databaseName: string;
  let thread: CorpusThread;
  /** Every call any payload made: `spy:<id>`, `alert:<message>` and so on. */
  let calls: string[];
  let restoreGlobals: () => void;

  beforeEach(() => {
    thread = corpusThread();
    fake = installFakeEndpoint(thread.comments);
    databaseName = uniqueDatabaseName();
    calls = [];
    const spied = window as unknown as SpiedWindow;
    const { alert, confirm, prompt } = window;
    spied[spyName] = (id) => calls.push(`spy:${id}`);
    window.alert = (message?: unknown) => calls.push(`alert:${String(message)}`);
    window.confirm = (message?: string) => (calls.push(`confirm:${message}`), false);
    window.prompt = (message?: string) => (calls.push(`prompt:${message}`), null);
    restoreGlobals = () => {
      delete spied[spyName];
      Object.assign(window, { alert, confirm, prompt });
    };
  });

  afterEach(() => {
    fake.restore();
    document.querySelectorAll('hearth-comments').forEach((element) => element.remove());
    indexedDB.deleteDatabase(databaseName);
    restoreGlobals();
  });

  /** Resolves once every comment shows with its parsed body, then gives late handlers time to fire. */
  async function renderedAndSettled(element: HearthComments): Promise<void> {
    const root = element.shadowRoot!;
    await waitUntil(
      () =>
        parts(element, 'comment').length === thread.comments.length && root.querySelector('p.plain') === null,
      `all ${thread.comments.length} comments rendered from parsed bodies`,
    );
    await settle();
  }

  function commentElement(element: HearthComments, id: string): HTMLElement {
    const found = element.shadowRoot!.querySelector<HTMLElement>(`[part~="comment"][data-id="${id}"]`);
    if (!found) throw new Error(`comment ${id} is not rendered`);
    return found;
  }

  function idOf(vectors: Map<string, XssVector>, vectorId: string): string {
    for (const [commentId, vector] of vectors) if (vector.id === vectorId) return commentId;
    throw new Error(`no comment carries ${vectorId}`);
  }

  function bodyText(element: HearthComments, vectorId: string): string {
    const comment = commentElement(element, idOf(thread.bodies, vectorId));
    return comment.querySelector('[part~="comment-body"]')!.textContent!;
  }

  /** The assertions both render paths must pass. */
  function expectNothingGotThrough(element: HearthComments): void {
    expect(calls, 'no payload ran').to.deep.equal([]);
    expect(findRenderingProblems(element)).to.deep.equal([]);

    // Content is shown as text, not dropped.
    for (const [id, vector] of thread.bodies) {
      const body = commentElement(element, id).querySelector('[part~="comment-body"]')!;
      if (vector.id === emptyFenceVector) {
        expect(body.querySelector('pre'), `${vector.id} is an empty code block`).not.to.equal(null);
      } else {
        expect(body.textContent!.trim(), `${vector.id} shows some text`).not.to.equal('');
      }
    }
    for (const [id, vector] of thread.names) {
      const author = commentElement(element, id).querySelector('[part~="author"]')!;
      expect(author.textContent, `${vector.id} shows as the author's name`).to.equal(vector.payload);
    }
    expect(bodyText(element, 'script-tag-1')).to.equal(`<script>${spyName}('script-tag-1')</script>`);
    expect(bodyText(element, 'event-handler-1')).to.equal(
      `<img src=x onerror="${spyName}('event-handler-1')">`,
    );
    expect(bodyText(element, 'url-scheme-1')).to.equal(`[click](javascript:${spyName}('url-scheme-1'))`);
    expect(bodyText(element, 'mutation-1')).to.contain('<svg><style><img src=x onerror=');
    expect(bodyText(element, 'unicode-1')).to.equal(
      `\uff1cscript\uff1e${spyName}('unicode-1')\uff1c/script\uff1e`,
    );
    // Decoded entities are text too: `&lt;script&gt;` shows as `<script>`, not as an element.
    expect(bodyText(element, 'markdown-40')).to.equal(`<script>${spyName}('markdown-40')</script>`);
    const codeSpan = commentElement(element, idOf(thread.bodies, 'markdown-20')).querySelector('code');
    expect(codeSpan?.textContent).to.equal(`<script>${spyName}('markdown-20')</script>`);
    // A deep reply shows flat, naming the author it answers: that text is a vector too.
    const mentions = [...element.shadowRoot!.querySelectorAll('.replying-to')];
    expect(mentions.length).to.be.greaterThan(100);
    expect(mentions.some((mention) => mention.textContent!.includes('<script>'))).to.equal(true);
  }

  it('renders every vector as inert text, on the first visit and on a return visit from IndexedDB', async () => {
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await renderedAndSettled(element);
    expectNothingGotThrough(element);

    await waitUntil(async () => {
      const db = (await openHearthDb(databaseName))!;
      const count = await db.count('comments');
      db.close();
      return count === thread.comments.length;
    }, 'the first visit cached the thread');
    element.remove();

    // The return visit's request is held: what it paints comes from the cached trees.
    const requestsBefore = fake.requests.length;
    const release = fake.hold();
    const returning = await mountComments({ endpoint: fake.url, databaseName });
    await renderedAndSettled(returning);
    await fake.waitForRequests(requestsBefore + 1);
    expectNothingGotThrough(returning);

    // Then the server answers that nothing changed, and the thread renders again.
    release();
    await aTimeout(300);
    await returning.updateComplete;
    await renderedAndSettled(returning);
    expect(fake.requests.length, 'one request for changes, answered with none').to.equal(requestsBefore + 1);
    expectNothingGotThrough(returning);
  });

  it('renders every vector as inert text when the server sends it as a body tree', async () => {
    // A server may send each body's tree (the feed's bodyTree): the vectors as its text, link
    // addresses and code, beside a body the tree does not match.
    fake.restore();
    const sent = xssCorpus.map((vector) =>
      Object.assign(makeComment({ authorName: harmlessAuthor, body: `*tree* ${vector.id}` }), {
        bodyTree: [
          { t: 'p', c: [vector.payload, { t: 'a', href: vector.payload, c: [vector.payload] }] },
          { t: 'p', c: [{ t: 'code', v: vector.payload }] },
          { t: 'pre', v: vector.payload },
        ],
      }),
    );
    fake = installFakeEndpoint(sent);
    const element = await mountComments({ endpoint: fake.url, databaseName });
    const root = element.shadowRoot!;
    await waitUntil(
      () => parts(element, 'comment').length === sent.length && root.querySelector('p.plain') === null,
      `all ${sent.length} comments rendered from their trees`,
    );
    await settle();

    expect(calls, 'no payload ran').to.deep.equal([]);
    expect(findRenderingProblems(element)).to.deep.equal([]);
    for (const [index, vector] of xssCorpus.entries()) {
      const body = commentElement(element, sent[index]!.id).querySelector('[part~="comment-body"]')!;
      expect(body.querySelector('pre')?.textContent, vector.id).to.equal(vector.payload);
    }
  });

  it('previews every vector as inert text in the composer', async () => {
    const element = await mountReady({ endpoint: fake.url, databaseName, thread: '/posts/empty' }, 0);
    const composer = parts(element, 'composer').find((form) => form.dataset.composer === 'main')!;
    const textarea = composer.querySelector<HTMLTextAreaElement>('[part~="body-input"]')!;
    const previewTab = [...composer.querySelectorAll<HTMLElement>('[role="tab"]')][1]!;
    previewTab.click();
    await waitUntil(() => composer.querySelector('[part~="preview"]'), 'the preview panel opens');
    const problems: string[] = [];
    for (const vector of xssCorpus) {
      textarea.value = vector.payload;
      textarea.dispatchEvent(new InputEvent('input'));
      await element.updateComplete;
      const preview = composer.querySelector('[part~="preview"]')!;
      // The parser chunk may still be loading for the first vector.
      await waitUntil(() => preview.querySelector('p.plain') === null, 'the preview is parsed');
      if (preview.textContent!.trim() === '') problems.push(`${vector.id}: the preview is empty`);
      problems.push(...findRenderingProblems(element).map((problem) => `${vector.id}: ${problem}`));
    }
    await settle();
    expect(calls, 'no payload ran').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });

  /** An object that survives structuredClone yet looks to Lit like a compiled template. */
  function litLookalike(markup: string): unknown {
    const strings = Object.assign([markup], { raw: [markup] });
    return { _$litType$: 1, strings, values: [] };
  }

  it('renders hostile cached trees without elements or links they may not have', async () => {
    // Trees normally come from parseMarkdown; these are what a corrupt or foreign cache could hold.
    const call = `${spyName}('cached-tree')`;
    const trees = [
      [{ t: 'p', c: [{ t: 'a', href: `javascript:${call}`, c: ['js'] }] }],
      [{ t: 'p', c: [{ t: 'a', href: `JAVASCRIPT:${call}`, c: ['JS'] }] }],
      [{ t: 'p', c: [{ t: 'a', href: ` https://example.com/`, c: ['space'] }] }],
      [{ t: 'p', c: [{ t: 'a', href: `data:text/html,<script>${call}</script>`, c: ['data'] }] }],
      [{ t: 'p', c: [{ t: 'a', href: '//evil.example/', c: ['relative'] }] }],
      [{ t: 'p', c: [{ t: 'a', href: 'https://example.com/', c: ['extra'], onclick: call, rel: 'opener' }] }],
      [{ t: 'script', c: [call] }],
      [{ t: 'p', c: [{ t: 'img', src: 'x', onerror: call }, `<img src=x onerror="${call}">`] }],
      [{ t: 'ol', start: `1" onclick="${call}`, items: [[{ t: 'p', c: ['item'] }]] }],
      [{ t: 'p', c: [{ t: 'code', v: `<img src=x onerror="${call}">` }] }],
      // Shaped like a Lit template result, which Lit would render as markup if passed through.
      [{ t: 'pre', v: litLookalike(`<img src=x onerror="${call}">`) }],
      [{ t: 'p', c: [{ t: 'code', v: litLookalike(`<img src=x onerror="${call}">`) }] }],
    ] as unknown as RichText[];
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const root = host.attachShadow({ mode: 'open' });
      for (const tree of trees) {
        const body = document.createElement('div');
        body.setAttribute('part', 'comment-body');
        root.append(body);
        render(renderRichText(structuredClone(tree)), body);
      }
      await settle();
      expect(calls, 'no payload ran').to.deep.equal([]);
      expect(findRenderingProblems(host)).to.deep.equal([]);
      expect(root.textContent).to.contain(`<img src=x onerror="${call}">`);
    } finally {
      host.remove();
    }
  });

  // Last in the file: handlers of markup it inserts must not fire into another test's spy log.
  it('is calibrated: inserted as raw markup, vectors run and the audit objects', async () => {
    // Not meta and base: as markup, those would navigate the test page away.
    const live = xssCorpus.filter((vector) => !/<meta|<base/i.test(vector.payload));
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const root = host.attachShadow({ mode: 'open' });
      for (const vector of live) {
        const body = document.createElement('div');
        body.setAttribute('part', 'comment-body');
        body.innerHTML = vector.payload;
        root.append(body);
      }
      await waitUntil(() => calls.includes('spy:event-handler-1'), 'an image error handler ran');
      await aTimeout(500);
      expect(calls).to.include.members([
        'spy:event-handler-1',
        'spy:event-handler-13',
        'spy:mutation-1',
        'spy:embedding-1',
        'alert:event-handler-36',
        'confirm:polyglot-2',
      ]);
      const problems = findRenderingProblems(host);
      for (const expected of [
        '<img',
        '<svg',
        '<iframe',
        '<script',
        '<a href="javascript:',
        ' onerror=',
        ' style=',
      ]) {
        expect(
          problems.some((problem) => problem.includes(expected)),
          expected,
        ).to.equal(true);
      }
    } finally {
      host.remove();
    }
  });
});
