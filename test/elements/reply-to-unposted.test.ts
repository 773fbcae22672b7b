import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { waitUntil } from '../helpers/wait-until.js';
import { mountReady, part, parts, useElementTest } from '../helpers/mount.js';

const refusal = { code: 'validation_failed', message: 'Links are not allowed.', field: 'body' };

async function post(element: HearthComments, body: string): Promise<void> {
  part(element, 'name-input').focus();
  await sendKeys({ type: 'Ada' });
  part(element, 'body-input').focus();
  await sendKeys({ type: body });
  part(element, 'submit-button').click();
}

describe('<hearth-comments> replies to the reader’s unposted comments', () => {
  const env = useElementTest();

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, count);
  }

  it('offers no Reply on a comment not yet posted, across a reload, nor once refused; once posted, it does', async () => {
    env.fake.isDown = true;
    const element = await mount(0);
    await post(element, 'Written on a train');
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'pending', 'shown as pending');
    expect(parts(element, 'reply-button'), 'no reply to a comment the server has not stored').to.have.length(
      0,
    );
    await expect(element).to.be.accessible();

    element.remove();
    const again = await mount(1);
    expect(parts(again, 'comment')[0]!.dataset.state).to.equal('pending');
    expect(parts(again, 'reply-button'), 'nor after a reload').to.have.length(0);

    // The post (and only the post: pulls may come first) is refused.
    const fakeFetch = window.fetch;
    window.fetch = (input, init) =>
      init?.method === 'POST'
        ? Promise.resolve(Response.json({ error: refusal }, { status: 422 }))
        : fakeFetch(input, init);
    try {
      env.fake.isDown = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => parts(again, 'comment')[0]?.dataset.state === 'failed', 'refused');
    } finally {
      window.fetch = fakeFetch;
    }
    expect(parts(again, 'reply-button'), 'nor once refused').to.have.length(0);

    parts(again, 'comment')[0]!.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
    await waitUntil(() => parts(again, 'comment').length === 0, 'back in the composer');
    part(again, 'submit-button').click();
    await waitUntil(() => parts(again, 'comment')[0]?.dataset.state === 'published', 'posted');
    expect(parts(again, 'reply-button')).to.have.length(1);
  });
});
