import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEncoding, parseAcceptEncoding } from '../../server/src/http/accept-encoding.js';
import { tagForEncoding } from '../../server/src/http/etag.js';

describe('choosing a content coding from Accept-Encoding', () => {
  it('prefers brotli, then gzip, then identity', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
    assert.equal(chooseEncoding('x-gzip'), 'gzip');
    assert.equal(chooseEncoding('deflate'), 'identity');
    assert.equal(chooseEncoding('identity'), 'identity');
    assert.equal(chooseEncoding(''), 'identity');
    assert.equal(chooseEncoding(undefined), 'identity');
  });

  it('refuses a coding whose q is 0 and lets a higher q win', () => {
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), 'identity');
    assert.equal(chooseEncoding('br;q=0.5, gzip;q=1.0'), 'gzip');
    assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.5'), 'br');
    assert.equal(chooseEncoding('BR ; Q=0.9 , GZIP'), 'gzip');
  });

  it('reads * as every coding not named, and answers identity when nothing else is accepted', () => {
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('br;q=0, *'), 'gzip');
    assert.equal(chooseEncoding('*;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('*;q=0'), 'identity');
    assert.equal(chooseEncoding('identity;q=0, deflate'), 'identity');
    assert.equal(chooseEncoding('identity;q=0, br'), 'br');
  });

  it('counts a malformed q-value as a refusal, not a guess', () => {
    assert.deepEqual(
      [...parseAcceptEncoding('br;q=2, gzip;q=abc, deflate;q=0.125, zstd;q=1.000')],
      [
        ['br', 0],
        ['gzip', 0],
        ['deflate', 0.125],
        ['zstd', 1],
      ],
    );
    assert.equal(chooseEncoding('br;q=1.5, gzip'), 'gzip');
  });
});

describe('tagging each coding of a representation', () => {
  it('suffixes strong and weak tags inside the quotes, and leaves identity alone', () => {
    assert.equal(tagForEncoding('"abc"', 'br'), '"abc-br"');
    assert.equal(tagForEncoding('"abc"', 'gzip'), '"abc-gz"');
    assert.equal(tagForEncoding('W/"abc"', 'br'), 'W/"abc-br"');
    assert.equal(tagForEncoding('W/"abc"', 'identity'), 'W/"abc"');
  });
});
