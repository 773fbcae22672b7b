import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { mountReady, part, parts, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

function writeState(element: HearthComments): string {
  const comment = parts(element, 'comment')[0];
  return comment?.querySelector('.write-state')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Answers the next post (and only posts: pulls may come first) 429 with `Retry-After` seconds. */
function rateLimitNextPost(retryAfterSeconds: number): () => void {
  const fakeFetch = window.fetch;
  let isUsed = false;
  window.fetch = (input, init) => {
    if (init?.method !== 'POST' || isUsed) return fakeFetch(input, init);
    isUsed = true;
    const error = { code: 'rate_limited', message: 'Too many comments from your network.' };
    return Promise.resolve(
      Response.json({ error }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } }),
    );
  };
  return () => {
    window.fetch = fakeFetch;
  };
}

describe('<hearth-comments> a rate-limited comment', () => {
  const env = useElementTest();
  let restore = (): void => undefined;
  afterEach(() => restore());

  async function post(element: HearthComments): Promise<void> {
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'One more thought' });
    part(element, 'submit-button').click();
  }

  it('says when it will be posted, not "Posting…", and then posts it', async () => {
    const element = await mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, 0);
    restore = rateLimitNextPost(40 * 60);
    await post(element);
    await waitUntil(
      () => writeState(element) === 'Too many comments from your network; it will be posted in 40 minutes.',
      'the time it goes out',
    );
    expect(parts(element, 'comment')[0]!.dataset.state).to.equal('pending');
    await expect(element).to.be.accessible();
  });

  it('says it in the reader’s language, and posts once the wait is over', async () => {
    const element = await mountReady(
      { endpoint: env.fake.url, databaseName: env.databaseName, lang: 'de' },
      0,
    );
    restore = rateLimitNextPost(1);
    await post(element);
    await waitUntil(
      () =>
        writeState(element) === 'Zu viele Kommentare aus Ihrem Netzwerk; er wird in 1 Minute veröffentlicht.',
      'the time it goes out, in German',
    );
    await waitUntil(
      () => parts(element, 'comment')[0]?.dataset.state === 'published',
      'posted after the wait',
    );
  });
});
