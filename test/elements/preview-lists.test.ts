import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/wait-until.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountReady, part, parts, useElementTest } from '../helpers/mount.js';

const body = ['- one', '  - nested', '- two', '', '1. first', '2. second'].join('\n');

/** What a reader sees of a list item: its marker and where its text starts. */
function listLook(item: Element): Record<string, string> {
  const style = getComputedStyle(item);
  const list = getComputedStyle(item.parentElement!);
  return {
    listStyleType: style.listStyleType,
    listStylePosition: style.listStylePosition,
    display: style.display,
    marginBlock: `${style.marginTop} ${style.marginBottom}`,
    paddingInlineStart: style.paddingInlineStart,
    listPaddingInlineStart: list.paddingInlineStart,
    listMarginBlock: `${list.marginTop} ${list.marginBottom}`,
  };
}

describe('<hearth-comments> preview lists', () => {
  const env = useElementTest();

  for (const where of ['main', 'reply'] as const) {
    it(`shows list items in the ${where} composer's preview as the thread shows them`, async () => {
      env.fake.comments.push(makeComment({ authorName: 'Ada', body }));
      const element = await mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, 1);
      let key = 'main';
      if (where === 'reply') {
        part(element, 'reply-button').click();
        await waitUntil(() => parts(element, 'composer').length === 2);
        key = parts(element, 'comment')[0]!.dataset.id!;
      }
      const composer = parts(element, 'composer').find((form) => form.dataset.composer === key)!;
      const textarea = part<HTMLTextAreaElement>(element, 'body-input', composer);
      textarea.value = body.slice(0, -1);
      textarea.dispatchEvent(new InputEvent('input'));
      textarea.focus();
      await sendKeys({ type: body.slice(-1) });
      composer.querySelectorAll<HTMLElement>('[role="tab"]')[1]!.click();
      await waitUntil(() => composer.querySelector('[part~="preview"] li li'), 'the parsed preview shows');

      const preview = [...part(element, 'preview', composer).querySelectorAll('li')];
      const posted = [...part(element, 'comment-body', parts(element, 'comment')[0]).querySelectorAll('li')];
      expect(preview.length).to.equal(5);
      expect(preview.map(listLook)).to.deep.equal(posted.map(listLook));
    });
  }
});
