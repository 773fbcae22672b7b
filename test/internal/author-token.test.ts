import { expect } from '@open-wc/testing';
import { createAuthorToken } from '../../src/internal/author-token.js';
import { readSsoClaims } from '../../src/internal/jwt-claims.js';
import { makeTestJwt } from '../helpers/fake-auth.js';

describe('createAuthorToken', () => {
  it('makes hga_ and 43 base64url characters: 32 random bytes', () => {
    const token = createAuthorToken();
    expect(token).to.match(/^hga_[A-Za-z0-9_-]{43}$/);
    const base64 = token.slice(4).replace(/-/g, '+').replace(/_/g, '/');
    expect(atob(`${base64}=`).length).to.equal(32);
  });

  it('makes a different token every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, createAuthorToken));
    expect(tokens.size).to.equal(200);
  });

  it('takes its bytes from crypto.getRandomValues', () => {
    const real = crypto.getRandomValues;
    crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
      new Uint8Array(array!.buffer).fill(0xff);
      return array;
    }) as typeof crypto.getRandomValues;
    try {
      // 256 one bits: 42 characters of six, then 1111 and two padding zeros (60, '8').
      expect(createAuthorToken()).to.equal(`hga_${'_'.repeat(42)}8`);
    } finally {
      crypto.getRandomValues = real;
    }
  });
});

describe('readSsoClaims', () => {
  it('reads sub and name from a JWT payload, unverified, for display', () => {
    expect(readSsoClaims(makeTestJwt({ sub: 'user-7', name: 'Zoë Ångström 🌱' }))).to.deep.equal({
      sub: 'user-7',
      name: 'Zoë Ångström 🌱',
    });
  });

  it('leaves out claims that are missing or not strings', () => {
    const payload = btoa(JSON.stringify({ sub: 42, name: ['x'] }));
    expect(readSsoClaims(`eyJ.${payload}.sig`)).to.deep.equal({});
  });

  it('returns null for anything that is not a readable JWT', () => {
    for (const token of ['', 'abc', 'a.%%%.c', `a.${btoa('not json')}.c`, `a.${btoa('null')}.c`]) {
      expect(readSsoClaims(token), token).to.equal(null);
    }
  });
});
