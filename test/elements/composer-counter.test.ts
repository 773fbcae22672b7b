import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { mountReady, part, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

function text(node: Element): string {
  return node.textContent!.replace(/\s+/g, ' ').trim();
}

/** Puts `length` characters in at once, the last one typed so the real input path runs. */
async function fillTo(textarea: HTMLTextAreaElement, length: number): Promise<void> {
  textarea.value = 'a'.repeat(length - 1);
  textarea.dispatchEvent(new InputEvent('input'));
  textarea.focus();
  textarea.setSelectionRange(length - 1, length - 1);
  await sendKeys({ type: 'b' });
}

describe('<hearth-comments> length counter and limits', () => {
  const env = useElementTest();

  function mount(): Promise<HearthComments> {
    return mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, 0);
  }

  it('counts what is left from 9,000 characters on, politely, and what is too many past 10,000', async () => {
    const element = await mount();
    const counter = part(element, 'char-count');
    expect(counter.getAttribute('role'), 'a polite live region, there before it speaks').to.equal('status');
    const body = part<HTMLTextAreaElement>(element, 'body-input');
    await fillTo(body, 8_999);
    expect(text(part(element, 'char-count'))).to.equal('');

    await fillTo(body, 9_000);
    await waitUntil(() => text(part(element, 'char-count')) === '1,000 characters left', '1,000 left');
    expect(part(element, 'char-count'), 'the same region, so it is announced').to.equal(counter);
    await expect(element).to.be.accessible();

    await sendKeys({ type: 'c'.repeat(999) });
    await waitUntil(() => text(part(element, 'char-count')) === '1 character left', 'one left');
    await sendKeys({ type: 'dd' });
    await waitUntil(() => text(part(element, 'char-count')) === '1 character too many', 'one too many');
    await sendKeys({ type: 'e' });
    await waitUntil(() => text(part(element, 'char-count')) === '2 characters too many', 'two too many');

    body.select();
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => text(part(element, 'char-count')) === '', 'gone once the text is short again');
  });

  it('counts in the page’s language, with its plural forms', async () => {
    const element = await mountReady(
      { endpoint: env.fake.url, databaseName: env.databaseName, lang: 'ru' },
      0,
    );
    const body = part<HTMLTextAreaElement>(element, 'body-input');
    await fillTo(body, 9_998);
    await waitUntil(() => text(part(element, 'char-count')) === 'Осталось 2 символа', 'few');
    await sendKeys({ type: 'x' });
    await waitUntil(() => text(part(element, 'char-count')) === 'Остался 1 символ', 'one');
  });

  it('says a name may be at most 80 characters', async () => {
    const element = await mount();
    part(element, 'name-input').focus();
    await sendKeys({ type: 'n'.repeat(81) });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Hi' });
    part(element, 'submit-button').click();
    await waitUntil(() => element.shadowRoot!.querySelector('.field-error'), 'the name is refused');
    expect(text(element.shadowRoot!.querySelector('.field-error')!)).to.equal(
      'Your name can be at most 80 characters.',
    );
  });
});
