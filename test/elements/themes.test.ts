import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AxeResults } from 'axe-core';
import '../../src/embed.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import type { ScriptedReply } from '../helpers/fake-endpoint.js';
import { makeComment } from '../helpers/fixtures.js';
import {
  backgroundBehind,
  contrastRatio,
  focusRingContrast,
  parseColor,
  textContrast,
} from '../helpers/contrast.js';
import { part, parts, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

/** A page the widget is pasted into: the styles of the element it sits in, set through CSSOM. */
interface Page {
  name: string;
  styles: Record<string, string>;
}

// The demo's dark mode: its page colours and the --hearth-* properties demo/demo.css sets.
const demoDark: Record<string, string> = {
  'background-color': '#181715',
  color: '#ebe7df',
  '--hearth-accent-color': '#f0915f',
  '--hearth-accent-contrast-color': '#181715',
  '--hearth-border-color': '#34312c',
  '--hearth-muted-color': '#a29c92',
  '--hearth-surface-color': '#23211e',
};

const pages: Page[] = [
  { name: 'a light page', styles: { 'background-color': '#fafafa', color: '#333333' } },
  {
    name: 'a dark page without color-scheme',
    styles: { 'background-color': '#121417', color: '#e6e6e6' },
  },
  {
    name: 'a dark page with color-scheme: dark',
    styles: { 'color-scheme': 'dark', 'background-color': 'Canvas', color: 'CanvasText' },
  },
  { name: "the demo's dark mode", styles: demoDark },
  // Firefox Reader View's sepia: a light page with text of only 7.5:1.
  { name: 'a sepia page', styles: { 'background-color': '#f4ecd8', color: '#5b4636' } },
];

const refusal: ScriptedReply = {
  status: 422,
  body: { error: { code: 'validation_failed', message: 'Links are not allowed.', field: 'body' } },
};

interface Axe {
  run(context: Element, options: object): Promise<AxeResults>;
}

async function loadAxe(): Promise<Axe> {
  // axe.min.js is a UMD script: imported for its side effect, it registers window.axe.
  await import('axe-core/axe.min.js' as string);
  return (window as unknown as { axe: Axe }).axe;
}

async function typeInto(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

/** Focuses `target` as a keyboard user would reach it, so `:focus-visible` applies. */
async function focusByKeyboard(target: HTMLElement): Promise<void> {
  await sendKeys({ press: 'Shift' });
  target.focus();
}

describe('<hearth-comments> on any theme', () => {
  const test = useElementTest();
  let host: HTMLElement | null = null;

  afterEach(() => {
    host?.remove();
    host = null;
  });

  /** Mounts the widget inside an element styled like `page`. */
  function mountOn(page: Page, attributes: Record<string, string> = {}): HearthComments {
    host = document.createElement('div');
    for (const [property, value] of Object.entries(page.styles)) host.style.setProperty(property, value);
    host.style.setProperty('padding', '1rem');
    const element = document.createElement('hearth-comments');
    element.setAttribute('endpoint', test.fake.url);
    element.setAttribute('thread', '/posts/test');
    element.setAttribute('database-name', test.databaseName);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    host.append(element);
    document.body.append(host);
    return element;
  }

  function mainComposer(element: HearthComments): HTMLElement {
    return parts(element, 'composer').find((form) => form.dataset.composer === 'main')!;
  }

  async function post(element: HearthComments, body: string, reply?: ScriptedReply): Promise<void> {
    const name = part<HTMLInputElement>(element, 'name-input', mainComposer(element));
    if (name.value === '') await typeInto(name, 'Ada');
    await typeInto(part(element, 'body-input', mainComposer(element)), body);
    if (reply) test.fake.script.push(reply);
    part(element, 'submit-button', mainComposer(element)).click();
  }

  /**
   * Mounts a thread with every colour the widget uses on show: comments with their times,
   * badges and a tombstone, a failed and a pending comment, a validation error, the composer
   * with typed text, then its Preview tab.
   */
  async function showEverything(page: Page): Promise<HearthComments> {
    const first = makeComment({ authorName: 'Moderator', pinned: true, verified: true });
    const deleted = makeComment({ status: 'deleted', authorName: '', body: '' });
    const reply = makeComment({
      parentId: deleted.id,
      authorName: 'Linus',
      body: 'A [link](https://example.org)',
    });
    test.fake.comments.push(first, deleted, reply);
    const element = mountOn(page);
    await waitUntil(
      () => parts(element, 'comment').length === 3 && parts(element, 'composer').length > 0,
      'the thread and the composer show',
    );
    await test.fake.waitForRequests(1);
    await post(element, 'http://spam.example', refusal);
    await waitUntil(() => parts(element, 'comment')[3]?.dataset.state === 'failed', 'the refused post fails');
    test.fake.isDown = true;
    await post(element, 'Waiting for the network');
    await waitUntil(() => parts(element, 'comment')[4]?.dataset.state === 'pending', 'the next one waits');
    const composer = mainComposer(element);
    await typeInto(part(element, 'email-input', composer), 'not an email');
    await typeInto(part(element, 'body-input', composer), 'Some **bold** words');
    part(element, 'submit-button', composer).click();
    await waitUntil(
      () => part(element, 'email-input', composer).getAttribute('aria-invalid') === 'true',
      'the email is refused inline',
    );
    return element;
  }

  async function openPreview(element: HearthComments): Promise<void> {
    const composer = mainComposer(element);
    composer.querySelectorAll<HTMLElement>('[role="tab"]')[1]!.click();
    await waitUntil(() => composer.querySelector('[part~="preview"] strong'), 'the preview shows');
  }

  for (const page of pages) {
    describe(page.name, () => {
      it('has no colour-contrast violations with every state, the composer and its preview', async () => {
        const axe = await loadAxe();
        const element = await showEverything(page);
        const check = async (when: string) => {
          const result = await axe.run(element, { runOnly: ['color-contrast'] });
          const violations = result.violations.flatMap((violation) =>
            violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
          );
          expect(violations, `${page.name}, ${when}`).to.deep.equal([]);
          const checked = result.passes.flatMap((rule) => rule.nodes).length;
          expect(checked, 'axe measured the text, not left it for review').to.be.greaterThan(20);
        };
        await check('writing');
        expect(element.shadowRoot!.querySelector('.field-error')?.textContent).to.match(/valid email/);
        await openPreview(element);
        await check('previewing');
      });

      it('shows typed text at 4.5:1 or more and focus rings at 3:1 or more', async () => {
        const element = await showEverything(page);
        const composer = mainComposer(element);
        for (const name of ['name-input', 'email-input', 'body-input']) {
          const field = part(element, name, composer);
          expect(textContrast(field), `${name} on ${page.name}`).to.be.at.least(4.5);
        }
        const targets = [
          part(element, 'body-input', composer),
          part(element, 'name-input', composer),
          part(element, 'submit-button', composer),
          composer.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!,
          part(element, 'reply-button'),
          part(element, 'permalink'),
          part(element, 'sort'),
          parts(element, 'comment')[3]!.querySelector<HTMLElement>('.link-button')!,
        ];
        for (const target of targets) {
          await focusByKeyboard(target);
          const label = `${target.getAttribute('part') ?? target.className} on ${page.name}`;
          expect(target.matches(':focus-visible'), label).to.equal(true);
          expect(focusRingContrast(target), label).to.be.at.least(3);
        }
      });
    });
  }

  it('follows a dark page that declares only color-scheme, with no background of its own', async () => {
    const root = document.documentElement;
    root.style.setProperty('color-scheme', 'dark');
    try {
      test.fake.comments.push(makeComment({ body: 'A [link](https://example.org)' }));
      const element = mountOn({ name: 'bare dark', styles: {} });
      await waitUntil(() => element.shadowRoot!.querySelector('.rich-text a'), 'the link shows');
      const link = element.shadowRoot!.querySelector('.rich-text a')!;
      // The page's canvas, the colour behind everything when nothing paints a background.
      const probe = document.createElement('div');
      probe.style.setProperty('background-color', 'Canvas');
      document.body.append(probe);
      const canvas = parseColor(getComputedStyle(probe).backgroundColor);
      probe.remove();
      const color = parseColor(getComputedStyle(link).color);
      expect(contrastRatio(color, backgroundBehind(link, canvas))).to.be.at.least(4.5);
    } finally {
      root.style.removeProperty('color-scheme');
    }
  });

  it('reads a background in any colour syntax: oklch, as Tailwind 4 writes its palette', async () => {
    test.fake.comments.push(makeComment({ body: 'A [link](https://example.org)' }));
    const tailwindDark = {
      'background-color': 'oklch(0.21 0.034 264.665)',
      color: 'oklch(0.967 0.003 264.542)',
    };
    const element = mountOn({ name: 'Tailwind gray-900', styles: tailwindDark });
    await waitUntil(() => element.shadowRoot!.querySelector('.rich-text a'), 'the link shows');
    expect(textContrast(element.shadowRoot!.querySelector('.rich-text a')!)).to.be.at.least(4.5);
  });

  it('takes the scheme from its theme attribute, and follows a change of it', async () => {
    test.fake.comments.push(makeComment({ body: 'A [link](https://example.org)' }));
    const dark = pages[1]!;
    const element = mountOn(dark, { theme: 'light' });
    await waitUntil(() => element.shadowRoot!.querySelector('.rich-text a'), 'the link shows');
    const link = element.shadowRoot!.querySelector('.rich-text a')!;
    expect(textContrast(link), 'told light: the light accent, unreadable here').to.be.below(3);
    element.setAttribute('theme', 'auto');
    await waitUntil(() => textContrast(link) >= 4.5, 'auto finds the dark page');
    element.setAttribute('theme', 'light');
    await waitUntil(() => textContrast(link) < 3, 'light again');
    element.setAttribute('theme', 'dark');
    await waitUntil(() => textContrast(link) >= 4.5, 'told dark');
  });
});
