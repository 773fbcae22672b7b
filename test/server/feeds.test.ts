import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { toXmlChars } from '../../server/src/feeds/atom.js';
import { toCommentHtml } from '../../server/src/feeds/comment-html.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { lenientDemoSite, makeAuthor, makeNewComment } from './helpers/fixtures.js';
import { bearer, makeGuestToken } from './helpers/identity.js';
import { xssCorpus } from '../helpers/xss-corpus.js';

const atomNs = 'http://www.w3.org/2005/Atom';

interface XmlElement {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses `xml` with a conforming XML parser (saxes); throws on anything not well-formed. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.local ?? tag.name,
      ns: tag.uri ?? '',
      attributes: Object.fromEntries(
        Object.values(
          tag.attributes as Record<
            string,
            SaxesTagPlain['attributes'][string] & { value: string; local: string }
          >,
        ).map((attribute) => [attribute.local, attribute.value]),
      ),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

const child = (element: XmlElement, name: string) => element.children.find((node) => node.name === name);
const childText = (element: XmlElement, name: string) => child(element, name)?.text ?? null;

/** Every element inside an HTML fragment, with its attributes, parsed as XML. */
function htmlElements(html: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (element: XmlElement) => {
    found.push(element);
    element.children.forEach(walk);
  };
  // As the feed holds it: what XML cannot hold replaced (atom.ts).
  parseXml(`<div>${toXmlChars(html)}</div>`).children.forEach(walk);
  return found;
}

const backend = apiBackends[0]!;

describe(`Atom feeds (over ${backend.name})`, () => {
  const api = useApiHarness(backend);
  const thread = '/posts/feed';
  const feedUrl = `/api/v1/threads/${encodeURIComponent(thread)}/feed.atom`;

  async function post(body: string, options: { thread?: string; authorName?: string } = {}) {
    const client = makeClient(api.app);
    const token = makeGuestToken();
    const comment = await client.postOk(
      options.thread ?? thread,
      makeNewComment({ body, authorName: options.authorName ?? 'Ada' }),
      bearer(token),
    );
    return { comment, token, client };
  }

  async function readFeed(url: string, headers: Record<string, string> = {}) {
    const response = await api.app.request(url, { headers });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    const xml =
      response.headers.get('content-encoding') === 'br'
        ? brotliDecompressSync(bytes).toString()
        : bytes.toString();
    const feed = parseXml(xml);
    assert.deepEqual([feed.name, feed.ns], ['feed', atomNs]);
    return { feed, response, entries: feed.children.filter((element) => element.name === 'entry') };
  }

  it("lists a thread's latest published comments, newest first, with safe HTML and links to them", async () => {
    const first = await post('Hello *world*, see https://example.org');
    api.clockMs += 1000;
    const second = await post('Second, with <b>tags</b> typed', { authorName: 'Grace' });
    await post('Elsewhere', { thread: '/posts/other' });

    const { feed, entries } = await readFeed(feedUrl);
    assert.equal(childText(feed, 'title'), `Comments on ${thread}`);
    assert.equal(childText(feed, 'updated'), second.comment.updatedAt);
    const self = feed.children.find(
      (element) => element.name === 'link' && element.attributes.rel === 'self',
    );
    assert.equal(self?.attributes.href, `http://localhost${feedUrl}`);
    assert.deepEqual(
      entries.map((entry) => [childText(entry, 'id'), childText(child(entry, 'author')!, 'name')]),
      [
        [`urn:uuid:${second.comment.id}`, 'Grace'],
        [`urn:uuid:${first.comment.id}`, 'Ada'],
      ],
    );
    const [newest, oldest] = entries;
    assert.equal(childText(newest!, 'published'), second.comment.createdAt);
    // The demo site's first origin is a :* pattern: no page to link to without threadUrl.
    assert.equal(child(newest!, 'link'), undefined);
    const content = child(oldest!, 'content')!;
    assert.equal(content.attributes.type, 'html');
    assert.equal(content.text, toCommentHtml(parseMarkdown(first.comment.body)));
    assert.match(content.text, /<em>world<\/em>/);
    assert.equal(child(newest!, 'content')!.text, '<p>Second, with &lt;b&gt;tags&lt;/b&gt; typed</p>');
  });

  it('leaves out held and deleted comments', async () => {
    const kept = await post('Kept');
    const gone = await post('Gone');
    assert.equal((await gone.client.delete(thread, gone.comment.id, bearer(gone.token))).status, 200);
    const holding = makeClient(api.makeApp({ sites: [{ ...lenientDemoSite, moderation: 'all' }] }));
    const held = await holding.postOk(thread, makeNewComment({ body: 'Held' }), bearer(makeGuestToken()));
    assert.equal(held.status, 'held');

    const { entries } = await readFeed(feedUrl);
    assert.deepEqual(
      entries.map((entry) => childText(entry, 'id')),
      [`urn:uuid:${kept.comment.id}`],
    );
  });

  it('answers 304 to its ETag until a comment changes, in every coding', async () => {
    await post('One');
    const { response } = await readFeed(feedUrl, { 'Accept-Encoding': 'br' });
    assert.equal(response.headers.get('content-encoding'), null, 'a small feed is not compressed');
    const etag = response.headers.get('etag')!;
    assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/);
    const again = await api.app.request(feedUrl, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);

    for (let index = 0; index < 20; index += 1) await post(`Comment ${index} ${'words '.repeat(40)}`);
    const big = await readFeed(feedUrl, { 'Accept-Encoding': 'br' });
    assert.equal(big.response.headers.get('content-encoding'), 'br');
    assert.equal(big.entries.length, 21);
    const brTag = big.response.headers.get('etag')!;
    assert.notEqual(brTag, etag);
    const cached = await api.app.request(feedUrl, {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': brTag },
    });
    assert.equal(cached.status, 304);
  });

  it("lists the site's latest comments across threads, and another site's by ?site=", async () => {
    const blogSite = SiteConfigSchema.parse({
      id: 'blog',
      origins: ['https://blog.example.org'],
      threadUrl: 'https://blog.example.org/read{thread}',
      proofOfWork: { enabled: false },
      limits: lenientDemoSite.limits,
    });
    api.app = api.makeApp({ sites: [lenientDemoSite, blogSite] });
    await post('On the demo site');
    const blogClient = makeClient(api.app);
    const onBlog = await blogClient.postOk('/posts/a', makeNewComment({ body: 'On the blog' }), {
      ...bearer(makeGuestToken()),
      Origin: 'https://blog.example.org',
    });

    const demo = await readFeed('/api/v1/feed.atom');
    assert.deepEqual(
      demo.entries.map((entry) => child(entry, 'content')?.text),
      ['<p>On the demo site</p>'],
    );
    const blog = await readFeed('/api/v1/feed.atom?site=blog');
    assert.deepEqual(
      blog.entries.map((entry) => child(entry, 'link')?.attributes.href),
      [`https://blog.example.org/read/posts/a#comment-${onBlog.id}`],
    );
    const blogThread = await readFeed(
      `/api/v1/threads/${encodeURIComponent('/posts/a')}/feed.atom?site=blog`,
    );
    assert.equal(
      blogThread.feed.children.find(
        (element) => element.name === 'link' && element.attributes.rel === 'alternate',
      )?.attributes.href,
      'https://blog.example.org/read/posts/a',
    );
    const unknown = await api.app.request('/api/v1/feed.atom?site=nope');
    assert.equal(unknown.status, 404);
    assert.deepEqual(
      ((await unknown.json()) as { error: { code: string; field: string } }).error.code,
      'not_found',
    );
    const badThread = await api.app.request('/api/v1/threads/%E0%A4%A/feed.atom');
    assert.equal(badThread.status, 400);
  });

  it('renders every XSS vector as text or safe links, and the whole feed stays well-formed XML', async () => {
    // The elements the HTML can hold: those a tree of every node kind gives.
    const everyKind = parseMarkdown(
      '*a* **b** ~~c~~ `d` [e](https://e.example)  \nf\n\n> g\n\n- h\n\n3. i\n\n---\n\n    j',
    );
    const bodyTags = new Set(htmlElements(toCommentHtml(everyKind)).map((element) => element.name));
    assert.equal(bodyTags.size, 13, [...bodyTags].join(' '));
    for (const vector of xssCorpus) {
      const html = toCommentHtml(parseMarkdown(vector.payload));
      for (const element of htmlElements(html)) {
        assert.ok(bodyTags.has(element.name), `${vector.id}: <${element.name}>`);
        const allowed = element.name === 'a' ? ['href', 'rel'] : element.name === 'ol' ? ['start'] : [];
        for (const name of Object.keys(element.attributes))
          assert.ok(allowed.includes(name), `${vector.id}: ${name}`);
        if (element.name === 'a')
          assert.match(element.attributes.href!, /^(https?:\/\/|mailto:)/i, vector.id);
      }
    }
    // Names and bodies with characters XML cannot hold (the API refuses some; an import may not)
    // still make a well-formed feed.
    await api.store.insertComment({
      site: lenientDemoSite.id,
      thread,
      input: makeNewComment({ body: 'Bell \u0007 and a lone \ud800 surrogate', authorName: 'Ctrl \u0001' }),
      author: makeAuthor(),
      status: 'published',
      nowMs: api.clockMs,
    });
    const { entries } = await readFeed(feedUrl);
    assert.equal(entries.length, 1);
  });
});
