import { expect } from '@open-wc/testing';
import { openHearthDb } from '../../src/storage/db.js';
import { IdbStore } from '../../src/storage/idb-store.js';
import { openMemoryStore } from '../../src/storage/memory-store.js';
import { runLocalStoreContract } from './local-store-contract.js';

describe('local store contract', () => {
  describe('IndexedDB', () => {
    runLocalStoreContract({
      async open(name) {
        const db = await openHearthDb(name);
        expect(db, 'IndexedDB should open in Chromium').not.to.equal(null);
        return new IdbStore(db!);
      },
      keepsForLaterVisits: true,
    });
  });

  describe('memory', () => {
    runLocalStoreContract({ open: async (name) => openMemoryStore(name), keepsForLaterVisits: false });
  });
});
