import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ImportSyntaxError,
  type ImportComment,
  type SourcePosition,
} from '../../server/src/import/import-item.js';
import { looksLikeWordPress, readWordPress } from '../../server/src/import/readers/wordpress.js';
import { makeTempDir } from './helpers/fixtures.js';
import {
  collectItems,
  importFixturePath,
  nthIndex,
  positionAtIndex,
  positionOf,
  readImportFixture,
} from './helpers/import-items.js';

const wxr12 = readImportFixture('wordpress-1.2.xml');
const wxr10 = readImportFixture('wordpress-1.0.xml');

/** Where the <wp:comment> holding the `occurrence`-th `<wp:comment_id>id</wp:comment_id>` starts. */
function commentAt(text: string, id: string, occurrence = 0): SourcePosition {
  const idAt = nthIndex(text, `<wp:comment_id>${id}</wp:comment_id>`, occurrence);
  return positionAtIndex(text, text.lastIndexOf('<wp:comment>', idAt));
}

function comment(
  text: string,
  fields: Partial<ImportComment> & Pick<ImportComment, 'sourceId' | 'threadRef'>,
  occurrence = 0,
): ImportComment {
  return {
    type: 'comment',
    parentSourceId: null,
    authorName: '',
    email: null,
    body: { format: 'html', text: '' },
    createdAtMs: 0,
    editedAtMs: null,
    state: 'published',
    pinned: false,
    votes: null,
    position: commentAt(text, fields.sourceId, occurrence),
    ...fields,
  };
}

describe('readWordPress', () => {
  it('reads WXR 1.2: posts and pages as threads, comments made HTML as wpautop shows them', async () => {
    const items = await collectItems(readWordPress(importFixturePath('wordpress-1.2.xml')));
    const c = (fields: Parameters<typeof comment>[1], occurrence = 0) => comment(wxr12, fields, occurrence);
    assert.deepEqual(items, [
      {
        type: 'thread',
        ref: '4',
        url: 'http://blog.example.org/?p=4',
        locked: false,
        position: positionOf(wxr12, '<item>', 0),
      },
      c({
        sourceId: '1',
        threadRef: '4',
        authorName: 'Alice',
        email: 'Alice.Reader@Example.ORG',
        body: {
          format: 'html',
          text:
            '<p>First line<br />\nsecond line</p>\n' +
            '<p>New paragraph with <strong>bold</strong> &amp; <a href="https://example.com/?a=1&amp;b=2">a link</a> &lt;3</p>',
        },
        createdAtMs: Date.UTC(2021, 2, 4, 5, 6, 7),
      }),
      // A reply to comment 2, which the file only gives next.
      c({
        sourceId: '3',
        threadRef: '4',
        parentSourceId: '2',
        authorName: 'Carol',
        email: 'carol@example.net',
        body: { format: 'html', text: '<p>A reply to a reply, before its parent in the file.</p>' },
        createdAtMs: Date.UTC(2021, 2, 4, 7),
      }),
      c({
        sourceId: '2',
        threadRef: '4',
        parentSourceId: '1',
        authorName: 'Bob',
        body: {
          format: 'html',
          text:
            '<blockquote><p>You said<br />\ntwo things.</p>\n<p>And more.</p></blockquote>\n' +
            '<p>Held for moderation: my first comment here.</p>',
        },
        createdAtMs: Date.UTC(2021, 2, 4, 6),
        state: 'held',
      }),
      c({
        sourceId: '4',
        threadRef: '4',
        parentSourceId: '1',
        authorName: 'Dave',
        email: 'dave@example.com',
        body: { format: 'html', text: '<p>I regret this.</p>' },
        createdAtMs: Date.UTC(2021, 2, 5),
        state: 'deleted',
      }),
      c({
        sourceId: '5',
        threadRef: '4',
        authorName: 'Cheap Pills',
        email: 'spam@spam.example',
        body: { format: 'html', text: '<p>Buy <a href="http://spam.example/">here</a></p>' },
        createdAtMs: Date.UTC(2021, 2, 5, 1),
        state: 'spam',
      }),
      { type: 'skipped', reason: 'pingback', position: commentAt(wxr12, '6') },
      { type: 'skipped', reason: 'trackback', position: commentAt(wxr12, '7') },
      // comment_date_gmt is the zero date: comment_date, the site's local time, taken as UTC.
      c({
        sourceId: '8',
        threadRef: '4',
        authorName: 'Иван Петров',
        email: 'ivan@example.ru',
        body: { format: 'html', text: '<p>Привет из Москвы!<br />\nمرحبا بالعالم 🎉👩🏽‍💻</p>' },
        createdAtMs: Date.UTC(2021, 2, 6, 13),
      }),
      {
        type: 'problem',
        message: 'comment "9": comment_date_gmt "2021-02-30 10:00:00" is not a date',
        position: commentAt(wxr12, '9'),
      },
      { type: 'skipped', reason: 'type:webmention', position: commentAt(wxr12, '10') },
      // <pre> kept whole, blank line included; CDATA split around "]]>".
      c({
        sourceId: '11',
        threadRef: '4',
        parentSourceId: '1',
        authorName: 'Grace',
        email: 'grace@example.com',
        body: {
          format: 'html',
          text:
            '<p>Code:</p>\n<pre>if (a < b) {\n\n  x = "]]>";\n}</pre>\n' +
            '<p>The post was trashed, so this went with it.</p>',
        },
        createdAtMs: Date.UTC(2021, 2, 8, 9),
        state: 'deleted',
      }),
      // A page closed to comments; its comment id repeats one of the first post's.
      {
        type: 'thread',
        ref: '2',
        url: 'https://blog.example.org/about/',
        locked: true,
        position: positionOf(wxr12, '<item>', 1),
      },
      c(
        {
          sourceId: '1',
          threadRef: '2',
          authorName: 'Tom & Jerry',
          email: 'tj@example.com',
          body: { format: 'html', text: '<p>Same comment id as on the first post: ids are per post.</p>' },
          createdAtMs: Date.UTC(2021, 2, 2, 11),
        },
        1,
      ),
      // Without comments: the closed post yields its lock; the open post, the attachment and the
      // menu item nothing.
      {
        type: 'thread',
        ref: '12',
        url: 'http://blog.example.org/?p=12',
        locked: true,
        position: positionOf(wxr12, '<item>', 3),
      },
    ]);
  });

  it('reads WXR 1.0: escaped text as well as CDATA, and reports an item with no post id', async () => {
    const items = await collectItems(readWordPress(importFixturePath('wordpress-1.0.xml')));
    const c = (fields: Parameters<typeof comment>[1]) => comment(wxr10, fields);
    assert.deepEqual(items, [
      {
        type: 'thread',
        ref: '7',
        url: 'https://old.example.org/2009/05/hello/',
        locked: false,
        position: positionOf(wxr10, '<item>', 0),
      },
      c({
        sourceId: '20',
        threadRef: '7',
        parentSourceId: '21',
        authorName: "Seán O'Brien",
        email: 'SEAN@EXAMPLE.IE',
        body: {
          format: 'html',
          text:
            '<p>Replying before my parent appears.</p>\n' +
            '<p><em>Escaped</em> text, not CDATA: 5 &lt; 6 &amp; <a href="https://example.com/?x=1&amp;y=2">a link</a></p>',
        },
        createdAtMs: Date.UTC(2009, 4, 2, 8),
      }),
      c({
        sourceId: '21',
        threadRef: '7',
        authorName: 'ليلى',
        email: 'layla@example.com',
        body: { format: 'html', text: '<p>مرحبا! Привет! 👋<br />\nLine two.</p>' },
        createdAtMs: Date.UTC(2009, 4, 2, 7),
      }),
      {
        type: 'problem',
        message: 'comment "22": comment_approved "maybe" is not 1, 0, spam or trash',
        position: commentAt(wxr10, '22'),
      },
      c({
        sourceId: '23',
        threadRef: '7',
        authorName: 'Spammer',
        email: 'spam@spam.example',
        body: { format: 'html', text: '<p>Spam, spam, spam.</p>' },
        createdAtMs: Date.UTC(2009, 4, 3, 8),
        state: 'spam',
      }),
      c({
        sourceId: '24',
        threadRef: '7',
        parentSourceId: '21',
        authorName: 'Trent',
        body: { format: 'html', text: '<p>Trashed.</p>' },
        createdAtMs: Date.UTC(2009, 4, 4, 7),
        state: 'deleted',
      }),
      {
        type: 'problem',
        message: 'an item without a wp:post_id: its 1 comment(s) cannot be placed',
        position: positionOf(wxr10, '<item>', 1),
      },
      {
        type: 'thread',
        ref: '8',
        url: 'https://old.example.org/?p=8',
        locked: false,
        position: positionOf(wxr10, '<item>', 2),
      },
      c({
        sourceId: '40',
        threadRef: '8',
        authorName: 'Held Harry',
        email: 'harry@example.com',
        body: { format: 'html', text: '<p>Waiting for approval.</p>' },
        createdAtMs: Date.UTC(2009, 4, 6, 18, 30),
        state: 'held',
      }),
    ]);
  });

  it('passes on no IP address', async () => {
    for (const [name, text] of [
      ['wordpress-1.2.xml', wxr12],
      ['wordpress-1.0.xml', wxr10],
    ]) {
      const ips = [...text.matchAll(/<wp:comment_author_IP>(?:<!\[CDATA\[)?([^<\]]+)/g)].map(
        (match) => match[1],
      );
      assert.ok(ips.length >= 5);
      const items = JSON.stringify(await collectItems(readWordPress(importFixturePath(name))));
      for (const ip of ips) assert.ok(!items.includes(ip), `${ip} leaked from ${name}`);
    }
  });

  it('stops at XML that is not well-formed, at the stray "&"', async () => {
    await assert.rejects(
      collectItems(readWordPress(importFixturePath('wordpress-not-well-formed.xml'))),
      (error) => {
        assert.ok(error instanceof ImportSyntaxError);
        // `<wp:comment_author>Tom & Jerry</wp:comment_author>`, indented by three tabs.
        assert.deepEqual(error.position, { line: 9, column: 27 });
        return true;
      },
    );
  });

  describe('with files written by the test', () => {
    let dir = '';
    let remove = async () => {};
    before(async () => ({ dir, remove } = await makeTempDir('hearth-wxr-')));
    after(() => remove());

    async function readText(name: string, text: string) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return collectItems(readWordPress(file));
    }

    it('refuses RSS without a WXR namespace, and other roots', async () => {
      await assert.rejects(readText('feed.xml', '<rss version="2.0"><channel><item/></channel></rss>'), {
        name: 'ImportSyntaxError',
        message: /not a WordPress export: <rss> declares no/,
      });
      await assert.rejects(readText('disqus.xml', readImportFixture('disqus.xml')), {
        name: 'ImportSyntaxError',
        message: /not a WordPress export: the root element is <disqus>/,
      });
    });

    it('reads CRLF line breaks, and a comment with only the fields it needs', async () => {
      const text = [
        '<rss xmlns:wp="http://wordpress.org/export/1.1/"><channel><item>',
        '<link>http://blog.example.org/?p=1</link><wp:post_id>1</wp:post_id>',
        '<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_date_gmt>2020-01-02 03:04:05</wp:comment_date_gmt>',
        '<wp:comment_content>one\r\ntwo\r\n\r\nthree</wp:comment_content><wp:comment_approved>1</wp:comment_approved>',
        '</wp:comment></item></channel></rss>',
      ].join('\r\n');
      const items = await readText('crlf.xml', text);
      assert.equal(items.length, 2);
      const [, item] = items;
      assert.equal(item.type, 'comment');
      assert.equal(item.type === 'comment' && item.body.text, '<p>one<br />\ntwo</p>\n<p>three</p>');
      assert.equal(item.type === 'comment' && item.createdAtMs, Date.UTC(2020, 0, 2, 3, 4, 5));
      assert.deepEqual(item.position, { line: 3, column: 1 });
    });
  });
});

describe('looksLikeWordPress', () => {
  it('knows WXR 1.0 to 1.2 by <rss> declaring a wordpress.org/export namespace', () => {
    assert.equal(looksLikeWordPress(wxr12.slice(0, 65_536)), true);
    assert.equal(looksLikeWordPress(wxr10), true);
    assert.equal(looksLikeWordPress("<rss xmlns:wp='http://wordpress.org/export/1.1/'>"), true);
  });

  it('says no to plain RSS, Disqus and a WXR namespace that is not declared on <rss>', () => {
    assert.equal(looksLikeWordPress('<?xml version="1.0"?><rss version="2.0"><channel>'), false);
    assert.equal(looksLikeWordPress(readImportFixture('disqus.xml')), false);
    assert.equal(looksLikeWordPress('<feed>http://wordpress.org/export/1.2/</feed>'), false);
  });
});
