import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { composerMessages } from '../../src/i18n/messages/composer-messages.js';
import { hasFocus, mountReady, part, text, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

/** Puts `value` into a field as pasted text would arrive: keyboards cannot type a lone surrogate. */
function paste(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('<hearth-comments> composer: text the server could not store as sent', () => {
  const test = useElementTest();

  async function mount(): Promise<HearthComments> {
    const element = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 0);
    await test.fake.waitForRequests(1);
    return element;
  }

  function postCount(): number {
    return test.fake.requests.filter((request) => request.method === 'POST').length;
  }

  /** The error message a field points at ('' when none). */
  function errorOf(element: HearthComments, field: HTMLElement): string {
    const id = field.getAttribute('aria-describedby')?.split(' ')[0];
    return field.getAttribute('aria-invalid') === 'true' && id
      ? text(element.shadowRoot!.getElementById(id))
      : '';
  }

  it('refuses a body with a lone surrogate, says why, keeps the text and sends nothing', async () => {
    const element = await mount();
    await expect(element).to.be.accessible();
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    const body = part<HTMLTextAreaElement>(element, 'body-input');
    const broken = 'Half an emoji: \ud83d, then more';
    paste(body, broken);
    part(element, 'submit-button').click();
    await waitUntil(() => errorOf(element, body) === composerMessages.invalid.illFormed);
    expect(composerMessages.invalid.illFormed).to.equal(
      'This text has a broken character (half of an emoji or symbol): please retype it.',
    );
    expect(body.value).to.equal(broken);
    expect(hasFocus(element, body)).to.equal(true);
    expect(postCount()).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('refuses a name with a lone surrogate or a bidi override, keeping it to be fixed', async () => {
    const element = await mount();
    const name = part<HTMLInputElement>(element, 'name-input');
    const body = part<HTMLTextAreaElement>(element, 'body-input');
    paste(body, 'A fine article.');
    for (const [typed, message] of [
      ['Ada \ude00', composerMessages.invalid.illFormed],
      ['Ada\u202eecalevoL', composerMessages.invalid.authorName.custom],
    ] as const) {
      paste(name, typed);
      part(element, 'submit-button').click();
      await waitUntil(() => errorOf(element, name) === message, JSON.stringify(typed));
      expect(name.value).to.equal(typed);
      expect(hasFocus(element, name)).to.equal(true);
    }
    expect(postCount()).to.equal(0);
  });

  it('counts the body in UTF-16 units, as the server does: 5,000 emoji fit, one more letter does not', async () => {
    const element = await mount();
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    const body = part<HTMLTextAreaElement>(element, 'body-input');
    paste(body, `${'😀'.repeat(5_000)}x`);
    part(element, 'submit-button').click();
    await waitUntil(() => errorOf(element, body) === 'Comments can be at most 10,000 characters.');
    expect(postCount()).to.equal(0);
    paste(body, '😀'.repeat(5_000));
    part(element, 'submit-button').click();
    await waitUntil(() => postCount() === 1);
  });
});
