import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { cardButton, cards, find, mountAdmin, signIn, waitForCards } from './admin-test-helpers.js';
import { makeAdminComment, useFakeAdminApi, type FakeAdminApi } from './fake-admin-api.js';

/** Where each character of `text` is drawn inside `node`'s first text run holding it. */
function glyphLefts(node: Element, text: string): number[] {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    const data = (current as Text).data;
    const start = data.indexOf(text);
    if (start < 0) continue;
    const range = document.createRange();
    return [...text].map((_, index) => {
      range.setStart(current!, start + index);
      range.setEnd(current!, start + index + 1);
      return range.getBoundingClientRect().left;
    });
  }
  throw new Error(`"${text}" is not shown`);
}

function isIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]!);
}

describe('<hearth-admin> bidi: names, thread keys and bodies cannot reorder the page around them', () => {
  let fake: FakeAdminApi;
  useFakeAdminApi((installed) => (fake = installed));

  it('shows name, thread and body as isolates, and a notice keeps its words in order', async () => {
    // Stored before names refused direction controls: an override (U+202E) left open.
    const comment = makeAdminComment({ authorName: 'Mallory\u202e', body: 'שלום, world 123' });
    fake.comments.push(comment);
    const admin = await mountAdmin(fake);
    await signIn(admin, fake.token);
    await waitForCards(admin, 'held', 1);
    const card = cards(admin, 'held')[0]!;
    for (const selector of ['.author', '.where', '.body']) {
      expect(getComputedStyle(card.querySelector(selector)!).unicodeBidi, selector).to.equal('isolate');
    }
    expect(getComputedStyle(card.querySelector('.body')!).direction).to.equal('rtl');
    expect(getComputedStyle(card.querySelector('.author')!).direction).to.equal('ltr');
    await expect(admin).to.be.accessible();

    cardButton(admin, comment.id, 'approve').click();
    const notice = find(admin, '[part~="notice"]');
    await waitUntil(() => notice.textContent!.includes('comment on'));
    expect(isIncreasing(glyphLefts(notice, "'s comment on"))).to.equal(true);
  });
});
