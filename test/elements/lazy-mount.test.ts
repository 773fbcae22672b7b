import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/wait-until.js';
import '../../src/embed.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { makeComment } from '../helpers/fixtures.js';
import { parts, useElementTest } from '../helpers/mount.js';

async function isDatabaseCreated(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((database) => database.name === name);
}

/** Lets timers, observers and a few frames run. */
function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('<hearth-comments> lazy mount', () => {
  const test = useElementTest();
  let page: HTMLElement;

  beforeEach(() => {
    test.fake.comments.push(makeComment({ body: 'Down here' }));
    page = document.createElement('div');
    const spacer = document.createElement('div');
    // Five viewports down: well past the one-viewport margin.
    spacer.style.height = `${innerHeight * 5}px`;
    page.append(spacer);
    document.body.append(page);
  });

  afterEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
    page.remove();
    scrollTo(0, 0);
  });

  function mountFarBelow(): HearthComments {
    const element = document.createElement('hearth-comments');
    element.setAttribute('endpoint', test.fake.url);
    element.setAttribute('thread', '/posts/test');
    element.setAttribute('database-name', test.databaseName);
    page.append(element);
    return element;
  }

  it('makes no request and opens no database until scrolled near, then loads the thread', async () => {
    scrollTo(0, 0);
    const element = mountFarBelow();
    await settle(400);
    expect(test.fake.requests.length).to.equal(0);
    expect(await isDatabaseCreated(test.databaseName)).to.equal(false);
    expect(element.shadowRoot!.textContent).to.include('Loading comments');

    // A page behind another test file's draws no frames, and so observes no scrolling.
    await executeServerCommand('bring-to-front');
    element.scrollIntoView();
    await waitUntil(() => parts(element, 'comment').length === 1, 'expected the thread once near');
    expect(test.fake.requests.length).to.be.greaterThan(0);
    await waitUntil(() => parts(element, 'composer').length === 1, 'expected the composer once near');
  });

  it('starts at once, far below the fold, when the URL is a permalink', async () => {
    scrollTo(0, 0);
    const [comment] = test.fake.comments;
    history.replaceState(null, '', `#comment-${comment!.id}`);
    const element = mountFarBelow();
    await waitUntil(() => test.fake.requests.length > 0, 'expected a request at once');
    await waitUntil(
      () => parts(element, 'comment')[0]?.hasAttribute('data-highlighted') === true,
      'expected the linked comment highlighted',
    );
  });
});
