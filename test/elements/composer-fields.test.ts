import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { hasFocus, mountReady, part, parts, text, useElementTest } from '../helpers/mount.js';

describe('<hearth-comments> composer: email and honeypot', () => {
  const test = useElementTest();

  function mount(): Promise<HearthComments> {
    return mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 0);
  }

  async function fill(element: HearthComments, fields: { email?: string; body: string }): Promise<void> {
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    if (fields.email !== undefined) {
      part(element, 'email-input').focus();
      await sendKeys({ type: fields.email });
    }
    part(element, 'body-input').focus();
    await sendKeys({ type: fields.body });
  }

  function posts(): Array<Record<string, unknown>> {
    return test.fake.requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.body as Record<string, unknown>);
  }

  it('offers an optional email, labelled as never shown, and sends no email when it is empty', async () => {
    const element = await mount();
    const email = part<HTMLInputElement>(element, 'email-input');
    expect(text(email.closest('label'))).to.equal('Email (optional, never shown)');
    expect([email.type, email.autocomplete]).to.deep.equal(['email', 'email']);
    await test.fake.waitForRequests(1);
    await fill(element, { body: 'No email given' });
    part(element, 'submit-button').click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).not.to.have.property('email');
    expect(posts()[0]).not.to.have.property('website');
  });

  it('refuses an invalid email inline, with focus on it, and sends nothing', async () => {
    const element = await mount();
    await test.fake.waitForRequests(1);
    await fill(element, { email: 'not an email', body: 'Hello' });
    part(element, 'submit-button').click();
    const email = part<HTMLInputElement>(element, 'email-input');
    await waitUntil(() => email.getAttribute('aria-invalid') === 'true');
    const error = element.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!);
    expect(text(error)).to.equal('Please enter a valid email, or leave it empty.');
    expect(hasFocus(element, email)).to.equal(true);
    expect(posts()).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('sends a valid email, trimmed, and remembers it with the name for the next visit', async () => {
    const element = await mount();
    await test.fake.waitForRequests(1);
    await fill(element, { email: '  ada@example.org ', body: 'With an email' });
    part(element, 'submit-button').click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({ authorName: 'Ada', email: 'ada@example.org' });
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published');
    expect(test.fake.comments[0], 'the email is never shown in the comment').not.to.have.property('email');
    element.remove();

    const again = await mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 1);
    await waitUntil(() => part<HTMLInputElement>(again, 'email-input').value === 'ada@example.org');
    expect(part<HTMLInputElement>(again, 'name-input').value).to.equal('Ada');
  });

  it('has a honeypot that people neither see nor reach, and sends it as website when a bot fills it', async () => {
    const element = await mount();
    const honeypot = element.shadowRoot!.querySelector<HTMLInputElement>(
      '[part~="composer"] input[name="website"]',
    )!;
    expect(honeypot).to.not.equal(null);
    expect(honeypot.tabIndex).to.equal(-1);
    expect(honeypot.getAttribute('autocomplete')).to.equal('off');
    expect(honeypot.getAttribute('aria-hidden')).to.equal('true');
    const box = honeypot.closest('label')!.getBoundingClientRect();
    expect(box.width * box.height, 'visually hidden').to.be.at.most(1);

    // Tab from the email field goes to the tabs, never into the honeypot.
    part(element, 'email-input').focus();
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement?.getAttribute('role')).to.equal('tab');
    await expect(element).to.be.accessible();

    await test.fake.waitForRequests(1);
    await fill(element, { body: 'Buy cheap things' });
    honeypot.value = 'https://spam.example';
    honeypot.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    part(element, 'submit-button').click();
    await waitUntil(() => posts().length === 1);
    expect(posts()[0]).to.deep.include({ website: 'https://spam.example' });
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed');
    expect(text(parts(element, 'comment')[0]!.querySelector('[role="alert"]'))).to.include(
      'This looks like spam.',
    );
  });
});
