import { expect } from '@open-wc/testing';
import { buildCommentsUrl, normalizeEndpoint } from '../../src/sync/api-urls.js';

const page = 'https://blog.example/posts/hello.html?ref=feed#comments';

describe('normalizeEndpoint', () => {
  it('adds a trailing slash', () => {
    expect(normalizeEndpoint('https://x.org', page)).to.equal('https://x.org/');
    expect(normalizeEndpoint('https://x.org/comments', page)).to.equal('https://x.org/comments/');
  });

  it('keeps a path prefix that already ends in a slash', () => {
    expect(normalizeEndpoint('https://x.org/comments/', page)).to.equal('https://x.org/comments/');
    expect(normalizeEndpoint('https://x.org/a/b/', page)).to.equal('https://x.org/a/b/');
  });

  it('drops the query and hash', () => {
    expect(normalizeEndpoint('https://x.org/comments?key=1#top', page)).to.equal('https://x.org/comments/');
    expect(normalizeEndpoint('https://x.org/?key=1', page)).to.equal('https://x.org/');
  });

  it('resolves relative endpoints against the base', () => {
    expect(normalizeEndpoint('/hearth', page)).to.equal('https://blog.example/hearth/');
    expect(normalizeEndpoint('hearth/', page)).to.equal('https://blog.example/posts/hearth/');
    expect(normalizeEndpoint('//cdn.example/c', page)).to.equal('https://cdn.example/c/');
  });

  it('throws on an endpoint that is not a URL', () => {
    expect(() => normalizeEndpoint('http://', page)).to.throw(TypeError);
  });
});

describe('buildCommentsUrl', () => {
  it('puts the thread in one encoded path segment under the endpoint', () => {
    expect(buildCommentsUrl('https://x.org/comments/', '/posts/a b?c')).to.equal(
      'https://x.org/comments/api/v1/threads/%2Fposts%2Fa%20b%3Fc/comments',
    );
  });

  it('encodes every character that would break out of the segment', () => {
    const url = new URL(buildCommentsUrl('https://x.org/', 'a#b&c=d%e/f\\g'));
    expect(url.pathname).to.equal('/api/v1/threads/a%23b%26c%3Dd%25e%2Ff%5Cg/comments');
    expect(url.search).to.equal('');
    expect(url.hash).to.equal('');
    expect(decodeURIComponent(url.pathname.split('/')[4]!)).to.equal('a#b&c=d%e/f\\g');
  });

  it('encodes non-ASCII thread keys as UTF-8', () => {
    expect(buildCommentsUrl('https://x.org/', '/blog/über')).to.equal(
      'https://x.org/api/v1/threads/%2Fblog%2F%C3%BCber/comments',
    );
  });

  it('adds since only when a cursor is given', () => {
    expect(buildCommentsUrl('https://x.org/', '/p')).to.equal('https://x.org/api/v1/threads/%2Fp/comments');
    expect(buildCommentsUrl('https://x.org/', '/p', null)).to.equal(
      'https://x.org/api/v1/threads/%2Fp/comments',
    );
    expect(buildCommentsUrl('https://x.org/', '/p', '42')).to.equal(
      'https://x.org/api/v1/threads/%2Fp/comments?since=42',
    );
  });

  it('adds limit only when given, after since', () => {
    expect(buildCommentsUrl('https://x.org/', '/p', null, 1000)).to.equal(
      'https://x.org/api/v1/threads/%2Fp/comments?limit=1000',
    );
    expect(buildCommentsUrl('https://x.org/', '/p', '42', 5)).to.equal(
      'https://x.org/api/v1/threads/%2Fp/comments?since=42&limit=5',
    );
  });

  it('encodes the cursor as a query value', () => {
    const url = new URL(buildCommentsUrl('https://x.org/', '/p', 'a b&c=d'));
    expect(url.searchParams.get('since')).to.equal('a b&c=d');
    expect([...url.searchParams.keys()]).to.deep.equal(['since']);
  });
});
