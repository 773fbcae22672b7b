import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { makeComment } from '../helpers/fixtures.js';
import { hasFocus, mountReady, part, parts, useElementTest } from '../helpers/mount.js';

/** A body using every construct the renderer knows, and some it shows as text. */
const everything = [
  // Leading spaces would make an indented code block; posting trims them, and so does Preview.
  '    A paragraph with **strong**, _em_, ~~del~~ and `code`,',
  'and a second line.',
  '',
  '```js',
  'const isSmall = 1 < 2 && "yes";',
  '```',
  '',
  '> A quote',
  '> > inside a quote',
  '',
  '- one',
  '  - nested one',
  '  - nested two',
  '- two',
  '',
  '3. three',
  '4. four',
  '',
  'A [link](https://example.com/a?b=1&c=2 "title"), a bare URL https://hearth.test/path,',
  'an image ![the alt](https://example.com/i.png) and raw <b>x</b>.',
  '',
  '# A heading',
  '',
].join('\n');

/** Markup without Lit's part markers, which differ between two renderings of the same tree. */
function normalize(markup: string): string {
  return markup.replace(/<!--\?lit\$\d+\$-->|<!---->/g, '');
}

function composerOf(element: HearthComments, key: string): HTMLElement {
  const composer = parts(element, 'composer').find((form) => form.dataset.composer === key);
  if (!composer) throw new Error(`No composer "${key}" rendered`);
  return composer;
}

function tabs(composer: HTMLElement): { write: HTMLElement; preview: HTMLElement } {
  const [write, preview] = composer.querySelectorAll<HTMLElement>('[role="tab"]');
  return { write: write!, preview: preview! };
}

function panelOf(element: HearthComments, tab: HTMLElement): HTMLElement {
  return element.shadowRoot!.getElementById(tab.getAttribute('aria-controls')!)!;
}

function isSelected(tab: HTMLElement): boolean {
  return tab.getAttribute('aria-selected') === 'true';
}

async function typeInto(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

/** Puts a long body in at once, then types its last character so the real input path runs. */
async function fillBody(textarea: HTMLTextAreaElement, body: string): Promise<void> {
  textarea.value = body.slice(0, -1);
  textarea.dispatchEvent(new InputEvent('input'));
  await typeInto(textarea, body.slice(-1));
  expect(textarea.value).to.equal(body);
}

async function pressCtrlEnter(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

describe('<hearth-comments> composer preview', () => {
  const env = useElementTest();

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, count);
  }

  /** Opens the Preview tab of a composer and waits for the parsed rendering. */
  async function openPreview(element: HearthComments, composer: HTMLElement): Promise<HTMLElement> {
    tabs(composer).preview.click();
    await waitUntil(() => composer.querySelector('[part~="preview"] strong'), 'the parsed preview shows');
    return part(element, 'preview', composer);
  }

  /** Waits for the stored comment `id` to render from the server's copy and returns its body. */
  async function storedBody(element: HearthComments, id: string): Promise<HTMLElement> {
    await waitUntil(
      () =>
        parts(element, 'comment').find((comment) => comment.dataset.id === id)?.dataset.state === 'published',
      'the stored comment renders',
    );
    const comment = parts(element, 'comment').find((candidate) => candidate.dataset.id === id)!;
    return part(element, 'comment-body', comment);
  }

  function postedIds(): string[] {
    return env.fake.requests
      .filter((request) => request.method === 'POST')
      .map((request) => (request.body as { id: string }).id);
  }

  it('is accessible on the Preview tab, with a main and a reply composer open at once', async () => {
    env.fake.comments.push(makeComment({ authorName: 'Ada' }));
    const element = await mount(1);
    part(element, 'reply-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const main = composerOf(element, 'main');
    await typeInto(part(element, 'name-input', main), 'Grace');
    await fillBody(part<HTMLTextAreaElement>(element, 'body-input', main), everything);
    await openPreview(element, main);
    await expect(element).to.be.accessible();

    const ids = [...element.shadowRoot!.querySelectorAll('[id]')].map((node) => node.id);
    expect(new Set(ids).size).to.equal(ids.length, 'ids are unique across composers');
  });

  it('moves between the tabs with the keyboard, keeping the text', async () => {
    const element = await mount(0);
    const composer = composerOf(element, 'main');
    const { write, preview } = tabs(composer);
    const tablist = composer.querySelector<HTMLElement>('[role="tablist"]')!;
    const label = element.shadowRoot!.getElementById(tablist.getAttribute('aria-labelledby')!)!;
    expect(label.textContent!.trim()).to.equal('Comment');
    for (const tab of [write, preview]) {
      expect(panelOf(element, tab).getAttribute('role')).to.equal('tabpanel');
      expect(panelOf(element, tab).getAttribute('aria-labelledby')).to.equal(tab.id);
    }
    await typeInto(part(element, 'body-input', composer), 'Some *text*');

    // The last identity field comes just before the tabs.
    part(element, 'email-input', composer).focus();
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(element, write), 'Tab reaches the selected tab').to.equal(true);
    expect([isSelected(write), write.tabIndex, isSelected(preview), preview.tabIndex]).to.deep.equal([
      true,
      0,
      false,
      -1,
    ]);
    expect(panelOf(element, write).hidden).to.equal(false);
    expect(panelOf(element, preview).hidden).to.equal(true);

    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => isSelected(preview));
    expect(hasFocus(element, preview), 'focus follows the arrow').to.equal(true);
    expect([isSelected(write), write.tabIndex, preview.tabIndex]).to.deep.equal([false, -1, 0]);
    expect(panelOf(element, write).hidden).to.equal(true);
    expect(panelOf(element, preview).hidden).to.equal(false);
    await waitUntil(() => part(element, 'preview', composer).querySelector('em'));
    expect(part(element, 'preview', composer).textContent).to.equal('Some text');

    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => isSelected(write));
    expect(hasFocus(element, write)).to.equal(true);
    expect([write.tabIndex, isSelected(preview), preview.tabIndex]).to.deep.equal([0, false, -1]);
    expect(panelOf(element, preview).hidden).to.equal(true);

    // Arrows wrap around; Home and End go to the first and last tab.
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => isSelected(preview) && hasFocus(element, preview));
    await sendKeys({ press: 'Home' });
    await waitUntil(() => isSelected(write) && hasFocus(element, write));
    await sendKeys({ press: 'End' });
    await waitUntil(() => isSelected(preview) && hasFocus(element, preview));
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => isSelected(write) && hasFocus(element, write));

    await sendKeys({ press: 'Tab' });
    expect(hasFocus(element, part(element, 'body-input', composer)), 'Tab enters the panel').to.equal(true);
    expect(part<HTMLTextAreaElement>(element, 'body-input', composer).value).to.equal('Some *text*');
  });

  it('describes the textarea with the formatting hint and the shortcut hint', async () => {
    const element = await mount(0);
    const ids = part(element, 'body-input').getAttribute('aria-describedby')!.split(' ');
    const descriptions = ids.map((id) =>
      element.shadowRoot!.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(descriptions).to.have.length(2);
    expect(descriptions[0]).to.equal(
      'Markdown: **bold**, _italic_, `code`, > quote, - list, [link](https://…)',
    );
    expect(descriptions[1]).to.match(/^(Ctrl|⌘)\+Enter posts$/);
  });

  it('previews exactly what the thread shows once the main composer posts', async () => {
    const element = await mount(0);
    const composer = composerOf(element, 'main');
    await typeInto(part(element, 'name-input', composer), 'Ada');
    await fillBody(part<HTMLTextAreaElement>(element, 'body-input', composer), everything);
    const preview = normalize((await openPreview(element, composer)).innerHTML);

    // Every construct rendered, and nothing the renderer should refuse.
    const shown = part(element, 'preview', composer);
    const text = (selector: string): string[] =>
      [...shown.querySelectorAll(selector)].map((node) => node.textContent!);
    expect(text(':scope > p:first-child > :is(strong, em, del, code)')).to.deep.equal([
      'strong',
      'em',
      'del',
      'code',
    ]);
    expect(text(':scope > p:first-child')[0]).to.match(/^A paragraph/, 'the leading spaces are trimmed');
    expect(shown.querySelectorAll(':scope > p:first-child > br')).to.have.length(1);
    expect(text('pre > code')).to.deep.equal(['const isSmall = 1 < 2 && "yes";']);
    expect(text('blockquote > blockquote > p')).to.deep.equal(['inside a quote']);
    expect(text('ul > li > ul > li')).to.deep.equal(['nested one', 'nested two']);
    expect(shown.querySelector('ol')!.getAttribute('start')).to.equal('3');
    expect(text('ol > li')).to.deep.equal(['three', 'four']);
    expect([...shown.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1&c=2',
      'https://hearth.test/path',
      'https://example.com/i.png',
    ]);
    expect(shown.textContent).to.include('raw <b>x</b>.');
    expect(text(':scope > p:last-child > strong')).to.deep.equal(['A heading']);
    expect(shown.querySelector('img, b, h1, script') !== null, 'no refused elements').to.equal(false);

    part(element, 'submit-button', composer).click();
    await waitUntil(() => postedIds().length === 1);
    const body = await storedBody(element, postedIds()[0]!);
    expect(env.fake.comments[0]!.body).to.equal(everything.trim());
    expect(normalize(body.innerHTML)).to.equal(preview);
  });

  it('previews exactly what the thread shows once a reply composer posts', async () => {
    env.fake.comments.push(makeComment({ authorName: 'Ada' }));
    const element = await mount(1);
    part(element, 'reply-button').click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const parentId = parts(element, 'comment')[0]!.dataset.id!;
    const composer = composerOf(element, parentId);
    await typeInto(part(element, 'name-input', composer), 'Grace');
    await fillBody(part<HTMLTextAreaElement>(element, 'body-input', composer), everything);
    const preview = normalize((await openPreview(element, composer)).innerHTML);

    tabs(composer).preview.focus();
    await pressCtrlEnter();
    await waitUntil(() => postedIds().length === 1);
    const body = await storedBody(element, postedIds()[0]!);
    expect(env.fake.comments.find((comment) => comment.parentId === parentId)!.body).to.equal(
      everything.trim(),
    );
    expect(normalize(body.innerHTML)).to.equal(preview);
  });

  it('posts from the Preview tab with Ctrl+Enter, then empties the composer and returns to Write', async () => {
    const element = await mount(0);
    const composer = composerOf(element, 'main');
    await typeInto(part(element, 'name-input', composer), 'Ada');
    await typeInto(part(element, 'body-input', composer), 'Seen **before** posting');
    await openPreview(element, composer);
    const { write, preview } = tabs(composer);
    preview.focus();
    await pressCtrlEnter();

    await waitUntil(() => parts(element, 'comment').length === 1);
    await waitUntil(() => postedIds().length === 1);
    const post = env.fake.requests.find((request) => request.method === 'POST')!;
    expect(post.body).to.deep.include({ authorName: 'Ada', body: 'Seen **before** posting' });
    expect([isSelected(write), isSelected(preview), write.tabIndex]).to.deep.equal([true, false, 0]);
    expect(panelOf(element, write).hidden).to.equal(false);
    expect(panelOf(element, preview).hidden).to.equal(true);
    expect(part<HTMLTextAreaElement>(element, 'body-input', composer).value).to.equal('');
    await waitUntil(() => hasFocus(element, parts(element, 'comment')[0]), 'focus on the new comment');
  });

  it('says there is nothing to preview, and an empty post goes back to Write with the error', async () => {
    const element = await mount(0);
    await env.fake.waitForRequests(1);
    const composer = composerOf(element, 'main');
    await typeInto(part(element, 'name-input', composer), 'Ada');
    await typeInto(part(element, 'body-input', composer), '   ');
    const { write, preview } = tabs(composer);
    preview.click();
    await waitUntil(() => isSelected(preview));
    const shown = part(element, 'preview', composer);
    expect(shown.textContent!.trim()).to.equal('Nothing to preview');
    expect(getComputedStyle(shown.firstElementChild!).color).not.to.equal(getComputedStyle(shown).color);

    part(element, 'submit-button', composer).click();
    await waitUntil(() => isSelected(write));
    const textarea = part(element, 'body-input', composer);
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea.getAttribute('aria-describedby')!.split(' ')).to.have.length(3);
    expect(hasFocus(element, textarea), 'focus on the invalid field').to.equal(true);
    expect(element.shadowRoot!.textContent).to.include('Please write a comment first.');
    expect(postedIds()).to.deep.equal([]);
  });

  it('keeps the height of the textarea in the preview, so nothing below moves', async () => {
    const element = await mount(0);
    const composer = composerOf(element, 'main');
    const textarea = part<HTMLTextAreaElement>(element, 'body-input', composer);
    await typeInto(textarea, 'Short');
    const submit = part(element, 'submit-button', composer);
    const before = { textarea: textarea.offsetHeight, submitTop: submit.getBoundingClientRect().top };
    tabs(composer).preview.click();
    await waitUntil(() => isSelected(tabs(composer).preview));
    const panel = panelOf(element, tabs(composer).preview);
    expect(panel.offsetHeight).to.equal(before.textarea);
    expect(submit.getBoundingClientRect().top).to.equal(before.submitTop);
  });

  it('Escape on the Preview tab closes a reply; it opens again on Write with the text', async () => {
    env.fake.comments.push(makeComment({ authorName: 'Ada' }));
    const element = await mount(1);
    const replyButton = part(element, 'reply-button');
    replyButton.click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const composer = composerOf(element, parts(element, 'comment')[0]!.dataset.id!);
    await typeInto(part(element, 'body-input', composer), 'half a thought');
    tabs(composer).write.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => isSelected(tabs(composer).preview));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => parts(element, 'composer').length === 1);
    expect(hasFocus(element, replyButton), 'focus back on Reply').to.equal(true);

    replyButton.click();
    await waitUntil(() => parts(element, 'composer').length === 2);
    const again = parts(element, 'composer')[0]!;
    expect(isSelected(tabs(again).write)).to.equal(true);
    const textarea = part<HTMLTextAreaElement>(element, 'body-input', again);
    expect(hasFocus(element, textarea), 'focus in the reply').to.equal(true);
    expect(textarea.value).to.equal('half a thought');
  });
});
