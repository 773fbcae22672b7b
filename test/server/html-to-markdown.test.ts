import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { listLinks, toPlainText } from '../../src/internal/rendered-text.js';
import type { RichText } from '../../src/internal/rich-text.js';
import { CommentBodySchema, limits } from '../../src/protocol/index.js';
import { createRandom } from '../../bench/fixtures/generate-thread.js';
import {
  convertHtml,
  fitBody,
  htmlToMarkdown,
  markdownSourceToMarkdown,
} from '../../server/src/import/html-to-markdown.js';
import { makeModelDocument, makeTagSoup, showTree } from './helpers/html-fuzz.js';

/** What the widget renders for a converted body: Hearth's own parse of the markdown. */
function render(html: string): RichText {
  return parseMarkdown(htmlToMarkdown(html));
}

describe('htmlToMarkdown: paragraphs and line breaks', () => {
  it('keeps paragraphs apart and a <br> as a line break (Hearth renders every newline)', () => {
    assert.deepEqual(render('<p>One</p><p>Two<br>lines</p>'), [
      { t: 'p', c: ['One'] },
      { t: 'p', c: ['Two', { t: 'br' }, 'lines'] },
    ]);
  });

  it('reads a Disqus-like body as its reader saw it', () => {
    const disqus =
      '<p>Great write-up, thanks!</p><p>One thing though:<br>the <b>second</b> example fails on ' +
      '<a href="https://example.com/issue/42" rel="nofollow noopener" title="https://example.com/issue/42">' +
      'example.com/issue/42</a> &amp; <i>I</i> don&#39;t know why.</p>';
    assert.equal(
      htmlToMarkdown(disqus),
      'Great write-up, thanks!\n\nOne thing though:\nthe **second** example fails on ' +
        "[example.com/issue/42](https://example.com/issue/42) & *I* don't know why.",
    );
    assert.deepEqual(render(disqus), [
      { t: 'p', c: ['Great write-up, thanks!'] },
      {
        t: 'p',
        c: [
          'One thing though:',
          { t: 'br' },
          'the ',
          { t: 'strong', c: ['second'] },
          ' example fails on ',
          { t: 'a', href: 'https://example.com/issue/42', c: ['example.com/issue/42'] },
          ' & ',
          { t: 'em', c: ['I'] },
          " don't know why.",
        ],
      },
    ]);
  });

  it('collapses whitespace as a browser does and makes two <br> in a row a paragraph break', () => {
    assert.deepEqual(render('  <p>  a \n\t b  </p>\n\n<p>c<br><br><br><br>d</p>'), [
      { t: 'p', c: ['a b'] },
      { t: 'p', c: ['c'] },
      { t: 'p', c: ['d'] },
    ]);
  });

  it('puts generic blocks on lines of their own and drops empty ones', () => {
    assert.deepEqual(render('<div>line one</div><div>line two</div><div></div><section>three</section>'), [
      { t: 'p', c: ['line one', { t: 'br' }, 'line two', { t: 'br' }, 'three'] },
    ]);
  });

  it('makes headings bold paragraphs and a table rows of text', () => {
    assert.deepEqual(
      render(
        '<h2>Title <b>here</b></h2><table><tr><th>a</th><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>',
      ),
      [
        { t: 'p', c: [{ t: 'strong', c: ['Title here'] }] },
        { t: 'p', c: [{ t: 'strong', c: ['a'] }, ' | b', { t: 'br' }, 'c | d'] },
      ],
    );
  });

  it('returns an empty string for a body with nothing to show', () => {
    for (const html of ['', '   ', '<p> </p>', '<script>x</script>', '<br><br>', '<!-- only a comment -->']) {
      assert.equal(htmlToMarkdown(html), '', JSON.stringify(html));
    }
  });
});

describe('htmlToMarkdown: links and images', () => {
  it('keeps http, https and mailto links', () => {
    assert.deepEqual(
      render(
        '<a href="http://a.example/x">a</a> <a href="HTTPS://B.example/y?q=1&amp;r=2">b</a> <a href="mailto:me@c.example">c</a>',
      ),
      [
        {
          t: 'p',
          c: [
            { t: 'a', href: 'http://a.example/x', c: ['a'] },
            ' ',
            { t: 'a', href: 'https://b.example/y?q=1&r=2', c: ['b'] },
            ' ',
            { t: 'a', href: 'mailto:me@c.example', c: ['c'] },
          ],
        },
      ],
    );
  });

  it('drops javascript:, data:, relative and protocol-relative links to their text', () => {
    const html =
      '<a href="javascript:alert(1)">one</a> <a href="java&#10;script&colon;alert(1)">two</a> ' +
      '<a href="data:text/html,x">three</a> <a href="/relative">four</a> <a href="//evil.example/">five</a> ' +
      '<a>six</a> <a href="ftp://files.example/">seven</a>';
    assert.deepEqual(render(html), [{ t: 'p', c: ['one two three four five six seven'] }]);
  });

  it('links a Disqus redirect to where it led', () => {
    const href =
      'https://disq.us/url?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1%3AxE4Tz0fzc4wfe6ZuF0ELlS7u3-g&amp;cuid=42';
    assert.deepEqual(render(`<a href="${href}" rel="nofollow noopener">example.com/a</a>`), [
      { t: 'p', c: [{ t: 'a', href: 'https://example.com/a?b=1', c: ['example.com/a'] }] },
    ]);
  });

  it('keeps a link address with spaces and parentheses whole', () => {
    const [block] = render('<a href="https://en.example/wiki/A_(b) c">wiki</a>');
    assert.deepEqual(block, {
      t: 'p',
      c: [{ t: 'a', href: 'https://en.example/wiki/A_(b)%20c', c: ['wiki'] }],
    });
  });

  it('turns an image into a link to it labelled with its alt text, only for http(s)', () => {
    assert.deepEqual(
      render(
        '<img src="https://img.example/cat.png" alt="a *cat*"> <img src="data:image/png;base64,AAAA" alt="inline"> <img src="/local.png" alt=""><img src="mailto:a@b.example" alt="">',
      ),
      [{ t: 'p', c: [{ t: 'a', href: 'https://img.example/cat.png', c: ['a *cat*'] }, ' inline'] }],
    );
    assert.deepEqual(render('<img src="https://img.example/cat.png">'), [
      { t: 'p', c: [{ t: 'a', href: 'https://img.example/cat.png', c: ['https://img.example/cat.png'] }] },
    ]);
  });

  it('keeps a linked image as a link to where it pointed', () => {
    assert.deepEqual(
      render('<a href="https://site.example/"><img src="https://img.example/a.png" alt="logo"></a>'),
      [{ t: 'p', c: [{ t: 'a', href: 'https://site.example/', c: ['logo'] }] }],
    );
  });

  it('leaves bare addresses as the text the source showed', () => {
    assert.deepEqual(render('<p>see http://bare.example/a_b~c, www.bare.example and me@mail.example</p>'), [
      { t: 'p', c: ['see http://bare.example/a_b~c, www.bare.example and me@mail.example'] },
    ]);
  });
});

describe('htmlToMarkdown: emphasis, code, quotes and lists', () => {
  it('keeps em/i, strong/b and del/s/strike', () => {
    assert.deepEqual(
      render('<em>a</em> <i>b</i> <strong>c</strong> <b>d</b> <del>e</del> <s>f</s> <strike>g</strike>'),
      [
        {
          t: 'p',
          c: [
            { t: 'em', c: ['a'] },
            ' ',
            { t: 'em', c: ['b'] },
            ' ',
            { t: 'strong', c: ['c'] },
            ' ',
            { t: 'strong', c: ['d'] },
            ' ',
            { t: 'del', c: ['e'] },
            ' ',
            { t: 'del', c: ['f'] },
            ' ',
            { t: 'del', c: ['g'] },
          ],
        },
      ],
    );
  });

  it('keeps emphasis inside words and next to punctuation, moving the punctuation out when it must', () => {
    assert.deepEqual(render('foo<em>bar</em>baz (<b>bold</b>) x<em>(a)</em>y <strong>Update:</strong>text'), [
      {
        t: 'p',
        c: [
          'foo',
          { t: 'em', c: ['bar'] },
          'baz (',
          { t: 'strong', c: ['bold'] },
          ') x(',
          { t: 'em', c: ['a'] },
          ')y ',
          { t: 'strong', c: ['Update'] },
          ':text',
        ],
      },
    ]);
  });

  it('drops emphasis rather than show stray asterisks where markdown cannot open or close it', () => {
    assert.deepEqual(render('foo<em><a href="https://x.example/">link</a></em>bar a<b>**</b>b'), [
      { t: 'p', c: ['foo', { t: 'a', href: 'https://x.example/', c: ['link'] }, 'bar a**b'] },
    ]);
    // The link's closing parenthesis is markup, not punctuation that could move outside.
    assert.deepEqual(render('see <em><a href="https://x.example/">link</a></em>now'), [
      { t: 'p', c: ['see ', { t: 'a', href: 'https://x.example/', c: ['link'] }, 'now'] },
    ]);
  });

  it('keeps emphasis that touches other emphasis, or checks it and drops what would misread', () => {
    assert.deepEqual(render('un<em>believ</em>able, <b><i>bold italic</i></b>, <b>bold <i>both</i></b>'), [
      {
        t: 'p',
        c: [
          'un',
          { t: 'em', c: ['believ'] },
          'able, ',
          { t: 'em', c: [{ t: 'strong', c: ['bold italic'] }] },
          ', ',
          { t: 'strong', c: ['bold ', { t: 'em', c: ['both'] }] },
        ],
      },
    ]);
    // Runs that CommonMark would pair otherwise than written: the words stay, asterisks never show.
    assert.deepEqual(render("<em>'.</em><b>^</b><b><i>[!],</i></b>|"), [{ t: 'p', c: ["'.^[!],|"] }]);
  });

  it('keeps a `!` before a link from making it an image, and code spans in a row apart', () => {
    assert.deepEqual(render('Wow!<a href="https://x.example/">link</a>'), [
      { t: 'p', c: ['Wow!', { t: 'a', href: 'https://x.example/', c: ['link'] }] },
    ]);
    assert.deepEqual(render('<code>a</code><em><code>b</code></em>x'), [
      { t: 'p', c: [{ t: 'code', v: 'a' }, ' ', { t: 'code', v: 'b' }, 'x'] },
    ]);
  });

  it('keeps code spans and code blocks exactly, backticks included', () => {
    assert.deepEqual(
      render(
        '<p>run <code>a `b` c</code> and <kbd> </kbd></p><pre><code>if (a &lt; b) {\n  ```\n}\n</code></pre>',
      ),
      [
        { t: 'p', c: ['run ', { t: 'code', v: 'a `b` c' }, ' and'] },
        { t: 'pre', v: 'if (a < b) {\n  ```\n}' },
      ],
    );
  });

  it('keeps quotes, nested', () => {
    assert.deepEqual(
      render('<blockquote><p>quoted</p><blockquote>deeper</blockquote></blockquote><p>reply</p>'),
      [
        {
          t: 'quote',
          c: [
            { t: 'p', c: ['quoted'] },
            { t: 'quote', c: [{ t: 'p', c: ['deeper'] }] },
          ],
        },
        { t: 'p', c: ['reply'] },
      ],
    );
  });

  it('keeps nested lists, an ordered list’s start, and two lists in a row apart', () => {
    assert.deepEqual(
      render(
        '<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul><ol start="3"><li>three</li></ol><ol><li>again</li></ol>',
      ),
      [
        {
          t: 'ul',
          items: [
            [
              { t: 'p', c: ['one'] },
              { t: 'ul', items: [[{ t: 'p', c: ['nested'] }]] },
            ],
            [{ t: 'p', c: ['two'] }],
          ],
        },
        { t: 'ol', start: 3, items: [[{ t: 'p', c: ['three'] }]] },
        { t: 'ol', start: 1, items: [[{ t: 'p', c: ['again'] }]] },
      ],
    );
  });

  it('writes items nested deeper than Hearth renders as text with their marker', () => {
    const html = `${'<ul><li>level'.repeat(10)}${'</li></ul>'.repeat(10)}`;
    const text = toPlainText(render(html));
    assert.equal(
      text,
      Array.from({ length: 10 }, (_, index) => (index < 8 ? 'level' : '- level')).join('\n'),
    );
  });
});

describe('htmlToMarkdown: entities and languages', () => {
  it('decodes entities', () => {
    assert.deepEqual(
      render(
        '<p>&amp; &lt;b&gt; &#x1F600; &#128512; a&nbsp;b &hellip; &eacute;t&eacute; &copy &quot;q&quot;</p>',
      ),
      [{ t: 'p', c: ['& <b> 😀 😀 a\u00a0b … été © "q"'] }],
    );
  });

  it('keeps a name that is no character reference as typed, even one every object has', () => {
    const html = '<p>&constructor; &toString; &hasOwnProperty; &shy;&zwj;</p>';
    assert.deepEqual(render(html), [
      { t: 'p', c: ['&constructor; &toString; &hasOwnProperty; \u00ad\u200d'] },
    ]);
  });

  it('keeps Cyrillic, Arabic and emoji as they are', () => {
    const text = 'Привет, мир! مرحبا بالعالم 👩‍💻 🇺🇦';
    assert.deepEqual(render(`<p>${text}</p>`), [{ t: 'p', c: [text] }]);
    assert.deepEqual(render(text), [{ t: 'p', c: [text] }]);
  });
});

describe('htmlToMarkdown: text that looks like markdown stays text', () => {
  const literals = [
    '*not em*',
    '_not em_',
    '**not strong**',
    '~~not del~~ ~not del~',
    '1. not a list',
    '1) not a list',
    '2024. A year',
    '- not a list',
    '+ not a list',
    '* not a list',
    '# not a heading',
    '###',
    '> not a quote',
    '=====',
    '---',
    '***',
    '_ _ _',
    '```not a fence',
    '~~~',
    '[a](b)',
    '![a](http://img.example/x.png)',
    '[x]: http://def.example',
    '`x`',
    '<b>tag</b> and <http://auto.example> and <!-- c -->',
    'back\\slash \\* \\',
    '&amp; &copy; &#42;',
    'snake_case and 5 * 3 and a_b_c',
    '[ ] task',
    '|a|b|',
  ];
  for (const literal of literals) {
    it(`shows ${JSON.stringify(literal)} as typed`, () => {
      const html = literal.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      assert.deepEqual(render(`<p>${html}</p>`), [{ t: 'p', c: [literal] }]);
      assert.deepEqual(render(`<p>x<br>${html}</p>`), [{ t: 'p', c: ['x', { t: 'br' }, literal] }]);
      assert.deepEqual(render(`<ul><li>${html}</li></ul>`), [
        { t: 'ul', items: [[{ t: 'p', c: [literal] }]] },
      ]);
    });
  }
});

describe('htmlToMarkdown: what never comes in', () => {
  it('removes script, style, iframe, object, embed, noscript, template and svg with their content', () => {
    const html =
      '<p>before</p><script>alert("<p>x</p>")</script><style>p { color: red }</style>' +
      '<iframe src="https://x.example">frame text</iframe><object data="x">fallback</object><embed src="x">' +
      '<noscript>no script</noscript><template><p>template</p></template><svg><text>drawn</text></svg><p>after</p>';
    assert.deepEqual(render(html), [
      { t: 'p', c: ['before'] },
      { t: 'p', c: ['after'] },
    ]);
  });

  it('keeps the text of unknown elements', () => {
    assert.deepEqual(
      render('<span class="x">a</span><font color="red">b</font><u>c</u><x-custom>d</x-custom>'),
      [{ t: 'p', c: ['abcd'] }],
    );
  });
});

describe('markdownSourceToMarkdown', () => {
  it('renders markdown with inline HTML as the source showed it', () => {
    assert.deepEqual(
      parseMarkdown(
        markdownSourceToMarkdown(
          'Hello *world*,\nsame paragraph <b>bold</b> <script>x()</script>\n\n> quoted\n\n- a\n- b',
        ),
      ),
      [
        {
          t: 'p',
          c: ['Hello ', { t: 'em', c: ['world'] }, ', same paragraph ', { t: 'strong', c: ['bold'] }],
        },
        { t: 'quote', c: [{ t: 'p', c: ['quoted'] }] },
        { t: 'ul', items: [[{ t: 'p', c: ['a'] }], [{ t: 'p', c: ['b'] }]] },
      ],
    );
  });

  it('links bare addresses as GFM does, and keeps code and escapes as they render', () => {
    assert.deepEqual(
      parseMarkdown(
        markdownSourceToMarkdown('see https://x.example/a_b and \\*not em\\*\n\n```\n<b>code</b>\n```'),
      ),
      [
        {
          t: 'p',
          c: [
            'see ',
            { t: 'a', href: 'https://x.example/a_b', c: ['https://x.example/a_b'] },
            ' and *not em*',
          ],
        },
        { t: 'pre', v: '<b>code</b>' },
      ],
    );
  });

  it('keeps a body marked cannot render in bounded time as it is', () => {
    for (const source of [
      '**a_'.repeat(2_500),
      '>'.repeat(30_000),
      `${'  '.repeat(41)}- deep`,
      `${'> '.repeat(11)}deep`,
    ]) {
      assert.equal(markdownSourceToMarkdown(source), source.trim());
    }
  });

  it('renders only as much of a long source as a body can keep, cut at a paragraph break', () => {
    const paragraph = `*Words* ${'and more '.repeat(100)}end.`;
    const markdown = markdownSourceToMarkdown(Array.from({ length: 100 }, () => paragraph).join('\n\n'));
    const tree = parseMarkdown(markdown);
    assert.ok(tree.length >= 20 && tree.length < 100, `${tree.length} paragraphs`);
    assert.deepEqual(tree.at(-1), {
      t: 'p',
      c: [{ t: 'em', c: ['Words'] }, ` ${'and more '.repeat(99)}and more end.`],
    });
    assert.equal(fitBody(markdown).truncated, true);
  });
});

describe('fitBody', () => {
  const accepts = (body: string): boolean => CommentBodySchema.safeParse(body).success;

  it('returns a body within the limit whole, trimmed, line ends and text made valid', () => {
    assert.deepEqual(fitBody('  a\r\nb\rc\u0000\u0007\u001b d\u007f\te  '), {
      body: 'a\nb\nc d\te',
      truncated: false,
    });
    assert.deepEqual(fitBody('x\ud83dy \ude00 😀'), { body: 'x\ufffdy \ufffd 😀', truncated: false });
    assert.deepEqual(fitBody(' \u0001 '), { body: '', truncated: false });
    const exact = 'x'.repeat(limits.bodyMaxChars);
    assert.deepEqual(fitBody(exact), { body: exact, truncated: false });
  });

  it('cuts a longer body at its last paragraph break and marks the cut', () => {
    const paragraph = `${'word '.repeat(199)}end`;
    const { body, truncated } = fitBody(Array.from({ length: 20 }, () => paragraph).join('\n\n'));
    assert.equal(truncated, true);
    assert.ok(body.length <= limits.bodyMaxChars && accepts(body));
    assert.ok(body.endsWith(`end\n\n\\[…\\]`));
    const tree = parseMarkdown(body);
    assert.deepEqual(tree.at(-1), { t: 'p', c: ['[…]'] });
    assert.equal(tree.length, 10);
  });

  it('cuts at a line break, else a space, else anywhere, never inside a surrogate pair', () => {
    const lines = fitBody(
      Array.from({ length: 1_000 }, (_, index) => `line ${index} of text`).join('\n'),
    ).body;
    assert.match(lines, /of text\n\n\\\[…\\\]$/);
    const words = fitBody('word '.repeat(3_000)).body;
    assert.match(words, /word\n\n\\\[…\\\]$/);
    const emoji = fitBody('😀'.repeat(6_000)).body;
    assert.ok(emoji.length <= limits.bodyMaxChars && accepts(emoji));
    assert.match(emoji, /^(?:😀)+\n\n\\\[…\\\]$/);
  });

  it('closes a code block left open by the cut, so the marker is not code', () => {
    const code = Array.from({ length: 2_000 }, (_, index) => `let x${index} = ${index};`).join('\n');
    const { body, truncated } = fitBody(`Before:\n\n~~~~\n${code}\n~~~~\n\nAfter.`);
    assert.equal(truncated, true);
    assert.ok(body.length <= limits.bodyMaxChars && accepts(body));
    const tree = parseMarkdown(body);
    assert.equal(tree.length, 3);
    assert.equal(tree[1]?.t, 'pre');
    assert.deepEqual(tree[2], { t: 'p', c: ['[…]'] });
  });

  it('leaves a code block in a quote or list to end with its container', () => {
    const code = Array.from({ length: 2_000 }, (_, index) => `> line ${index}`).join('\n');
    const tree = parseMarkdown(fitBody(`> \`\`\`\n${code}`).body);
    assert.equal(tree[0]?.t, 'quote');
    assert.deepEqual(tree.at(-1), { t: 'p', c: ['[…]'] });
  });
});

describe('htmlToMarkdown: the fast paths give what turndown gives', () => {
  it('converts text without markup the same way with or without the HTML parser', () => {
    const random = createRandom(20261207);
    const pieces = [
      'a',
      'Б',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      '\u00a0',
      '\u2003',
      '*',
      '_',
      '~',
      '`',
      '[',
      ']',
      '#',
      '>',
      '-',
      '+',
      '=',
      '1.',
      '2)',
      '\\',
      '!',
      'http://x.example',
      'www.y.example',
      'a@b.example',
      '😀',
      '\ud83d',
      '|',
      '.',
      ':',
    ];
    for (let index = 0; index < 2_000; index += 1) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let part = 0; part < length; part += 1) text += pieces[Math.floor(random() * pieces.length)];
      assert.equal(convertHtml(text, 'nodes'), convertHtml(text, 'parser'), JSON.stringify(text));
    }
  });

  it('converts HTML the same whether built directly or parsed by turndown', () => {
    const corners = [
      '<pre>\n\nx</pre>',
      '<pre>\r\n\r\n  x\r\n</pre>',
      '<pre><code>\nx</code></pre>',
      '<xmp>a &amp; <b></xmp>',
      '<textarea>\nx &lt; y</textarea>',
      '<p>a &am<b></b>p; b &amp<i></i>; c</p>',
      '<p>&ampx &copy2 &#38 &#x26 &#0; &#128; &#xD800; &notin; &NotANamedOne;</p>',
      '<a href="https://x.example/?a=1&amp;b=2&copy=3">q</a>',
      '<img src="https://x.example/a.png" alt="&lt;&eacute;&gt;">',
      '<p>x\u0000y</p>',
      '<ol start="0"><li>a</li></ol><ol start="-2"><li>b</li></ol><ol start="1e3"><li>c</li></ol>',
      '<em>a<br></em><b><br>b</b><code>c<br>d</code>',
    ];
    for (const html of corners)
      assert.equal(convertHtml(html, 'nodes'), convertHtml(html, 'parser'), JSON.stringify(html));
    const random = createRandom(7);
    for (let index = 0; index < 600; index += 1) {
      const html =
        index % 2 === 0
          ? makeModelDocument(random).html
          : makeTagSoup(random, 40 + Math.floor(random() * 400));
      assert.equal(convertHtml(html, 'nodes'), convertHtml(html, 'parser'), JSON.stringify(html));
    }
  });
});

describe('htmlToMarkdown: a reader sees what the source showed (generated documents)', () => {
  it('shows every character in the formats it had, links to where it pointed, code as it was', () => {
    const random = createRandom(20261208);
    for (let index = 0; index < 400; index += 1) {
      const document = makeModelDocument(random);
      const markdown = htmlToMarkdown(document.html);
      const seen = showTree(parseMarkdown(markdown));
      const context = `${JSON.stringify(document.html)}\n→ ${JSON.stringify(markdown)}`;
      assert.deepEqual(seen.shown, document.shown, context);
      assert.deepEqual(seen.pres, document.pres, context);
      assert.doesNotMatch(markdown, /\n{3}/, context);
    }
  });
});

describe('htmlToMarkdown: every character shows, whatever punctuation edges emphasis', () => {
  it('renders each word of random inline HTML with no stray or missing character', () => {
    const random = createRandom(5);
    const characters = [...'ab Я😀 .,:;!?()"\'*_~`[]<>&#-+=\\/@|^'];
    const tags = ['em', 'b', 'del', 'code', 'a href="https://x.example/"'];
    for (let index = 0; index < 3_000; index += 1) {
      let html = '';
      let text = '';
      for (let part = 0; part < 1 + Math.floor(random() * 6); part += 1) {
        const words = Array.from(
          { length: 1 + Math.floor(random() * 6) },
          () => characters[Math.floor(random() * characters.length)],
        ).join('');
        const encoded = words.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const tag = tags[Math.floor(random() * tags.length)]!;
        const inner = random() < 0.3 ? `<i>${encoded}</i>` : encoded;
        html += random() < 0.5 ? encoded : `<${tag}>${inner}</${tag.split(' ')[0]}>`;
        text += words;
      }
      const markdown = htmlToMarkdown(`<p>${html}</p>`);
      // Whitespace aside (two code spans in a row get a space between them): the same characters.
      const shown = toPlainText(parseMarkdown(markdown)).replace(/\s+/g, '');
      assert.equal(shown, text.replace(/\s+/g, ''), `${JSON.stringify(html)} → ${JSON.stringify(markdown)}`);
    }
  });
});

describe('htmlToMarkdown: hostile input', () => {
  const depth = 100_000;
  for (const tag of [
    'div',
    'b',
    'span',
    'blockquote',
    'ul><li',
    'ol><li',
    'table><tr><td',
    'a href="https://x.example/"',
    'pre',
    'q',
    'svg',
    'p',
    'li',
    'em><strong><del><code',
  ]) {
    it(`reads <${tag}> nested ${depth.toLocaleString('en')} deep without overflowing`, () => {
      const html = `<${tag}>x`.repeat(depth);
      const markdown = htmlToMarkdown(html);
      // Bounded: at most a constant number of characters of markdown per character of input.
      assert.ok(markdown.length <= 8 * html.length, `${markdown.length} characters`);
      const { body } = fitBody(markdown);
      assert.ok(body === '' || CommentBodySchema.safeParse(body).success);
    });
  }

  it('reads a megabyte of text, tags or references, stopping once the body is surely full', () => {
    const paragraphs = '<p>Hello <b>world</b> &amp; more</p>'.repeat(30_000);
    const markdown = htmlToMarkdown(paragraphs);
    // Read only as far as the body can keep: a few times the limit, not 30,000 paragraphs.
    assert.ok(markdown.length > 2 * limits.bodyMaxChars && markdown.length < 4 * limits.bodyMaxChars);
    const { body, truncated } = fitBody(markdown);
    assert.equal(truncated, true);
    assert.ok(body.startsWith('Hello **world** & more\n\nHello **world** & more\n\n'));
    assert.ok(CommentBodySchema.safeParse(body).success);
    for (const html of [
      'a<br>'.repeat(200_000),
      '&amp'.repeat(250_000),
      '<'.repeat(1_000_000),
      '<a href="'.repeat(100_000),
    ]) {
      const converted = htmlToMarkdown(html);
      assert.ok(converted.length <= 2 * html.length);
      const fitted = fitBody(converted).body;
      assert.ok(fitted === '' || CommentBodySchema.safeParse(fitted).success);
    }
  });

  it('turns random tag soup into a body the protocol accepts, linking only http(s) and mailto', () => {
    const random = createRandom(424242);
    for (let index = 0; index < 300; index += 1) {
      const html = makeTagSoup(random, 1 + Math.floor(random() * (index < 290 ? 3_000 : 60_000)));
      const markdown = htmlToMarkdown(html);
      assert.ok(markdown.length <= 8 * html.length + 16, JSON.stringify(html));
      const { body } = fitBody(markdown);
      assert.ok(body === '' || CommentBodySchema.safeParse(body).success, JSON.stringify(html));
      for (const href of listLinks(parseMarkdown(body))) assert.match(href, /^(?:https?:\/\/|mailto:)/);
    }
  });

  it('renders markdown sources of random soup to accepted bodies', () => {
    const random = createRandom(99);
    for (let index = 0; index < 100; index += 1) {
      const source = makeTagSoup(random, 1 + Math.floor(random() * 2_000)).replace(
        /</g,
        random() < 0.5 ? '<' : '\n> ',
      );
      const { body } = fitBody(markdownSourceToMarkdown(source));
      assert.ok(body === '' || CommentBodySchema.safeParse(body).success, JSON.stringify(source));
    }
  });
});
