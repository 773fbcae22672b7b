import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { mountReady, part, parts, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

const windowMs = 15 * 60_000;

describe('<hearth-comments> the edit window', () => {
  const env = useElementTest();
  const realNow = Date.now;
  afterEach(() => {
    Date.now = realNow;
  });

  /** The element's clock, moved on: every `Date.now` (its minute tick reads it) is `byMs` later. */
  function moveClock(byMs: number): void {
    Date.now = () => realNow.call(Date) + byMs;
  }

  /** Posts `body` as the guest Ada and waits until the server has stored it. */
  async function postAsGuest(element: HearthComments, body: string): Promise<void> {
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: body });
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'published', 'posted');
  }

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, count);
  }

  it('offers Edit until the window the server gave closes, then only Delete, after a reload too', async () => {
    env.fake.editWindowMs = windowMs;
    const element = await mount(0);
    await postAsGuest(element, 'Edit me while you can');
    await waitUntil(() => parts(element, 'delete-button').length === 1, 'own actions');

    // A minute before the window closes, Edit is still there.
    moveClock(windowMs - 60_000);
    element.requestUpdate();
    await element.updateComplete;
    expect(parts(element, 'edit-button')).to.have.length(1);

    // The element's clock passes the end of the window: at its next render, Edit is gone.
    moveClock(windowMs + 1_000);
    element.requestUpdate();
    await waitUntil(() => parts(element, 'edit-button').length === 0, 'Edit goes');
    expect(parts(element, 'delete-button'), 'deleting has no window').to.have.length(1);
    await expect(element).to.be.accessible();

    element.remove();
    const again = await mount(1);
    await waitUntil(() => parts(again, 'delete-button').length === 1, 'own actions after a reload');
    await waitUntil(() => parts(again, 'edit-button').length === 0, 'no Edit after a reload');
  });

  it('keeps offering Edit where the server does not say (an older server)', async () => {
    const element = await mount(0);
    await postAsGuest(element, 'No window given');
    moveClock(24 * 60 * 60_000);
    element.requestUpdate();
    await waitUntil(() => parts(element, 'delete-button').length === 1, 'own actions');
    expect(parts(element, 'edit-button')).to.have.length(1);
  });
});
