import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveCommentId, deriveVoterKey, uuidV5 } from '../../server/src/import/import-ids.js';
import { parseKeyMapping, toThreadKey } from '../../server/src/import/thread-key-map.js';

describe('thread keys of imported pages', () => {
  const key = (url: string | null, maps: string[] = []) => toThreadKey({ url }, maps.map(parseKeyMapping));

  it('keeps the path and query of a URL or a path, never the fragment or the host', () => {
    assert.deepEqual(key('https://blog.example.org/posts/x/'), { kind: 'key', key: '/posts/x/' });
    assert.deepEqual(key('http://example.tld/?p=4'), { kind: 'key', key: '/?p=4' });
    assert.deepEqual(key('https://blog.example.org/posts/x/#comment-12'), { kind: 'key', key: '/posts/x/' });
    assert.deepEqual(key('/posts/y/?lang=de#top'), { kind: 'key', key: '/posts/y/?lang=de' });
    assert.deepEqual(key('https://example.org'), { kind: 'key', key: '/' });
    // Non-ASCII paths are percent-encoded, as the browser's location.pathname has them.
    assert.deepEqual(key('https://example.org/статья/'), {
      kind: 'key',
      key: '/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F/',
    });
  });

  it('rewrites the first matching prefix', () => {
    assert.deepEqual(key('https://old.example.org/blog/2019/x/', ['/blog/=/posts/', '/blog/2019/=/never/']), {
      kind: 'key',
      key: '/posts/2019/x/',
    });
    assert.deepEqual(key('/about/', ['/blog/=/posts/']), { kind: 'key', key: '/about/' });
  });

  it('refuses a page without an address or with one that is not http(s)', () => {
    assert.deepEqual(key(null), { kind: 'refused', reason: 'thread without an address' });
    assert.deepEqual(key('  '), { kind: 'refused', reason: 'thread without an address' });
    assert.deepEqual(key('javascript:alert(1)'), { kind: 'refused', reason: 'thread address is not a URL' });
    assert.deepEqual(key('/x', ['/x=']), { kind: 'refused', reason: 'thread key not allowed' });
  });

  it('uses an exact key as it is, maps included', () => {
    assert.deepEqual(toThreadKey({ url: null, key: 'article-42' }, []), { kind: 'key', key: 'article-42' });
    assert.deepEqual(toThreadKey({ url: null, key: 'old-7' }, [parseKeyMapping('old-=new-')]), {
      kind: 'key',
      key: 'new-7',
    });
  });

  it('reads --map as FROM=TO, split at the first =, and refuses anything else', () => {
    assert.deepEqual(parseKeyMapping('/?p==/posts/'), { from: '/?p', to: '=/posts/' });
    assert.throws(() => parseKeyMapping('/blog/'), /--map must be FROM=TO/);
    assert.throws(() => parseKeyMapping('=/x/'), /--map must be FROM=TO/);
  });
});

describe('ids of imported comments', () => {
  it('makes RFC 9562 version 5 UUIDs (the RFC’s own example)', () => {
    const dnsNamespace = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
    assert.equal(uuidV5('www.example.com', dnsNamespace), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives one id per site, format, thread and source id, the same every time', () => {
    const id = deriveCommentId('blog', 'disqus', '100', '7');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(deriveCommentId('blog', 'disqus', '100', '7'), id);
    const others = [
      deriveCommentId('docs', 'disqus', '100', '7'),
      deriveCommentId('blog', 'wordpress', '100', '7'),
      deriveCommentId('blog', 'disqus', '101', '7'),
      deriveCommentId('blog', 'disqus', '100', '8'),
      // Parts cannot run into each other: "10" + "07" is not "100" + "7".
      deriveCommentId('blog', 'disqus', '10', '07'),
    ];
    assert.equal(new Set([id, ...others]).size, 6);
  });

  it('hashes a source’s voter so it is never an SSO account or a guest voter', () => {
    const key = deriveVoterKey('remark42', 'github_123');
    assert.match(key, /^import:[A-Za-z0-9_-]{43}$/);
    assert.equal(deriveVoterKey('remark42', 'github_123'), key);
    assert.notEqual(deriveVoterKey('commento', 'github_123'), key);
  });
});
