import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/wait-until.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import type { HearthCount } from '../../src/elements/hearth-count/hearth-count.js';
import { openHearthDb } from '../../src/storage/db.js';
import { makeComment } from '../helpers/fixtures.js';
import { part, parts, text, useElementTest } from '../helpers/mount.js';

const thread = '/posts/test';

/**
 * Words of the English interface that must never show on a page in another language (the
 * comments' own text, "Comment number 1", is the readers' and stays as written).
 */
const englishWords =
  /\b(\d+ comments?|No comments|Loading|Reply|Upvote|Post comment|Sort by|Oldest|Preview)\b/;

describe('<hearth-comments> in the page’s language', function () {
  this.timeout(30_000);
  const test = useElementTest();
  const containers: HTMLElement[] = [];

  afterEach(() => {
    for (const container of containers.splice(0)) container.remove();
  });

  /**
   * Puts `<hearth-comments>` in a container with `lang` (none when null) and records every
   * text its shadow root showed, from its first render on.
   */
  function mountIn(
    lang: string | null,
    attributes: Record<string, string> = {},
  ): { element: HearthComments; container: HTMLElement; shown: string[] } {
    const container = document.createElement('div');
    if (lang !== null) container.lang = lang;
    const element = document.createElement('hearth-comments');
    element.setAttribute('endpoint', test.fake.url);
    element.setAttribute('thread', thread);
    element.setAttribute('database-name', test.databaseName);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    container.append(element);
    document.body.append(container);
    containers.push(container);
    const shown: string[] = [];
    // The shadow root exists once connected; the first render comes in a later microtask.
    new MutationObserver(() => shown.push(element.shadowRoot!.textContent ?? '')).observe(
      element.shadowRoot!,
      {
        childList: true,
        subtree: true,
        characterData: true,
      },
    );
    return { element, container, shown };
  }

  async function waitForComments(element: HearthComments, count: number): Promise<void> {
    await waitUntil(
      () => parts(element, 'comment').length === count && parts(element, 'composer').length > 0,
      `${count} comments and the composer`,
    );
  }

  it('speaks German on a German page, from the first words it shows, times and numbers included', async () => {
    test.fake.comments.push(makeComment({ authorName: 'Ada' }), makeComment({ authorName: 'Grace' }));
    const { element, shown } = mountIn('de-DE');
    await waitForComments(element, 2);
    expect(text(part(element, 'count'))).to.equal('2 Kommentare');
    expect(text(part(element, 'reply-button'))).to.equal('Antworten');
    // A reader's name inside the words is isolated: its direction stays its own.
    expect(part(element, 'reply-button').getAttribute('aria-label')).to.equal('\u2068Ada\u2069 antworten');
    expect(text(part(element, 'submit-button'))).to.equal('Kommentar senden');
    // Relative times in the page's language, not the browser's (English in these tests).
    const time = text(element.shadowRoot!.querySelector('[part~="permalink"] time'));
    expect(time).to.match(/Monat|Jahr|Woche|Tag|vor /);
    expect(time).to.not.match(/ago|last|month/);
    expect(element.shadowRoot!.querySelector('section')!.lang).to.equal('de');
    // Never a word of English, not even before the German words arrived.
    expect(shown.length).to.be.greaterThan(0);
    expect(shown.filter((seen) => englishWords.test(seen))).to.deep.equal([]);
  });

  it('paints a return visit from the cache in German too, with no English first', async () => {
    test.fake.comments.push(makeComment());
    const first = mountIn('de');
    await waitForComments(first.element, 1);
    await waitUntil(async () => {
      const db = (await openHearthDb(test.databaseName))!;
      const stored = await db.count('comments');
      db.close();
      return stored === 1;
    }, 'the first visit cached the thread');
    first.container.remove();

    const again = mountIn('de');
    await waitUntil(() => parts(again.element, 'comment').length === 1, 'the cached comment');
    expect(text(part(again.element, 'count'))).to.equal('1 Kommentar');
    expect(
      again.shown.filter((seen) => englishWords.test(seen)).map((seen) => seen.replace(/\s+/g, ' ')),
    ).to.deep.equal([]);
  });

  it('takes its own lang over the page’s, and English where neither says or Hearth lacks the language', async () => {
    test.fake.comments.push(makeComment());
    const own = mountIn('de', { lang: 'fr', 'database-name': `${test.databaseName}-own` });
    await waitForComments(own.element, 1);
    expect(text(part(own.element, 'count'))).to.equal('1 commentaire');
    // One at a time: an element far below the fold waits to be scrolled near.
    own.container.remove();

    const none = mountIn(null, { 'database-name': `${test.databaseName}-none` });
    await waitForComments(none.element, 1);
    expect(text(part(none.element, 'count'))).to.equal('1 comment');
    none.container.remove();

    const unknown = mountIn('fa', { 'database-name': `${test.databaseName}-fa` });
    await waitForComments(unknown.element, 1);
    expect(text(part(unknown.element, 'count'))).to.equal('1 comment');
    unknown.container.remove();

    // A region Hearth does not ship falls back to its language.
    const region = mountIn('pt-PT', { 'database-name': `${test.databaseName}-pt` });
    await waitForComments(region.element, 1);
    expect(text(part(region.element, 'count'))).to.equal('1 comentário');
  });

  it('changes language when the page’s lang changes at run time', async () => {
    test.fake.comments.push(makeComment(), makeComment(), makeComment());
    const { element, container } = mountIn('en');
    await waitForComments(element, 3);
    expect(text(part(element, 'count'))).to.equal('3 comments');
    container.lang = 'ru';
    await waitUntil(() => text(part(element, 'count')) === '3 комментария', 'Russian words');
    expect(text(part(element, 'submit-button'))).to.not.match(englishWords);
  });

  it('uses the plural forms of the language: Arabic’s six, Russian’s and Polish’s few and many, Japanese’s one', async () => {
    const expected: Record<string, Array<[number, RegExp]>> = {
      ar: [
        [1, /^تعليق واحد$/],
        [2, /^تعليقان$/],
        [3, /^3 تعليقات$/],
        [11, /^11 تعليقًا$/],
        [100, /^100 تعليق$/],
      ],
      ru: [
        [1, /^1 комментарий$/],
        [3, /^3 комментария$/],
        [5, /^5 комментариев$/],
        [21, /^21 комментарий$/],
      ],
      pl: [
        [1, /^1 komentarz$/],
        [3, /^3 komentarze$/],
        [5, /^5 komentarzy$/],
        [22, /^22 komentarze$/],
      ],
      ja: [
        [1, /^1件のコメント$/],
        [5, /^5件のコメント$/],
      ],
    };
    for (const [lang, cases] of Object.entries(expected)) {
      for (const [count, words] of cases) {
        test.fake.comments.splice(0, Infinity, ...Array.from({ length: count }, () => makeComment()));
        const { element, container } = mountIn(lang, {
          'database-name': `${test.databaseName}-${lang}-${count}`,
        });
        await waitUntil(() => parts(element, 'comment').length === count, `${count} comments in ${lang}`);
        expect(text(part(element, 'count')), `${lang} ${count}`).to.match(words);
        container.remove();
      }
    }
  });

  it('lays an Arabic page out right to left, each comment in the direction of its own text', async () => {
    const english = makeComment({ authorName: 'Ada', body: 'An English comment on an Arabic page.' });
    test.fake.comments.push(
      english,
      makeComment({ authorName: 'ليلى', body: 'تعليق عربي على الصفحة.', parentId: english.id }),
    );
    const { element } = mountIn('ar');
    await waitForComments(element, 2);
    // Replies indent from the right: the layout mirrors.
    const replies = getComputedStyle(element.shadowRoot!.querySelector('.replies')!);
    expect(parseFloat(replies.marginRight)).to.be.greaterThan(0);
    expect(parseFloat(replies.marginLeft)).to.equal(0);
    expect(parseFloat(replies.borderRightWidth)).to.be.greaterThan(0);
    expect(getComputedStyle(element.shadowRoot!.querySelector('section')!).direction).to.equal('rtl');
    const [englishBody, arabicBody] = parts(element, 'comment-body');
    expect(getComputedStyle(englishBody!).direction).to.equal('ltr');
    expect(getComputedStyle(arabicBody!).direction).to.equal('rtl');
    // What the reader types takes the direction of its own text too: an address stays left to right.
    for (const name of ['name-input', 'email-input', 'body-input']) {
      expect(part(element, name).getAttribute('dir'), name).to.equal('auto');
    }
    await expect(element).to.be.accessible();
  });

  it('lays an Arabic comment on an English page right to left', async () => {
    test.fake.comments.push(makeComment({ authorName: 'ليلى', body: 'تعليق عربي على صفحة إنجليزية.' }));
    const { element } = mountIn('en');
    await waitForComments(element, 1);
    expect(getComputedStyle(element.shadowRoot!.querySelector('section')!).direction).to.equal('ltr');
    expect(getComputedStyle(part(element, 'comment-body')).direction).to.equal('rtl');
  });

  it('takes the owner’s words over the shipped ones, in any language', async () => {
    test.fake.comments.push(makeComment());
    const { element } = mountIn('de');
    element.strings = {
      reading: { count: { one: '{count} Notiz', other: '{count} Notizen' } },
      composer: { submit: 'Notiz hinterlassen' },
    };
    await waitForComments(element, 1);
    await waitUntil(() => text(part(element, 'count')) === '1 Notiz', 'the owner’s count');
    expect(text(part(element, 'submit-button'))).to.equal('Notiz hinterlassen');
    // Everything else stays German.
    expect(text(part(element, 'reply-button'))).to.equal('Antworten');
  });

  it('says why the server refused, by its code, in the reader’s language; the server’s words for a code it does not know', async () => {
    const { element } = mountIn('de');
    await waitForComments(element, 0);
    part(element, 'name-input').focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Zu spät' });
    // Locked by a moderator while the reader typed.
    test.fake.lockedThreads.add(thread);
    part(element, 'submit-button').click();
    await waitUntil(() => parts(element, 'comment')[0]?.dataset.state === 'failed', 'the refusal');
    expect(text(parts(element, 'comment')[0]!.querySelector('[role="alert"]'))).to.include(
      'Nicht gesendet: Diese Diskussion ist geschlossen.',
    );
  });
});

describe('<hearth-count> in the page’s language', () => {
  const test = useElementTest();

  it('counts in the language of the page around it', async () => {
    test.fake.comments.push(makeComment({ thread: '/posts/a' }), makeComment({ thread: '/posts/a' }));
    const container = document.createElement('p');
    container.lang = 'uk';
    const count = document.createElement('hearth-count') as HearthCount;
    count.setAttribute('endpoint', test.fake.url);
    count.setAttribute('thread', '/posts/a');
    container.append(count);
    document.body.append(container);
    try {
      await waitUntil(() => count.count === 2, 'the count');
      await waitUntil(() => count.textContent === '2 коментарі', `Ukrainian words, got ${count.textContent}`);
    } finally {
      container.remove();
    }
  });
});
