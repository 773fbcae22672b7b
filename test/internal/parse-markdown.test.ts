import { expect } from '@open-wc/testing';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import type { RichBlock, RichInline, RichText } from '../../src/internal/rich-text.js';

const br: RichInline = { t: 'br' };
const hr: RichBlock = { t: 'hr' };

function p(...c: RichInline[]): RichBlock {
  return { t: 'p', c };
}
function em(...c: RichInline[]): RichInline {
  return { t: 'em', c };
}
function strong(...c: RichInline[]): RichInline {
  return { t: 'strong', c };
}
function del(...c: RichInline[]): RichInline {
  return { t: 'del', c };
}
function code(v: string): RichInline {
  return { t: 'code', v };
}
function a(href: string, ...c: RichInline[]): RichInline {
  return { t: 'a', href, c };
}
function pre(v: string): RichBlock {
  return { t: 'pre', v };
}
function quote(...c: RichBlock[]): RichBlock {
  return { t: 'quote', c };
}
function ul(...items: RichBlock[][]): RichBlock {
  return { t: 'ul', items };
}
function ol(start: number, ...items: RichBlock[][]): RichBlock {
  return { t: 'ol', start, items };
}

/** Every link in a tree, in document order. */
function linksOf(tree: RichText): Array<{ href: string; c: RichInline[] }> {
  const links: Array<{ href: string; c: RichInline[] }> = [];
  const visitInline = (node: RichInline): void => {
    if (typeof node === 'string') return;
    if (node.t === 'a') links.push(node);
    if ('c' in node) node.c.forEach(visitInline);
  };
  const visitBlock = (block: RichBlock): void => {
    if (block.t === 'p') block.c.forEach(visitInline);
    else if (block.t === 'quote') block.c.forEach(visitBlock);
    else if (block.t === 'ul' || block.t === 'ol') block.items.flat().forEach(visitBlock);
  };
  tree.forEach(visitBlock);
  return links;
}

/** The text a reader sees in an inline list, formatting dropped and breaks as newlines. */
function textOf(inlines: readonly RichInline[]): string {
  return inlines
    .map((node) => {
      if (typeof node === 'string') return node;
      if (node.t === 'br') return '\n';
      if (node.t === 'code') return node.v;
      return textOf(node.c);
    })
    .join('');
}

/** How many quotes are nested at the start of a tree. */
function quoteDepth(tree: RichText): number {
  let depth = 0;
  let blocks = tree;
  while (blocks.length === 1 && blocks[0]!.t === 'quote') {
    depth += 1;
    blocks = blocks[0]!.c;
  }
  return depth;
}

describe('parseMarkdown', () => {
  describe('blocks', () => {
    it('parses plain text as one paragraph', () => {
      expect(parseMarkdown('hello world')).to.deep.equal([p('hello world')]);
    });

    it('splits paragraphs on blank lines, however many', () => {
      expect(parseMarkdown('one\n\ntwo\n\n\n\nthree')).to.deep.equal([p('one'), p('two'), p('three')]);
    });

    it('turns a single newline into a line break', () => {
      expect(parseMarkdown('first line\nsecond line')).to.deep.equal([p('first line', br, 'second line')]);
    });

    it('turns two trailing spaces and a backslash before a newline into a line break', () => {
      expect(parseMarkdown('hard  \nbreak')).to.deep.equal([p('hard', br, 'break')]);
      expect(parseMarkdown('hard\\\nbreak')).to.deep.equal([p('hard', br, 'break')]);
    });

    it('parses a fenced code block verbatim, info string dropped', () => {
      expect(parseMarkdown('```js\nconst a = <b>1</b>;\n  indented *not em*\n```')).to.deep.equal([
        pre('const a = <b>1</b>;\n  indented *not em*'),
      ]);
      expect(parseMarkdown('~~~\ntilde\n~~~')).to.deep.equal([pre('tilde')]);
    });

    it('parses an indented code block without its indentation', () => {
      expect(parseMarkdown('    first\n      second')).to.deep.equal([pre('first\n  second')]);
    });

    it('runs an unterminated fence to the end of the body', () => {
      expect(parseMarkdown('```\nstill code\n*x*')).to.deep.equal([pre('still code\n*x*')]);
    });

    it('parses a blockquote, its lines joined by breaks', () => {
      expect(parseMarkdown('> quoted\n> more\n\nafter')).to.deep.equal([
        quote(p('quoted', br, 'more')),
        p('after'),
      ]);
    });

    it('parses an unordered list with any bullet', () => {
      expect(parseMarkdown('- a\n- b')).to.deep.equal([ul([p('a')], [p('b')])]);
      expect(parseMarkdown('* star')).to.deep.equal([ul([p('star')])]);
      expect(parseMarkdown('+ plus')).to.deep.equal([ul([p('plus')])]);
    });

    it('parses an ordered list with its start number', () => {
      expect(parseMarkdown('3. three\n4. four')).to.deep.equal([ol(3, [p('three')], [p('four')])]);
      expect(parseMarkdown('1. one\n1. one again')).to.deep.equal([ol(1, [p('one')], [p('one again')])]);
      expect(parseMarkdown('0) zero')).to.deep.equal([ol(0, [p('zero')])]);
    });

    it('parses nested lists', () => {
      expect(parseMarkdown('- a\n  - a.1\n  - a.2\n- b')).to.deep.equal([
        ul([p('a'), ul([p('a.1')], [p('a.2')])], [p('b')]),
      ]);
      expect(parseMarkdown('1. x\n   - y\n     1. z')).to.deep.equal([
        ol(1, [p('x'), ul([p('y'), ol(1, [p('z')])])]),
      ]);
    });

    it('keeps each paragraph of a loose list item', () => {
      expect(parseMarkdown('- first\n\n  continued\n- second')).to.deep.equal([
        ul([p('first'), p('continued')], [p('second')]),
      ]);
    });

    it('parses a list inside a quote and a quote inside a list', () => {
      expect(parseMarkdown('> - a\n> - b')).to.deep.equal([quote(ul([p('a')], [p('b')]))]);
      expect(parseMarkdown('- item\n\n  > quoted')).to.deep.equal([ul([p('item'), quote(p('quoted'))])]);
    });

    it('shows task list items with their box as text', () => {
      const tree = parseMarkdown('- [x] done\n- [ ] todo');
      expect(tree).to.have.length(1);
      const list = tree[0]!;
      expect(list.t).to.equal('ul');
      const items = (list as Extract<RichBlock, { t: 'ul' }>).items;
      expect(items).to.have.length(2);
      expect(items.map((item) => item.map((block) => block.t))).to.deep.equal([['p'], ['p']]);
      expect(items).to.deep.equal([[p('[x] done')], [p('[ ] todo')]]);
    });

    it('renders headings of every level as bold paragraphs', () => {
      for (let level = 1; level <= 6; level += 1) {
        expect(parseMarkdown(`${'#'.repeat(level)} Level ${level}`), `h${level}`).to.deep.equal([
          p(strong(`Level ${level}`)),
        ]);
      }
      expect(parseMarkdown('# *Big* `news`\ntext')).to.deep.equal([
        p(strong(em('Big'), ' ', code('news'))),
        p('text'),
      ]);
    });

    it('renders setext headings as bold paragraphs', () => {
      expect(parseMarkdown('Title\n=====')).to.deep.equal([p(strong('Title'))]);
      expect(parseMarkdown('Subtitle\n---')).to.deep.equal([p(strong('Subtitle'))]);
    });

    it('parses thematic breaks', () => {
      expect(parseMarkdown('above\n\n---\n\nbelow')).to.deep.equal([p('above'), hr, p('below')]);
      expect(parseMarkdown('***\n\n___')).to.deep.equal([hr, hr]);
    });

    it('shows raw HTML blocks as their text', () => {
      expect(parseMarkdown('<div onclick="x()">hi</div>')).to.deep.equal([p('<div onclick="x()">hi</div>')]);
      expect(parseMarkdown('<script>alert(1)</script>')).to.deep.equal([p('<script>alert(1)</script>')]);
      expect(parseMarkdown('<!-- hidden? -->')).to.deep.equal([p('<!-- hidden? -->')]);
    });

    it('shows a multi-line HTML block as text with its line breaks', () => {
      expect(parseMarkdown('<div>\n<b>x</b>\n</div>')).to.deep.equal([
        p('<div>', br, '<b>x</b>', br, '</div>'),
      ]);
    });

    it('shows tables as their source text', () => {
      expect(parseMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).to.deep.equal([
        p('| a | b |', br, '|---|---|', br, '| 1 | 2 |'),
      ]);
    });

    it('drops link reference definitions from the output', () => {
      expect(parseMarkdown('[ref]: https://example.com/r')).to.deep.equal([]);
    });
  });

  describe('inlines', () => {
    it('parses emphasis, strong, strikethrough and code spans', () => {
      expect(parseMarkdown('*em* _em_ **strong** __strong__ ~~del~~ `code`')).to.deep.equal([
        p(
          em('em'),
          ' ',
          em('em'),
          ' ',
          strong('strong'),
          ' ',
          strong('strong'),
          ' ',
          del('del'),
          ' ',
          code('code'),
        ),
      ]);
    });

    it('nests strong in emphasis and emphasis in strong', () => {
      expect(parseMarkdown('*a **b** c*')).to.deep.equal([p(em('a ', strong('b'), ' c'))]);
      expect(parseMarkdown('**a *b* c**')).to.deep.equal([p(strong('a ', em('b'), ' c'))]);
      expect(parseMarkdown('~~a **b**~~')).to.deep.equal([p(del('a ', strong('b')))]);
    });

    it('parses ***x*** as strong inside emphasis', () => {
      expect(parseMarkdown('***x***')).to.deep.equal([p(em(strong('x')))]);
    });

    it('leaves underscores inside words alone', () => {
      expect(parseMarkdown('snake_case_word')).to.deep.equal([p('snake_case_word')]);
      expect(parseMarkdown('_a_b_')).to.deep.equal([p(em('a_b'))]);
    });

    it('leaves unmatched delimiters as text', () => {
      expect(parseMarkdown('a *b and 2 * 3')).to.deep.equal([p('a *b and 2 * 3')]);
    });

    it('keeps a code span verbatim: no markdown, no entities', () => {
      expect(parseMarkdown('`*a* &amp; <b>`')).to.deep.equal([p(code('*a* &amp; <b>'))]);
      expect(parseMarkdown('``a ` b``')).to.deep.equal([p(code('a ` b'))]);
    });

    it('keeps entities in code blocks as typed', () => {
      expect(parseMarkdown('```\n&amp; &#58; &lt;\n```')).to.deep.equal([pre('&amp; &#58; &lt;')]);
      expect(parseMarkdown('    &copy;')).to.deep.equal([pre('&copy;')]);
    });

    it('decodes entities in text, once, keeping unknown ones', () => {
      expect(parseMarkdown('&amp; &#58; &#x3A; &foo; &copy; &amp;lt;')).to.deep.equal([
        p('& : : &foo; © &lt;'),
      ]);
    });

    it('honours backslash escapes', () => {
      expect(parseMarkdown('\\*not\\*')).to.deep.equal([p('*not*')]);
      expect(parseMarkdown('\\# not a heading')).to.deep.equal([p('# not a heading')]);
      expect(parseMarkdown('\\&amp;')).to.deep.equal([p('&amp;')]);
      expect(parseMarkdown('\\[x](https://example.com)')).to.deep.equal([
        p('[x](', a('https://example.com/', 'https://example.com'), ')'),
      ]);
    });

    it('keeps a backslash before a letter', () => {
      expect(parseMarkdown('C:\\path')).to.deep.equal([p('C:\\path')]);
    });

    it('shows inline raw HTML as text', () => {
      expect(parseMarkdown('a <b>bold?</b> <img src=x onerror=alert(1)> c')).to.deep.equal([
        p('a <b>bold?</b> <img src=x onerror=alert(1)> c'),
      ]);
      expect(parseMarkdown('*a <i>b</i>*')).to.deep.equal([p(em('a <i>b</i>'))]);
    });

    it('keeps line breaks inside emphasis', () => {
      expect(parseMarkdown('**bold\ntext**')).to.deep.equal([p(strong('bold', br, 'text'))]);
    });
  });

  describe('links', () => {
    it('parses an inline link, normalising its URL', () => {
      expect(parseMarkdown('[site](https://example.com)')).to.deep.equal([
        p(a('https://example.com/', 'site')),
      ]);
      expect(parseMarkdown('[x](HTTPS://Example.COM/Path "title")')).to.deep.equal([
        p(a('https://example.com/Path', 'x')),
      ]);
      expect(parseMarkdown('[x](<https://example.com/a b>)')).to.deep.equal([
        p(a('https://example.com/a%20b', 'x')),
      ]);
    });

    it('parses formatting inside a link label', () => {
      expect(parseMarkdown('[**b** *i* `c`](https://example.com)')).to.deep.equal([
        p(a('https://example.com/', strong('b'), ' ', em('i'), ' ', code('c'))),
      ]);
      expect(parseMarkdown('*see [here](https://example.com)*')).to.deep.equal([
        p(em('see ', a('https://example.com/', 'here'))),
      ]);
    });

    it('keeps parentheses and underscores in link URLs', () => {
      expect(parseMarkdown('[c](http://x.com/a_(b)_c)')).to.deep.equal([p(a('http://x.com/a_(b)_c', 'c'))]);
    });

    it('parses mailto links', () => {
      expect(parseMarkdown('[mail me](mailto:ada@example.com)')).to.deep.equal([
        p(a('mailto:ada@example.com', 'mail me')),
      ]);
    });

    it('parses angle-bracket autolinks', () => {
      expect(parseMarkdown('<https://example.com/a>')).to.deep.equal([
        p(a('https://example.com/a', 'https://example.com/a')),
      ]);
      expect(parseMarkdown('<ada@example.com>')).to.deep.equal([
        p(a('mailto:ada@example.com', 'ada@example.com')),
      ]);
    });

    it('autolinks bare URLs, www. addresses and emails', () => {
      expect(parseMarkdown('go to https://example.com/x now')).to.deep.equal([
        p('go to ', a('https://example.com/x', 'https://example.com/x'), ' now'),
      ]);
      expect(parseMarkdown('www.example.com')).to.deep.equal([
        p(a('http://www.example.com/', 'www.example.com')),
      ]);
      expect(parseMarkdown('write to ada@example.com')).to.deep.equal([
        p('write to ', a('mailto:ada@example.com', 'ada@example.com')),
      ]);
    });

    it('autolinks a URL with balanced parentheses whole', () => {
      const url = 'https://en.wikipedia.org/wiki/Foo_(bar)';
      expect(parseMarkdown(url)).to.deep.equal([p(a(url, url))]);
      expect(parseMarkdown('(see https://example.com/a)')).to.deep.equal([
        p('(see ', a('https://example.com/a', 'https://example.com/a'), ')'),
      ]);
    });

    it('leaves trailing punctuation out of a bare URL', () => {
      expect(parseMarkdown('see https://a.example/x.')).to.deep.equal([
        p('see ', a('https://a.example/x', 'https://a.example/x'), '.'),
      ]);
      expect(parseMarkdown('https://a.example/x, and www.a.example!')).to.deep.equal([
        p(
          a('https://a.example/x', 'https://a.example/x'),
          ', and ',
          a('http://www.a.example/', 'www.a.example'),
          '!',
        ),
      ]);
      expect(parseMarkdown('"https://a.example/q?a=1&b=2"?')).to.deep.equal([
        p('"', a('https://a.example/q?a=1&b=2', 'https://a.example/q?a=1&b=2'), '"?'),
      ]);
    });

    it('parses reference-style links from their definitions', () => {
      expect(
        parseMarkdown('[r][ref] and [ref] and [Ref][]\n\n[ref]: https://example.com/r "Title"'),
      ).to.deep.equal([
        p(
          a('https://example.com/r', 'r'),
          ' and ',
          a('https://example.com/r', 'ref'),
          ' and ',
          a('https://example.com/r', 'Ref'),
        ),
      ]);
    });

    it('leaves a reference without a definition as text', () => {
      expect(parseMarkdown('[nothing][here] and [alone]')).to.deep.equal([p('[nothing][here] and [alone]')]);
    });

    it('decodes entities in link text and URLs', () => {
      expect(parseMarkdown('[a &amp; b](https://example.com/?a=1&amp;b=2)')).to.deep.equal([
        p(a('https://example.com/?a=1&b=2', 'a & b')),
      ]);
      expect(parseMarkdown('[x](https&#58;//example.com/&#x3A;)')).to.deep.equal([
        p(a('https://example.com/:', 'x')),
      ]);
      expect(parseMarkdown('[x](mailto&colon;ada@example.com)')).to.deep.equal([
        p(a('mailto:ada@example.com', 'x')),
      ]);
    });

    it('trims the URL before checking it', () => {
      expect(parseMarkdown('[x](  https://example.com  )')).to.deep.equal([
        p(a('https://example.com/', 'x')),
      ]);
    });

    for (const [name, source] of [
      ['javascript:', '[x](javascript:alert(1))'],
      ['upper-case JAVASCRIPT:', '[x](JAVASCRIPT:alert(1))'],
      ['javascript: behind an entity', '[x](jav&#x61;script:alert(1))'],
      ['javascript: behind &colon;', '[x](javascript&colon;alert(1))'],
      ['javascript: split by an encoded newline', '[x](java&NewLine;script:alert(1))'],
      ['javascript: split by an encoded tab', '[x](java&#9;script:alert(1))'],
      ['javascript: in angle brackets', '[x](<javascript:alert(1)>)'],
      ['data:', '[x](data:text/html,<b>x</b>)'],
      ['vbscript:', '[x](vbscript:msgbox(1))'],
      ['file:', '[x](file:///etc/passwd)'],
      ['a relative path', '[x](/path)'],
      ['a protocol-relative URL', '[x](//host.example/path)'],
      ['a bare fragment', '[x](#top)'],
      ['an empty URL', '[x]()'],
      ['a scheme with no host', '[x](https://)'],
    ] as const) {
      it(`shows a link to ${name} as its source text`, () => {
        expect(parseMarkdown(source)).to.deep.equal([p(source)]);
      });
    }

    it('shows an unsafe link amid other text as its source text', () => {
      expect(parseMarkdown('before [*x*](javascript:alert(1)) after')).to.deep.equal([
        p('before [*x*](javascript:alert(1)) after'),
      ]);
    });

    it('shows a javascript: autolink as text', () => {
      expect(parseMarkdown('<javascript:alert(1)>')).to.deep.equal([p('<javascript:alert(1)>')]);
    });

    it('shows a reference to an unsafe definition as its source text', () => {
      expect(parseMarkdown('[r][bad]\n\n[bad]: javascript:alert(1)')).to.deep.equal([p('[r][bad]')]);
    });

    it('never nests links: a link inside a label keeps only its text', () => {
      expect(parseMarkdown('[see https://inner.example/x](https://outer.example/)')).to.deep.equal([
        p(a('https://outer.example/', 'see https://inner.example/x')),
      ]);
      expect(parseMarkdown('[mail ada@example.com](https://outer.example/)')).to.deep.equal([
        p(a('https://outer.example/', 'mail ada@example.com')),
      ]);
      // CommonMark: an inner link wins, so the outer brackets stay text.
      const tree = parseMarkdown('[a [b](https://b.example/)](https://a.example/)');
      for (const link of linksOf(tree)) expect(linksOf([p(...link.c)])).to.deep.equal([]);
      expect(textOf((tree[0] as Extract<RichBlock, { t: 'p' }>).c)).to.equal('[a b](https://a.example/)');
    });
  });

  it('labels a link with an empty label with its address, so it has a name', () => {
    expect(parseMarkdown('[](https://x.com)')).to.deep.equal([p(a('https://x.com/', 'https://x.com/'))]);
  });

  describe('images', () => {
    it('turns an image into a link to it, labelled with its alt text', () => {
      expect(parseMarkdown('![a cat](https://img.example/cat.png)')).to.deep.equal([
        p(a('https://img.example/cat.png', 'a cat')),
      ]);
      expect(parseMarkdown('![a &amp; b](https://img.example/ab.png "t")')).to.deep.equal([
        p(a('https://img.example/ab.png', 'a & b')),
      ]);
    });

    it('labels an image without alt text with its URL', () => {
      expect(parseMarkdown('![](https://img.example/cat.png)')).to.deep.equal([
        p(a('https://img.example/cat.png', 'https://img.example/cat.png')),
      ]);
      expect(parseMarkdown('![  ](https://img.example/cat.png)')).to.deep.equal([
        p(a('https://img.example/cat.png', 'https://img.example/cat.png')),
      ]);
    });

    it('parses a reference-style image', () => {
      expect(parseMarkdown('![pic][i]\n\n[i]: https://img.example/p.png')).to.deep.equal([
        p(a('https://img.example/p.png', 'pic')),
      ]);
    });

    it('shows an image with an unsafe URL as its source text', () => {
      expect(parseMarkdown('![x](javascript:alert(1))')).to.deep.equal([p('![x](javascript:alert(1))')]);
      expect(parseMarkdown('![x](data:image/png;base64,AAAA)')).to.deep.equal([
        p('![x](data:image/png;base64,AAAA)'),
      ]);
      expect(parseMarkdown('![x](/local.png)')).to.deep.equal([p('![x](/local.png)')]);
    });

    it('reads the markdown in alt text and labels the link with its plain text', () => {
      expect(parseMarkdown('![a\\*b](https://i.example/p.png)')).to.deep.equal([
        p(a('https://i.example/p.png', 'a*b')),
      ]);
      expect(parseMarkdown('![a *b* `c`](https://i.example/p.png)')).to.deep.equal([
        p(a('https://i.example/p.png', 'a b c')),
      ]);
    });

    it('keeps only the alt text of an image inside a link', () => {
      expect(parseMarkdown('[![badge](https://img.example/b.svg)](https://example.com/)')).to.deep.equal([
        p(a('https://example.com/', 'badge')),
      ]);
    });
  });

  describe('limits', () => {
    it('parses empty and whitespace-only bodies as no blocks', () => {
      expect(parseMarkdown('')).to.deep.equal([]);
      expect(parseMarkdown('   ')).to.deep.equal([]);
      expect(parseMarkdown(' \n\t\n  \n')).to.deep.equal([]);
    });

    it('survives 50 nested quotes, showing what lies past the depth cap as text', () => {
      const tree = parseMarkdown(`${'>'.repeat(50)} deep`);
      const depth = quoteDepth(tree);
      expect(depth).to.be.at.least(3);
      expect(depth).to.be.below(50);
      let inner: RichText = tree;
      for (let level = 0; level < depth; level += 1)
        inner = (inner[0] as Extract<RichBlock, { t: 'quote' }>).c;
      expect(inner).to.have.length(1);
      expect(inner[0]!.t).to.equal('p');
      const text = textOf((inner[0] as Extract<RichBlock, { t: 'p' }>).c);
      expect(text).to.equal(`${'>'.repeat(50 - depth)} deep`);
    });

    it('survives deeply nested lists, keeping their content as text past the cap', () => {
      const source = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
      const tree = parseMarkdown(source);
      const all = JSON.stringify(tree);
      for (let i = 0; i < 30; i += 1) expect(all).to.include(`item ${i}`);
      let depth = 0;
      let blocks: RichBlock[] = tree;
      while (blocks[0]?.t === 'ul') {
        depth += 1;
        blocks = blocks[0].items[0]!.flatMap((block) => (block.t === 'ul' ? [block] : []));
      }
      expect(depth).to.be.at.least(3);
      expect(depth).to.be.below(30);
    });

    it('parses a 10,000-character body', () => {
      const unit = 'Some *words* and https://example.com/a and `code`.\n';
      const source = unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
      expect(source).to.have.length(10_000);
      const tree = parseMarkdown(source);
      expect(tree).to.have.length(1);
      const paragraph = tree[0] as Extract<RichBlock, { t: 'p' }>;
      expect(paragraph.t).to.equal('p');
      expect(paragraph.c.filter((node) => typeof node !== 'string' && node.t === 'em')).to.have.length(
        Math.floor(10_000 / unit.length),
      );
      expect(linksOf(tree).every((link) => link.href === 'https://example.com/a')).to.equal(true);
    });

    it('parses 10,000 characters of unmatched brackets and tags as text', () => {
      for (const source of ['[x'.repeat(5_000), '<a'.repeat(5_000)]) {
        const tree = parseMarkdown(source);
        expect(tree).to.have.length(1);
        const text = textOf((tree[0] as Extract<RichBlock, { t: 'p' }>).c);
        // Compared as a boolean: a failing comparison would print 20,000 characters.
        expect(text === source, `${source.slice(0, 4)}… shows as typed`).to.equal(true);
      }
    });

    it('returns structured-clonable data', () => {
      const tree = parseMarkdown('# T\n\n> *q* [l](https://example.com)\n\n3. x\n\n```\nc\n```\n\n---');
      expect(structuredClone(tree)).to.deep.equal(tree);
    });
  });
});
