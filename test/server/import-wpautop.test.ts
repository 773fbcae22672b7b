import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertWpautop } from '../../server/src/import/readers/wpautop.js';

// Expected outputs follow WordPress's wpautop (wp-includes/formatting.php) as it treats comment
// text, worked through by hand; a trailing newline wpautop leaves is not kept.

describe('convertWpautop', () => {
  it('makes paragraphs of blank-line-separated text and <br /> of single line breaks', () => {
    assert.equal(convertWpautop('Hello\nworld\n\nSecond'), '<p>Hello<br />\nworld</p>\n<p>Second</p>');
    assert.equal(convertWpautop('one\n\n\n\n  \ntwo'), '<p>one</p>\n<p>two</p>');
    assert.equal(convertWpautop('trailing spaces   \nnext'), '<p>trailing spaces<br />\nnext</p>');
  });

  it('reads CR and CRLF line breaks as line breaks', () => {
    assert.equal(convertWpautop('a\r\nb\r\rc'), '<p>a<br />\nb</p>\n<p>c</p>');
  });

  it('gives nothing for blank text, but keeps a no-break space as text', () => {
    assert.equal(convertWpautop(''), '');
    assert.equal(convertWpautop(' \n\t\n '), '');
    assert.equal(convertWpautop('\u00a0'), '<p>\u00a0</p>');
  });

  it('keeps inline HTML and entities inside the paragraph', () => {
    assert.equal(
      convertWpautop(
        '<strong>bold</strong> &amp; <a href="https://e.example/?a=1&amp;b=2">link</a>\n<em>next</em>',
      ),
      '<p><strong>bold</strong> &amp; <a href="https://e.example/?a=1&amp;b=2">link</a><br />\n<em>next</em></p>',
    );
  });

  it('turns two <br> in a row into a paragraph break, and does not double a <br> before a line break', () => {
    assert.equal(convertWpautop('a<br><br>b'), '<p>a</p>\n<p>b</p>');
    assert.equal(convertWpautop('a<br/>\n<br />b'), '<p>a</p>\n<p>b</p>');
    assert.equal(convertWpautop('a<br>\nb'), '<p>a<br />\nb</p>');
    // wpautop's quirk: a space between the <br> and the line break still earns a second one.
    assert.equal(convertWpautop('a<br> \nb'), '<p>a<br /> <br />\nb</p>');
  });

  it('leaves block-level HTML alone and does not wrap it in <p>', () => {
    assert.equal(
      convertWpautop('<ul>\n<li>one</li>\n<li>two</li>\n</ul>'),
      '<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
    );
    assert.equal(convertWpautop('<p>mine</p>\n<p>also mine</p>'), '<p>mine</p>\n<p>also mine</p>');
    assert.equal(
      convertWpautop('before\n<div>inside\nline</div>\nafter'),
      '<p>before</p>\n<div>inside<br />\nline</div>\n<p>after</p>',
    );
    assert.equal(convertWpautop('<h2>Title</h2>text'), '<h2>Title</h2>\n<p>text</p>');
    assert.equal(convertWpautop('<hr>after'), '<hr>\n<p>after</p>');
  });

  it('wraps text inside <blockquote> in paragraphs, as wpautop does', () => {
    assert.equal(
      convertWpautop('<blockquote>You said\ntwo things.\n\nAnd more.</blockquote>\nMy reply.'),
      '<blockquote><p>You said<br />\ntwo things.</p>\n<p>And more.</p></blockquote>\n<p>My reply.</p>',
    );
  });

  it('wraps the text before a closing block tag, but not the text after an opening one', () => {
    // wpautop leaves a stray </p> after "first", which browsers render as an empty paragraph.
    assert.equal(convertWpautop('<div>\nfirst\n\nsecond</div>'), '<div>first\n<p>second</p></div>');
  });

  it('keeps everything from <pre> to </pre> as written, blank lines included', () => {
    assert.equal(
      convertWpautop('Code:\n<pre>if (a < b) {\n\n  go();\n}</pre>\nDone.'),
      '<p>Code:</p>\n<pre>if (a < b) {\n\n  go();\n}</pre>\n<p>Done.</p>',
    );
  });

  it('keeps line breaks inside tags and comments', () => {
    assert.equal(
      convertWpautop('<a href="https://e.example/"\ntitle="t">link</a>\nnext'),
      '<p><a href="https://e.example/"\ntitle="t">link</a><br />\nnext</p>',
    );
    assert.equal(convertWpautop('text <!-- a\n\nb --> more'), '<p>text <!-- a\n\nb --> more</p>');
  });

  it('keeps non-ASCII text as it is', () => {
    assert.equal(
      convertWpautop('Привет!\nمرحبا بالعالم\n\n🎉👩🏽‍💻'),
      '<p>Привет!<br />\nمرحبا بالعالم</p>\n<p>🎉👩🏽‍💻</p>',
    );
  });

  it('takes time linear in the length of hostile text', () => {
    const hostile = [
      ' '.repeat(200_000) + 'x',
      '<pre>'.repeat(50_000),
      '<br>'.repeat(100_000),
      '\n \n'.repeat(50_000) + 'x',
      '<!--'.repeat(50_000),
      '<a '.repeat(50_000),
      '<blockquote>a\n'.repeat(20_000),
    ];
    const startMs = performance.now();
    for (const text of hostile) convertWpautop(text);
    const elapsedMs = performance.now() - startMs;
    // Quadratic work on any of these would take minutes.
    assert.ok(elapsedMs < 5000, `took ${elapsedMs.toFixed(0)} ms`);
  });
});
