import { expect } from '@open-wc/testing';
import { createUuid } from '../../src/internal/uuid.js';
import { CommentIdSchema } from '../../src/protocol/new-comment.js';

const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function checkMany(count: number): string[] {
  const ids = Array.from({ length: count }, () => createUuid());
  for (const id of ids) {
    expect(id).to.match(v4);
    expect(CommentIdSchema.safeParse(id).success, id).to.equal(true);
  }
  expect(new Set(ids).size).to.equal(count);
  return ids;
}

describe('createUuid', () => {
  it('makes lower-case v4 UUIDs with the RFC variant bits, all different over 1,000 calls', () => {
    checkMany(1_000);
  });

  it('is accepted by CommentIdSchema, which refuses non-UUIDs', () => {
    const id = createUuid();
    expect(CommentIdSchema.parse(id)).to.equal(id);
    expect(CommentIdSchema.safeParse('not-a-uuid').success).to.equal(false);
    expect(CommentIdSchema.safeParse(id.slice(0, -1)).success).to.equal(false);
  });

  describe('without crypto.randomUUID (plain-http pages)', () => {
    beforeEach(() => {
      // An own property shadows Crypto.prototype.randomUUID; deleting it restores the original.
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    });

    afterEach(() => {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    });

    it('still makes valid, distinct v4 UUIDs from getRandomValues', () => {
      expect(typeof crypto.randomUUID).to.equal('undefined');
      const ids = checkMany(1_000);
      // Every variant nibble (8, 9, a, b) appears: the two fixed bits are set, the other two random.
      expect(new Set(ids.map((id) => id[19])).size).to.equal(4);
    });
  });

  it('uses getRandomValues when the page is not a secure context', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'isSecureContext');
    let calls = 0;
    const realRandomUuid = Crypto.prototype.randomUUID;
    Object.defineProperty(globalThis, 'isSecureContext', { value: false, configurable: true });
    Object.defineProperty(crypto, 'randomUUID', {
      value: () => {
        calls += 1;
        return realRandomUuid.call(crypto);
      },
      configurable: true,
    });
    try {
      const id = createUuid();
      expect(id).to.match(v4);
      expect(calls).to.equal(0);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
      if (descriptor) Object.defineProperty(globalThis, 'isSecureContext', descriptor);
      else delete (globalThis as { isSecureContext?: unknown }).isSecureContext;
    }
    expect(globalThis.isSecureContext).to.equal(true);
  });
});
