import { expect } from '@open-wc/testing';
import { isOneLineName, isWellFormed, toOneLineName } from '../../src/protocol/text-rules.js';

describe('text rules', () => {
  it('calls text with every surrogate paired well-formed, and a lone half not', () => {
    for (const text of ['', 'plain', '😀', 'a😀b', 'עברית']) expect(isWellFormed(text), text).to.equal(true);
    for (const text of ['\ud83d', '\ude00', 'a\ude00\ud83db', '😀\ud83d']) {
      expect(isWellFormed(text), JSON.stringify(text)).to.equal(false);
    }
  });

  it('keeps names to one line, without characters that break or reorder the text around them', () => {
    expect(isOneLineName('Ada Lovelace 😀 \u200eעדה\u200f')).to.equal(true);
    for (const code of [0x00, 0x0a, 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0x2028, 0x2029, 0xfeff]) {
      expect(isOneLineName(`a${String.fromCharCode(code)}b`), code.toString(16)).to.equal(false);
    }
    for (let code = 0x202a; code <= 0x202e; code += 1) {
      expect(isOneLineName(`a${String.fromCharCode(code)}b`), code.toString(16)).to.equal(false);
    }
    for (let code = 0x2066; code <= 0x2069; code += 1) {
      expect(isOneLineName(`a${String.fromCharCode(code)}b`), code.toString(16)).to.equal(false);
    }
  });

  it('makes a name from elsewhere acceptable: one line, well-formed, cut without splitting a pair', () => {
    expect(toOneLineName(' Ada\n\u202eLovelace\u0085 ', 80)).to.equal('Ada Lovelace');
    expect(toOneLineName('Ada\ud83d', 80)).to.equal('Ada');
    expect(toOneLineName('ab😀', 3)).to.equal('ab');
    expect(toOneLineName('ab😀', 4)).to.equal('ab😀');
  });
});
