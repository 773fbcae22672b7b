import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/embed.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import type { ThreadCountEvent } from '../../src/events/thread-count-event.js';
import { backgroundBehind, composite, contrastRatio, parseColor, textContrast } from '../helpers/contrast.js';
import { makeTestJwt } from '../helpers/fake-auth.js';
import { makeComment } from '../helpers/fixtures.js';
import { hasFocus, mountComments, mountReady, part, parts, text, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

// What readers ran into (issue #13): an empty thread said "No comments yet" twice, the count
// took in the reader's own unpublished comments, the composer lay dozens of Tab presses away,
// a pressed upvote looked barely different, touch screens were told of a keyboard shortcut,
// and a validation message stayed after the field was fixed.
describe('<hearth-comments> what readers ran into', () => {
  const test = useElementTest();

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, count);
  }

  function mainComposer(element: HearthComments): HTMLElement {
    return parts(element, 'composer').find((form) => form.dataset.composer === 'main')!;
  }

  async function typeInto(field: HTMLElement, typed: string): Promise<void> {
    field.focus();
    await sendKeys({ type: typed });
  }

  describe('an empty thread', () => {
    it('says "No comments yet" once: the heading names the section, the body invites', async () => {
      const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
      await waitUntil(() => text(element.shadowRoot!.querySelector('.state')) !== 'Loading comments…');
      await waitUntil(() => parts(element, 'composer').length === 1, 'the composer shows');
      expect(text(part(element, 'count'))).to.equal('Comments');
      expect(text(element.shadowRoot!.querySelector('.state'))).to.equal(
        'No comments yet. Start the conversation.',
      );
      expect(text(element.shadowRoot!.querySelector('section')).split('No comments yet')).to.have.length(2);
      await expect(element).to.be.accessible();
    });
  });

  describe("the heading's count", () => {
    it("counts what other readers see, and the reader's unpublished comments apart", async () => {
      test.fake.comments.push(makeComment(), makeComment());
      const told: number[] = [];
      const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
      element.addEventListener('hearth-thread-count', (event: ThreadCountEvent) => told.push(event.count));
      await waitUntil(
        () => parts(element, 'comment').length === 2 && parts(element, 'composer').length > 0,
        'the thread and the composer show',
      );
      await test.fake.waitForRequests(1);
      expect(text(part(element, 'count'))).to.equal('2 comments');
      // From here on, what the page is told must stay what everyone sees.
      told.length = 0;

      // Refused: it stays the reader's to fix, and no one else sees it.
      test.fake.script.push({
        status: 422,
        body: { error: { code: 'validation_failed', message: 'Links are not allowed.', field: 'body' } },
      });
      await typeInto(part(element, 'name-input', mainComposer(element)), 'Ada');
      await typeInto(part(element, 'body-input', mainComposer(element)), 'http://spam.example');
      part(element, 'submit-button', mainComposer(element)).click();
      await waitUntil(() => parts(element, 'comment')[2]?.dataset.state === 'failed', 'the post fails');
      expect(text(part(element, 'count'))).to.equal('2 comments · 1 of yours not yet published');

      // Waiting for the network: two of the reader's now.
      test.fake.isDown = true;
      await typeInto(part(element, 'body-input', mainComposer(element)), 'Waiting for the network');
      part(element, 'submit-button', mainComposer(element)).click();
      await waitUntil(() => parts(element, 'comment')[3]?.dataset.state === 'pending', 'the next one waits');
      expect(text(part(element, 'count'))).to.equal('2 comments · 2 of yours not yet published');
      expect(
        told.every((count) => count === 2),
        `told ${told.join(', ')}`,
      ).to.equal(true);
    });

    it("counts a held comment as the reader's, not as the thread's", async () => {
      test.fake.isHolding = true;
      const element = await mount(0);
      await test.fake.waitForRequests(1);
      await typeInto(part(element, 'name-input'), 'Ada');
      await typeInto(part(element, 'body-input'), 'Please approve me');
      part(element, 'submit-button').click();
      await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'held', 'held');
      expect(text(part(element, 'count'))).to.equal('Comments · 1 of yours not yet published');
    });
  });

  describe('the keyboard path to the composer', () => {
    let page: HTMLElement | null = null;

    afterEach(() => {
      page?.remove();
      page = null;
    });

    it('reaches the name field from before the thread in two keypresses, past twelve comments', async () => {
      // Keys, focus and frames go to the page in front; another test file may share the browser.
      await executeServerCommand('bring-to-front');
      for (let index = 0; index < 12; index += 1) test.fake.comments.push(makeComment({ votes: index }));
      const before = await fixture<HTMLElement>(html`<div>
        <button type="button">Before the thread</button>
        <hearth-comments
          endpoint=${test.fake.url}
          thread="/posts/test"
          database-name=${test.databaseName}
        ></hearth-comments>
      </div>`);
      page = before;
      const element = before.querySelector('hearth-comments')!;
      await waitUntil(
        () => parts(element, 'comment').length === 12 && parts(element, 'composer').length > 0,
        'the thread and the composer show',
      );
      const skip = element.shadowRoot!.querySelector<HTMLAnchorElement>('a.skip-link')!;
      expect(text(skip)).to.equal('Skip to the comment form');
      expect(skip.getBoundingClientRect().width, 'out of sight until reached').to.be.at.most(1);

      before.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(hasFocus(element, skip), 'the first stop after the heading').to.equal(true);
      expect(skip.getBoundingClientRect().width, 'in sight when focused').to.be.greaterThan(20);
      expect(skip.matches(':focus-visible')).to.equal(true);
      await expect(element).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      const name = part(element, 'name-input', mainComposer(element));
      await waitUntil(() => hasFocus(element, name), 'the name field has focus');
    });

    it('takes a signed-in reader to the text field, back from the Preview tab', async () => {
      const element = await mountReady(
        {
          endpoint: test.fake.url,
          databaseName: test.databaseName,
          ssoToken: makeTestJwt({ sub: 'u-1', name: 'Ada' }),
        },
        0,
      );
      const composer = mainComposer(element);
      composer.querySelectorAll<HTMLElement>('[role="tab"]')[1]!.click();
      const body = part(element, 'body-input', composer);
      await waitUntil(() => body.closest<HTMLElement>('[role="tabpanel"]')!.hidden, 'on the Preview tab');
      const skip = part(element, 'skip-link');
      skip.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => hasFocus(element, body), 'the text field has focus');
      expect(body.closest<HTMLElement>('[role="tabpanel"]')!.hidden).to.equal(false);
    });

    it('shows no link in a locked thread, which has no composer', async () => {
      test.fake.lockedThreads.add('/posts/test');
      test.fake.comments.push(makeComment());
      const element = await mountComments({ endpoint: test.fake.url, databaseName: test.databaseName });
      await waitUntil(() => parts(element, 'locked-notice').length === 1, 'the thread is locked');
      await waitUntil(() => parts(element, 'comment').length === 1);
      expect(element.shadowRoot!.querySelector('a.skip-link') === null, 'no skip link').to.equal(true);
    });
  });

  describe('a pressed upvote', () => {
    const pages: Record<string, Record<string, string>> = {
      light: { 'background-color': '#fafafa', color: '#333333' },
      dark: { 'background-color': '#121417', color: '#e6e6e6' },
    };
    let host: HTMLElement | null = null;

    afterEach(() => {
      host?.remove();
      host = null;
    });

    for (const [name, styles] of Object.entries(pages)) {
      it(`is filled with the accent and checked, at 3:1 against a ${name} page`, async () => {
        const comment = makeComment({ votes: 2 });
        test.fake.comments.push(comment);
        host = document.createElement('div');
        for (const [property, value] of Object.entries(styles)) host.style.setProperty(property, value);
        const element = document.createElement('hearth-comments');
        element.setAttribute('endpoint', test.fake.url);
        element.setAttribute('thread', '/posts/test');
        element.setAttribute('database-name', test.databaseName);
        host.append(element);
        document.body.append(host);
        await waitUntil(
          () => parts(element, 'comment').length === 1 && parts(element, 'composer').length > 0,
          'the thread and the composer show',
        );
        const button = () => part(element, 'vote-button');
        expect(parseColor(getComputedStyle(button()).backgroundColor).a, 'not pressed: no fill').to.equal(0);
        expect(getComputedStyle(button(), '::before').content).to.equal('none');

        button().click();
        await waitUntil(() => button().getAttribute('aria-pressed') === 'true', 'pressed');
        const pressed = button();
        const fill = parseColor(getComputedStyle(pressed).backgroundColor);
        const page = backgroundBehind(pressed.parentElement!, parseColor(styles['background-color']!));
        expect(contrastRatio(composite(fill, page), page), 'the fill against the page').to.be.at.least(3);
        expect(textContrast(pressed), 'the words on the fill').to.be.at.least(4.5);
        expect(getComputedStyle(pressed, '::before').content).to.contain('✓');
        expect(text(pressed), 'the glyph is not part of its name').to.equal('Upvote (3)');
        await expect(element).to.be.accessible();
      });
    }
  });

  describe("the composer's shortcut hint", () => {
    const realMatchMedia = window.matchMedia;

    afterEach(() => {
      window.matchMedia = realMatchMedia;
    });

    function hint(element: HearthComments): HTMLElement | null {
      return (
        [...mainComposer(element).querySelectorAll<HTMLElement>('.hint')].find((node) =>
          text(node).includes('Enter'),
        ) ?? null
      );
    }

    it('tells a reader whose pointer is no touch screen that Ctrl+Enter posts', async () => {
      const element = await mount(0);
      const found = hint(element);
      expect(text(found)).to.match(/^(Ctrl|⌘)\+Enter posts$/);
      const description = part(element, 'body-input').getAttribute('aria-describedby')!.split(' ');
      expect(description).to.include(found!.id);
    });

    it('says nothing of a keyboard shortcut on a touch screen', async () => {
      // A phone: its main pointer is a finger. (The runner's headless Chromium has no pointer.)
      window.matchMedia = (query: string) =>
        query === '(pointer: coarse)'
          ? ({ matches: true, media: query } as MediaQueryList)
          : realMatchMedia.call(window, query);
      const element = await mount(0);
      expect(hint(element) === null, 'no shortcut hint').to.equal(true);
      expect(text(mainComposer(element))).not.to.contain('Enter');
      const description = part(element, 'body-input').getAttribute('aria-describedby')!.split(' ');
      for (const id of description)
        expect(element.shadowRoot!.getElementById(id) !== null, `#${id} exists`).to.equal(true);
      await expect(element).to.be.accessible();
    });
  });

  describe('validation messages', () => {
    it('go as soon as the reader fixes the field, each on its own', async () => {
      const element = await mount(0);
      const composer = mainComposer(element);
      part(element, 'submit-button', composer).click();
      await waitUntil(() => composer.querySelectorAll('.field-error').length === 2, 'name and text refused');
      const name = part(element, 'name-input', composer);
      const body = part(element, 'body-input', composer);
      expect(name.getAttribute('aria-invalid')).to.equal('true');

      await typeInto(name, 'A');
      await waitUntil(() => name.getAttribute('aria-invalid') === 'false', 'the name is fine now');
      expect(name.hasAttribute('aria-describedby')).to.equal(false);
      expect(text(composer.querySelector('.field-error'))).to.equal('Please write a comment first.');
      expect(body.getAttribute('aria-invalid'), 'the text is still at fault').to.equal('true');
      expect(hasFocus(element, name), 'typing goes on where it was').to.equal(true);

      // Spaces alone are still no comment: the message stays.
      await typeInto(body, '   ');
      expect(body.getAttribute('aria-invalid')).to.equal('true');
      await sendKeys({ type: 'Hello' });
      await waitUntil(() => body.getAttribute('aria-invalid') === 'false', 'the text is fine now');
      expect(composer.querySelectorAll('.field-error')).to.have.length(0);
      expect(body.getAttribute('aria-describedby')).not.to.contain('body-error');
    });

    it('keeps an email message until the address is valid or empty', async () => {
      const element = await mount(0);
      const composer = mainComposer(element);
      await typeInto(part(element, 'name-input', composer), 'Ada');
      await typeInto(part(element, 'body-input', composer), 'Hello');
      const email = part<HTMLInputElement>(element, 'email-input', composer);
      await typeInto(email, 'ada@');
      part(element, 'submit-button', composer).click();
      await waitUntil(() => email.getAttribute('aria-invalid') === 'true', 'the email is refused');
      await sendKeys({ type: 'example' });
      expect(email.getAttribute('aria-invalid'), 'ada@example is still no address').to.equal('true');
      await sendKeys({ type: '.org' });
      await waitUntil(() => email.getAttribute('aria-invalid') === 'false', 'the email is fine now');
      expect(composer.querySelectorAll('.field-error')).to.have.length(0);
    });
  });
});
