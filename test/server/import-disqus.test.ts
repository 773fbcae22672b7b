import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImportSyntaxError, type ImportComment } from '../../server/src/import/import-item.js';
import { looksLikeDisqus, readDisqus } from '../../server/src/import/readers/disqus.js';
import { writeDisqusFixture } from './helpers/disqus-generator.js';
import { makeTempDir } from './helpers/fixtures.js';
import { collectItems, importFixturePath, positionOf, readImportFixture } from './helpers/import-items.js';

const fixture = readImportFixture('disqus.xml');
const at = (needle: string) => positionOf(fixture, needle);

/** A published comment of the fixture with the fields most of its comments share. */
function comment(
  fields: Partial<ImportComment> & Pick<ImportComment, 'sourceId' | 'threadRef'>,
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
    position: at(`<post dsq:id="${fields.sourceId}"`),
    ...fields,
  };
}

describe('readDisqus', () => {
  it('yields threads, comments and problems in file order, as the export states them', async () => {
    const items = await collectItems(readDisqus(importFixturePath('disqus.xml')));
    assert.deepEqual(items, [
      {
        type: 'thread',
        ref: '2001',
        url: 'https://blog.example.org/posts/hello-world/',
        locked: false,
        position: at('<thread dsq:id="2001">'),
      },
      {
        type: 'thread',
        ref: '2002',
        url: 'https://blog.example.org/ru/?p=42&lang=ru',
        locked: true,
        position: at('<thread dsq:id="2002">'),
      },
      comment({
        sourceId: '5001',
        threadRef: '2001',
        authorName: 'Alice',
        email: 'Alice.Reader@Example.ORG',
        body: {
          format: 'html',
          text:
            '<p>First! <b>Bold</b> &amp; <a href="https://example.com/?a=1&amp;b=2">a link</a></p>' +
            '<p>Second paragraph &lt;3</p>',
        },
        createdAtMs: Date.UTC(2021, 2, 4, 5, 6, 7),
      }),
      // A reply to 5002, which the file only gives next.
      comment({
        sourceId: '5003',
        threadRef: '2001',
        parentSourceId: '5002',
        authorName: 'Carol',
        email: 'carol@example.net',
        body: { format: 'html', text: '<p>A reply to a reply, written before its parent in the file.</p>' },
        createdAtMs: Date.UTC(2021, 2, 4, 7, 0, 0),
      }),
      // Escaped text rather than CDATA; no name, so the username; an offset and milliseconds.
      comment({
        sourceId: '5002',
        threadRef: '2001',
        parentSourceId: '5001',
        authorName: 'bob_the_builder',
        body: { format: 'html', text: '<p>Escaped, not CDATA: Tom &amp; Jerry &lt;3</p>' },
        createdAtMs: Date.UTC(2021, 2, 4, 4, 0, 0, 250),
      }),
      comment({
        sourceId: '5004',
        threadRef: '2001',
        parentSourceId: '5001',
        authorName: 'Dave',
        email: 'dave@example.com',
        createdAtMs: Date.UTC(2021, 2, 5),
        state: 'deleted',
      }),
      comment({
        sourceId: '5005',
        threadRef: '2001',
        authorName: 'Spammer',
        email: 'spam@spam.example',
        body: { format: 'html', text: '<p>Cheap pills <a href="http://spam.example/">here</a></p>' },
        createdAtMs: Date.UTC(2021, 2, 5, 1),
        state: 'spam',
      }),
      comment({
        sourceId: '5006',
        threadRef: '2002',
        authorName: 'Иван Петров',
        email: 'ivan@example.ru',
        body: { format: 'html', text: '<p>Привет из Москвы! مرحبا بالعالم 🎉👩🏽‍💻</p>' },
        createdAtMs: Date.UTC(2021, 2, 6, 10),
      }),
      {
        type: 'problem',
        message: 'post "5007": createdAt "last Tuesday" is not a date',
        position: at('<post dsq:id="5007"'),
      },
      {
        type: 'problem',
        message: 'post "5008": it names no thread (<thread dsq:id="…"/>)',
        position: at('<post dsq:id="5008"'),
      },
      // CDATA split around "]]>", raw < and > inside it, entities left for the HTML converter;
      // anonymous and nameless; a time without a zone is UTC; its thread comes after it.
      comment({
        sourceId: '5009',
        threadRef: '2003',
        body: {
          format: 'html',
          text:
            '<pre><code>if (a < b && c > d) { x = "]]>"; }</code></pre>' +
            '<p>&nbsp;&lt;script&gt;alert(1)&lt;/script&gt;</p>',
        },
        createdAtMs: Date.UTC(2012, 11, 12, 12, 12, 12),
      }),
      {
        type: 'thread',
        ref: '2003',
        url: 'https://blog.example.org/posts/late/#comments',
        locked: false,
        position: at('<thread dsq:id="2003">'),
      },
    ]);
  });

  it('passes on no IP address', async () => {
    const ips = [...fixture.matchAll(/<ipAddress>([^<]+)<\/ipAddress>/g)].map((match) => match[1]);
    assert.ok(ips.length >= 10);
    const text = JSON.stringify(await collectItems(readDisqus(importFixturePath('disqus.xml'))));
    for (const ip of ips) assert.ok(!text.includes(ip), `${ip} leaked`);
  });

  it('stops at XML that is not well-formed, with the line and column', async () => {
    await assert.rejects(
      collectItems(readDisqus(importFixturePath('disqus-not-well-formed.xml'))),
      (error) => {
        assert.ok(error instanceof ImportSyntaxError);
        // `</mesage>` closing <message>: saxes sees the mismatch at its `>`.
        assert.deepEqual(error.position, { line: 13, column: 48 });
        assert.match(error.message, /^line 13, column 48: unexpected close tag/);
        return true;
      },
    );
  });

  describe('with files written by the test', () => {
    let dir = '';
    let remove = async () => {};
    before(async () => ({ dir, remove } = await makeTempDir('hearth-disqus-')));
    after(() => remove());

    async function readText(name: string, text: string) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return collectItems(readDisqus(file));
    }

    it('reports a stray "&" where it stands, not at the next ";"', async () => {
      const text =
        '<disqus xmlns:dsq="http://disqus.com/disqus-internals">\n' +
        '  <thread dsq:id="1"><link>https://blog.example.org/?a=1&b=2</link></thread>\n' +
        '  <post dsq:id="2"><message><![CDATA[a; b; & c;]]></message></post>\n' +
        '</disqus>\n';
      await assert.rejects(readText('ampersand.xml', text), (error) => {
        assert.ok(error instanceof ImportSyntaxError);
        assert.deepEqual(error.position, positionOf(text, '&b=2'));
        return true;
      });
    });

    it('stops at a file that ends inside a record', async () => {
      const text = '<disqus xmlns:dsq="http://disqus.com/disqus-internals">\n  <post dsq:id="1">\n';
      await assert.rejects(readText('truncated.xml', text), (error) => {
        assert.ok(error instanceof ImportSyntaxError);
        assert.equal(error.position.line, 3);
        assert.match(error.message, /unclosed tag: post/);
        return true;
      });
    });

    it('refuses a well-formed file of another format', async () => {
      await assert.rejects(
        readText('rss.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n'),
        {
          name: 'ImportSyntaxError',
          message: 'line 2, column 1: not a Disqus export: the root element is <rss>, not <disqus>',
        },
      );
    });

    it('reads 100,000 posts with flat memory', async () => {
      const file = path.join(dir, 'large.xml');
      const written = await writeDisqusFixture(file, { threads: 1000, postsPerThread: 100 });
      assert.equal(written.posts, 100_000);
      assert.ok(written.bytes > 60_000_000, `only ${written.bytes} bytes`);
      const baselineRss = process.memoryUsage().rss;
      let peakRss = baselineRss;
      const counts = { thread: 0, comment: 0, reply: 0, locked: 0, other: 0 };
      let lastCommentId = '';
      for await (const item of readDisqus(file)) {
        if (item.type === 'thread') {
          counts.thread += 1;
          if (item.locked) counts.locked += 1;
        } else if (item.type === 'comment') {
          counts.comment += 1;
          if (item.parentSourceId !== null) counts.reply += 1;
          lastCommentId = item.sourceId;
        } else {
          counts.other += 1;
        }
        if ((counts.thread + counts.comment) % 1000 === 0)
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      assert.deepEqual(counts, {
        thread: 1000,
        comment: 100_000,
        reply: written.replies,
        locked: 100,
        other: 0,
      });
      assert.equal(lastCommentId, '100000');
      const growthMb = (peakRss - baselineRss) / 1024 / 1024;
      // Holding the file's text alone would take more than its 60 MB, as a two-byte string.
      assert.ok(growthMb < 100, `RSS grew by ${growthMb.toFixed(1)} MB`);
    });
  });
});

describe('looksLikeDisqus', () => {
  it('knows a Disqus export by its <disqus> root, past a declaration, BOM and comments', () => {
    assert.equal(looksLikeDisqus(fixture.slice(0, 65_536)), true);
    assert.equal(looksLikeDisqus('\ufeff<?xml version="1.0"?>\n<!-- export -->\n<disqus>'), true);
  });

  it('says no to WXR, RSS, JSON and text', () => {
    assert.equal(looksLikeDisqus(readImportFixture('wordpress-1.2.xml')), false);
    assert.equal(looksLikeDisqus('<?xml version="1.0"?><rss version="2.0"><channel>'), false);
    assert.equal(looksLikeDisqus('{"disqus": true}'), false);
    assert.equal(looksLikeDisqus('disqus export'), false);
    assert.equal(looksLikeDisqus('<disqusexport>'), false);
  });
});
