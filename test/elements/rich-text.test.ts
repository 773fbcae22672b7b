import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { openDB } from 'idb';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import type { RichText } from '../../src/internal/rich-text.js';
import { openHearthDb } from '../../src/storage/db.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountComments, mountReady, part, parts, useElementTest } from '../helpers/mount.js';

const rel = 'nofollow ugc noopener noreferrer';

/** What an author typed, one comment per group of constructs, in thread order. */
const bodies = {
  blocks:
    '# A heading\n\nSome *em*, **strong**, ~~gone~~ and `a<b>`.\nNext line\n\n---\n\n> quoted\n>\n> - listed',
  code: '```html\n<b>not bold</b> &amp; <script>x()</script>\n  indented\n```',
  lists: '3. three\n4. four\n\n- outer\n  - inner\n- [x] done',
  links:
    '[site](HTTPS://Example.COM/a?b=1&amp;c=2), [**bold** link](https://example.com/), see https://example.org/x. ' +
    'or www.example.net, mail ada@example.com, [bad](javascript:alert(1)) [rel](/local)',
  images:
    '![a cat](https://img.example/cat.png) and ![](https://img.example/dog.png) and ![x](javascript:alert(1))',
  html:
    '<img src="https://img.example/x.png" onerror="alert(1)">\n\nInline <b>bold?</b> and <script>alert(1)</script>' +
    '\n\n| a | b |\n|---|---|\n| 1 | 2 |',
};

/** A link as the widget must render it. */
function link(href: string, label: string): string {
  return `<a href="${href.replace(/&/g, '&amp;')}" rel="${rel}" target="_blank">${label}</a>`;
}

/** The markup each body must render as (see `markupOf`). */
const expected: Record<keyof typeof bodies, string> = {
  blocks:
    '<p><strong>A heading</strong></p>' +
    '<p>Some <em>em</em>, <strong>strong</strong>, <del>gone</del> and <code>a&lt;b&gt;</code>.<br>Next line</p>' +
    '<hr>' +
    '<blockquote><p>quoted</p><ul><li><p>listed</p></li></ul></blockquote>',
  code: '<pre tabindex="0"><code>&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &lt;script&gt;x()&lt;/script&gt;\n  indented</code></pre>',
  lists:
    '<ol start="3"><li><p>three</p></li><li><p>four</p></li></ol>' +
    '<ul><li><p>outer</p><ul><li><p>inner</p></li></ul></li><li><p>[x] done</p></li></ul>',
  links:
    `<p>${link('https://example.com/a?b=1&c=2', 'site')}, ` +
    `${link('https://example.com/', '<strong>bold</strong> link')}, ` +
    `see ${link('https://example.org/x', 'https://example.org/x')}. ` +
    `or ${link('http://www.example.net/', 'www.example.net')}, ` +
    `mail ${link('mailto:ada@example.com', 'ada@example.com')}, ` +
    '[bad](javascript:alert(1)) [rel](/local)</p>',
  images:
    `<p>${link('https://img.example/cat.png', 'a cat')} and ` +
    `${link('https://img.example/dog.png', 'https://img.example/dog.png')} and ![x](javascript:alert(1))</p>`,
  html:
    '<p>&lt;img src="https://img.example/x.png" onerror="alert(1)"&gt;</p>' +
    '<p>Inline &lt;b&gt;bold?&lt;/b&gt; and &lt;script&gt;alert(1)&lt;/script&gt;</p>' +
    '<p>| a | b |<br>|---|---|<br>| 1 | 2 |</p>',
};

const kinds = Object.keys(bodies) as Array<keyof typeof bodies>;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The rendered DOM under `node` as compact markup: elements with their attributes sorted,
 * text escaped (so `<b>` typed as text reads `&lt;b&gt;` and an element reads `<b>`), and
 * Lit's marker comments left out.
 */
function markupOf(node: Node): string {
  let markup = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) markup += escapeText(child.textContent ?? '');
    if (!(child instanceof Element)) continue;
    const tag = child.localName;
    const attributes = [...child.attributes]
      .map(
        (attribute) =>
          ` ${attribute.name}="${attribute.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
      )
      .sort()
      .join('');
    markup += `<${tag}${attributes}>`;
    if (tag !== 'br' && tag !== 'hr') markup += `${markupOf(child)}</${tag}>`;
  }
  return markup;
}

function bodyMarkup(element: HearthComments): string[] {
  return parts(element, 'comment-body').map(markupOf);
}

describe('<hearth-comments> rich text', () => {
  const env = useElementTest();

  function serveFormattedThread(): void {
    env.fake.comments.push(...kinds.map((kind) => makeComment({ authorName: kind, body: bodies[kind] })));
  }

  /** Mounts and waits until every body is formatted (the heading's <strong> shows). */
  async function mountFormatted(count = kinds.length): Promise<HearthComments> {
    const element = await mountReady({ endpoint: env.fake.url, databaseName: env.databaseName }, count);
    await waitUntil(
      () => parts(element, 'comment-body').every((body) => body.querySelector('.plain') === null),
      'every body formatted',
    );
    return element;
  }

  /** Waits until the database holds `count` comments: only then has a visit cached its thread. */
  async function waitForCache(count: number): Promise<void> {
    await waitUntil(async () => {
      const db = (await openHearthDb(env.databaseName))!;
      const stored = await db.count('comments');
      db.close();
      return stored === count;
    }, 'the visit cached the thread');
  }

  /** The comment records as stored in IndexedDB, read through idb rather than the cache module. */
  async function readRecords(): Promise<Array<{ id: string; body: string; bodyTree?: RichText }>> {
    const db = await openDB(env.databaseName);
    try {
      return await db.getAll('comments');
    } finally {
      db.close();
    }
  }

  async function rewriteRecords(
    rewrite: (record: { id: string; body: string; bodyTree?: RichText }) => void,
  ): Promise<void> {
    const db = await openDB(env.databaseName);
    try {
      const tx = db.transaction('comments', 'readwrite');
      for (const record of await tx.store.getAll()) {
        rewrite(record);
        await tx.store.put(record);
      }
      await tx.done;
    } finally {
      db.close();
    }
  }

  /** Remounts on the same database with the server unreachable, so only the cache can paint. */
  async function revisitOffline(count: number): Promise<HearthComments> {
    document.querySelectorAll('hearth-comments').forEach((element) => element.remove());
    env.fake.isDown = true;
    const requestsBefore = env.fake.requests.length;
    const element = await mountComments({ endpoint: env.fake.url, databaseName: env.databaseName });
    await waitUntil(() => parts(element, 'comment').length === count, 'cached comments painted');
    await waitUntil(
      () => part(element, 'status').textContent!.includes("Can't reach the comment server"),
      'the pull failed',
    );
    expect(env.fake.requests.length).to.be.above(requestsBefore);
    return element;
  }

  it('is accessible with formatted comments', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    await expect(element).to.be.accessible();
  });

  it('keeps nested quotes readable', async () => {
    env.fake.comments.push(makeComment({ body: '> outer\n>\n> > inner\n> >\n> > > innermost' }));
    const element = await mountFormatted(1);
    expect(bodyMarkup(element)).to.deep.equal([
      '<blockquote><p>outer</p><blockquote><p>inner</p><blockquote><p>innermost</p></blockquote></blockquote></blockquote>',
    ]);
    await expect(element).to.be.accessible();
  });

  it('renders each construct as its element', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    expect(bodyMarkup(element)).to.deep.equal(kinds.map((kind) => expected[kind]));
  });

  it('shows code verbatim, markup and entities as text', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    const body = parts(element, 'comment-body')[kinds.indexOf('code')]!;
    const code = body.querySelector('pre > code')!;
    expect(code.textContent).to.equal('<b>not bold</b> &amp; <script>x()</script>\n  indented');
    expect(code.children).to.have.length(0);
  });

  it('renders links with a normalised href, a new tab and rel="nofollow ugc noopener noreferrer"', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    const anchors = parts(element, 'comment-body').flatMap((body) => [...body.querySelectorAll('a')]);
    expect(anchors.map((anchor) => anchor.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1&c=2',
      'https://example.com/',
      'https://example.org/x',
      'http://www.example.net/',
      'mailto:ada@example.com',
      'https://img.example/cat.png',
      'https://img.example/dog.png',
    ]);
    for (const anchor of anchors) {
      expect(anchor.target, anchor.href).to.equal('_blank');
      expect([...anchor.relList].sort(), anchor.href).to.deep.equal([
        'nofollow',
        'noopener',
        'noreferrer',
        'ugc',
      ]);
    }
  });

  it('shows unsafe links and images as the text that was typed', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    const [links, images] = ['links', 'images'].map(
      (kind) => parts(element, 'comment-body')[kinds.indexOf(kind as keyof typeof bodies)]!,
    );
    expect(links!.textContent).to.include('[bad](javascript:alert(1)) [rel](/local)');
    expect(images!.textContent).to.include('![x](javascript:alert(1))');
    // Permalinks (`#comment-<id>`, on each comment's time) and the skip link are the widget's own links.
    const hrefs = [
      ...element.shadowRoot!.querySelectorAll('[href]:not([part~="permalink"], [part~="skip-link"])'),
    ].map((node) => node.getAttribute('href'));
    expect(hrefs.filter((href) => !/^(?:https?:|mailto:)/.test(href!))).to.deep.equal([]);
  });

  it('renders images as links labelled with their alt text, and no <img> at all', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    const body = parts(element, 'comment-body')[kinds.indexOf('images')]!;
    expect([...body.querySelectorAll('a')].map((anchor) => anchor.textContent)).to.deep.equal([
      'a cat',
      'https://img.example/dog.png',
    ]);
    expect(element.shadowRoot!.querySelectorAll('img, picture, source, video, audio, iframe')).to.have.length(
      0,
    );
  });

  it('shows raw HTML as literal text, never as elements', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    const body = parts(element, 'comment-body')[kinds.indexOf('html')]!;
    expect([...body.querySelectorAll('p')].map((paragraph) => paragraph.textContent)).to.deep.equal([
      '<img src="https://img.example/x.png" onerror="alert(1)">',
      'Inline <b>bold?</b> and <script>alert(1)</script>',
      '| a | b ||---|---|| 1 | 2 |',
    ]);
    expect(element.shadowRoot!.querySelectorAll('script, b, table, [onerror]')).to.have.length(0);
  });

  it('shows the numbers of an ordered list, from its start number', async () => {
    serveFormattedThread();
    const element = await mountFormatted();
    const list = parts(element, 'comment-body')[kinds.indexOf('lists')]!.querySelector('ol')!;
    expect(list.start).to.equal(3);
    // The thread's own <ol> drops its markers; a comment's numbered list must keep them.
    expect(getComputedStyle(list).listStyleType).not.to.equal('none');
    expect(getComputedStyle(list.querySelector('li')!).display).to.equal('list-item');
  });

  it('wraps long URLs inside a narrow widget', async () => {
    const url = `https://example.com/${'a'.repeat(280)}`;
    expect(url).to.have.length(300);
    env.fake.comments.push(makeComment({ body: `Look: ${url}` }));
    const element = await mountFormatted(1);
    element.style.width = '300px';
    const body = part(element, 'comment-body');
    await waitUntil(() => body.querySelector('a') !== null, 'the URL is linked');
    expect(getComputedStyle(body).overflowWrap).to.equal('anywhere');
    expect(body.clientWidth).to.be.at.most(300);
    expect(body.scrollWidth).to.be.at.most(body.clientWidth);
    expect(body.querySelector('a')!.getBoundingClientRect().width).to.be.at.most(300);
  });

  it('scrolls a long code line inside its block instead of widening the comment', async () => {
    env.fake.comments.push(makeComment({ body: `\`\`\`\n${'x'.repeat(300)}\n\`\`\`` }));
    const element = await mountFormatted(1);
    element.style.width = '300px';
    const body = part(element, 'comment-body');
    const pre = body.querySelector('pre')!;
    expect(body.scrollWidth).to.be.at.most(body.clientWidth);
    expect(pre.scrollWidth).to.be.above(pre.clientWidth);
    expect(getComputedStyle(pre).overflowX).to.equal('auto');
  });

  it('lets a keyboard reach a code block that scrolls', async () => {
    env.fake.comments.push(makeComment({ body: `\`\`\`\n${'x'.repeat(300)}\n\`\`\`` }));
    const element = await mountFormatted(1);
    element.style.width = '300px';
    const pre = part(element, 'comment-body').querySelector('pre')!;
    expect(pre.scrollWidth).to.be.above(pre.clientWidth);
    await expect(element).to.be.accessible();
  });

  it('stores each comment with its parsed tree and renders a return visit from it', async () => {
    serveFormattedThread();
    const first = await mountFormatted();
    const firstMarkup = bodyMarkup(first);
    await waitForCache(kinds.length);

    const records = await readRecords();
    expect(records).to.have.length(kinds.length);
    for (const record of records) {
      expect(record.bodyTree, record.body).to.deep.equal(parseMarkdown(record.body));
    }

    const second = await revisitOffline(kinds.length);
    await waitUntil(
      () => bodyMarkup(second).join('') === firstMarkup.join(''),
      'the cached thread formatted',
    );
    expect(bodyMarkup(second)).to.deep.equal(kinds.map((kind) => expected[kind]));
  });

  it('renders the cached tree as stored, checking its links again', async () => {
    env.fake.comments.push(makeComment({ body: 'plain words' }));
    await mountFormatted(1);
    await waitForCache(1);
    await rewriteRecords((record) => {
      record.bodyTree = [
        {
          t: 'p',
          c: [
            'from the cache ',
            { t: 'a', href: 'javascript:alert(1)', c: ['click'] },
            ' ',
            { t: 'a', href: 'https://safe.example/', c: [{ t: 'em', c: ['safe'] }] },
          ],
        },
      ];
    });

    const element = await revisitOffline(1);
    await waitUntil(() => part(element, 'comment-body').textContent!.includes('from the cache'));
    expect(bodyMarkup(element)).to.deep.equal([
      `<p>from the cache click ${link('https://safe.example/', '<em>safe</em>')}</p>`,
    ]);
  });

  it('parses a cached comment that has no tree when it renders', async () => {
    env.fake.comments.push(makeComment({ body: '**bold** and [a link](https://example.com/)' }));
    await mountFormatted(1);
    await waitForCache(1);
    await rewriteRecords((record) => delete record.bodyTree);

    const element = await revisitOffline(1);
    const formatted = `<p><strong>bold</strong> and ${link('https://example.com/', 'a link')}</p>`;
    await waitUntil(() => bodyMarkup(element)[0] === formatted, 'the body formatted');
  });

  it('keeps each body with its own comment when the order changes, equal bodies included', async () => {
    const same = '**same** words';
    env.fake.comments.push(
      makeComment({ authorName: 'Ada', body: same }),
      makeComment({ authorName: 'Bo', body: '*only* mine' }),
      makeComment({ authorName: 'Cy', body: same }),
    );
    const element = await mountFormatted(3);
    const shown = (): string[][] =>
      parts(element, 'comment').map((comment) => [
        part(element, 'author', comment).textContent!,
        markupOf(part(element, 'comment-body', comment)),
      ]);
    const sameMarkup = '<p><strong>same</strong> words</p>';
    const oldestFirst = [
      ['Ada', sameMarkup],
      ['Bo', '<p><em>only</em> mine</p>'],
      ['Cy', sameMarkup],
    ];
    expect(shown()).to.deep.equal(oldestFirst);

    const select = part<HTMLSelectElement>(element, 'sort');
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => shown()[0]![0] === 'Cy', 'newest first');
    expect(shown()).to.deep.equal([...oldestFirst].reverse());
  });

  it('shows an empty body as an empty comment body', async () => {
    env.fake.comments.push(makeComment({ body: '   \n  ' }), makeComment({ body: 'after' }));
    const element = await mountFormatted(2);
    expect(bodyMarkup(element)).to.deep.equal(['', '<p>after</p>']);
  });
});
