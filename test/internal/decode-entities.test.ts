import { expect } from '@open-wc/testing';
import { decodeEntities } from '../../src/internal/decode-entities.js';

describe('decodeEntities', () => {
  it('returns text without an ampersand unchanged', () => {
    expect(decodeEntities('')).to.equal('');
    expect(decodeEntities('plain text; #58 x3A <b>')).to.equal('plain text; #58 x3A <b>');
  });

  it('decodes decimal references', () => {
    expect(decodeEntities('&#58;')).to.equal(':');
    expect(decodeEntities('a&#65;b')).to.equal('aAb');
    expect(decodeEntities('&#0065;')).to.equal('A');
    expect(decodeEntities('&#128512;')).to.equal('😀');
  });

  it('decodes hexadecimal references, either case of x and digits', () => {
    expect(decodeEntities('&#x3A;')).to.equal(':');
    expect(decodeEntities('&#x3a;')).to.equal(':');
    expect(decodeEntities('&#X3A;')).to.equal(':');
    expect(decodeEntities('&#x1F600;')).to.equal('😀');
  });

  it('decodes the supported named references', () => {
    expect(decodeEntities('&amp; &lt; &gt; &quot; &apos;')).to.equal(`& < > " '`);
    expect(decodeEntities('&nbsp;&copy;&hellip;&mdash;&euro;')).to.equal('\u00a0©…—€');
    expect(decodeEntities('a&colon;b&Tab;c&NewLine;d')).to.equal('a:b\tc\nd');
  });

  it('keeps unknown named references as typed', () => {
    expect(decodeEntities('&foo; &COPY; &AMP; &constructor; &toString;')).to.equal(
      '&foo; &COPY; &AMP; &constructor; &toString;',
    );
  });

  it('keeps references without their semicolon, or malformed, as typed', () => {
    expect(decodeEntities('&amp &#58 &#x3A AT&T & ; &; &#; &#x; &#xZZ;')).to.equal(
      '&amp &#58 &#x3A AT&T & ; &; &#; &#x; &#xZZ;',
    );
  });

  it('turns invalid code points into U+FFFD', () => {
    expect(decodeEntities('&#0;')).to.equal('\ufffd');
    expect(decodeEntities('&#x0;')).to.equal('\ufffd');
    expect(decodeEntities('&#xD800;')).to.equal('\ufffd');
    expect(decodeEntities('&#xDFFF;')).to.equal('\ufffd');
    expect(decodeEntities('&#55296;')).to.equal('\ufffd');
    expect(decodeEntities('&#x110000;')).to.equal('\ufffd');
    expect(decodeEntities('&#1114112;')).to.equal('\ufffd');
    expect(decodeEntities('&#9999999;')).to.equal('\ufffd');
  });

  it('decodes the code points next to the invalid ranges', () => {
    expect(decodeEntities('&#xD7FF;')).to.equal('\ud7ff');
    expect(decodeEntities('&#xE000;')).to.equal('\ue000');
    expect(decodeEntities('&#x10FFFF;')).to.equal(String.fromCodePoint(0x10ffff));
  });

  it('decodes once: a decoded ampersand starts no new reference', () => {
    expect(decodeEntities('&amp;lt;')).to.equal('&lt;');
    expect(decodeEntities('&amp;#58;')).to.equal('&#58;');
    expect(decodeEntities('&#38;amp;')).to.equal('&amp;');
  });

  it('decodes every reference in a longer text', () => {
    expect(decodeEntities('Tom &amp; Jerry &lt;3 &#x2764; &unknown; &#8212; done')).to.equal(
      'Tom & Jerry <3 ❤ &unknown; — done',
    );
  });
});
