import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { makeComment } from '../helpers/fixtures.js';
import { hasFocus, mountReady, part, parts, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

/** Visible text, spaces collapsed, without the isolates around a name. */
function text(node: Element): string {
  return node
    .textContent!.replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function composerOf(element: HearthComments, key: string): HTMLElement | undefined {
  return parts(element, 'composer').find((form) => form.dataset.composer === key);
}

async function openReply(element: HearthComments, index: number): Promise<HTMLElement> {
  const comment = parts(element, 'comment')[index]!;
  part(element, 'reply-button', comment).click();
  await waitUntil(() => composerOf(element, comment.dataset.id!), 'the reply form opens');
  return composerOf(element, comment.dataset.id!)!;
}

describe('<hearth-comments> who a reply is written as', () => {
  const env = useElementTest();

  function mount(count: number): Promise<HearthComments> {
    return mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, count);
  }

  it('asks a guest with no name in the reply form, then says "Replying as" once the name is known', async () => {
    env.fake.comments.push(makeComment({ authorName: 'Grace' }), makeComment({ authorName: 'Linus' }));
    const element = await mount(2);
    let reply = await openReply(element, 0);
    expect(parts(element, 'identity', reply), 'no name known yet').to.have.length(0);
    part(element, 'name-input', reply).focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input', reply).focus();
    await sendKeys({ type: 'A first reply' });
    // The fields stay while the reader writes in them: they do not fold away under typing.
    expect(parts(element, 'name-input', reply)).to.have.length(1);
    part(element, 'submit-button', reply).click();
    await waitUntil(
      () =>
        parts(element, 'comment').some(
          (comment) =>
            comment.dataset.state === 'published' && text(part(element, 'author', comment)) === 'Ada',
        ),
      'posted',
    );

    reply = await openReply(element, parts(element, 'comment').length - 1);
    expect(text(part(element, 'identity', reply))).to.equal('Replying as Ada · change');
    expect(parts(element, 'name-input', reply)).to.have.length(0);
    expect(parts(element, 'email-input', reply)).to.have.length(0);
    const main = composerOf(element, 'main')!;
    expect(
      part<HTMLInputElement>(element, 'name-input', main).value,
      'the main composer keeps its fields',
    ).to.equal('Ada');
    await expect(element).to.be.accessible();

    const change = part(element, 'identity', reply).querySelector('button')!;
    expect(change.getAttribute('aria-label')).to.equal('Change your name and email');
    change.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(element, 'name-input', reply).length === 1, 'the fields show');
    const name = part<HTMLInputElement>(element, 'name-input', reply);
    expect(name.value).to.equal('Ada');
    expect(hasFocus(element, name), 'focus on Name').to.equal(true);
    expect(parts(element, 'identity', reply)).to.have.length(0);
  });

  it('says "Replying as" with the name remembered from an earlier visit', async () => {
    env.fake.comments.push(makeComment({ authorName: 'Grace' }));
    const first = await mount(1);
    part(first, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(first, 'body-input').focus();
    await sendKeys({ type: 'Hello' });
    part(first, 'submit-button').click();
    await waitUntil(() => parts(first, 'comment')[1]?.dataset.state === 'published', 'posted');
    first.remove();

    const second = await mount(2);
    await waitUntil(
      () => part<HTMLInputElement>(second, 'name-input').value === 'Ada',
      'the name is remembered',
    );
    const reply = await openReply(second, 0);
    expect(text(part(second, 'identity', reply))).to.equal('Replying as Ada · change');
  });

  it('shows the fields again when the known name is refused', async () => {
    env.fake.comments.push(makeComment({ authorName: 'Grace' }));
    const element = await mount(1);
    part(element, 'name-input').focus();
    await sendKeys({ type: 'x'.repeat(81) });
    const reply = await openReply(element, 0);
    part(element, 'body-input', reply).focus();
    await sendKeys({ type: 'Hi' });
    part(element, 'submit-button', reply).click();
    await waitUntil(() => parts(element, 'name-input', reply).length === 1, 'the name field shows');
    const name = part(element, 'name-input', reply);
    expect(hasFocus(element, name)).to.equal(true);
    expect(text(reply.querySelector('.field-error')!)).to.equal('Your name can be at most 80 characters.');
  });
});
