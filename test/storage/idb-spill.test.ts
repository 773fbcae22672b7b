import { expect } from '@open-wc/testing';
import { setDevWarnings } from '../../src/internal/dev-warning.js';
import { openHearthDb } from '../../src/storage/db.js';
import { IdbStore } from '../../src/storage/idb-store.js';
import { EndpointSettingKey } from '../../src/storage/settings.js';
import { deleteDatabase, makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { makeWrite } from '../helpers/outbox-fixtures.js';

const endpoint = 'https://comments.example/';
const thread = '/posts/test';
const token = `hga_${'B'.repeat(43)}`;

describe('IndexedDB store refusing writes', () => {
  let name = '';
  let store: IdbStore;
  let warnings: unknown[][] = [];
  const realWarn = console.warn;

  beforeEach(async () => {
    name = uniqueDatabaseName();
    store = new IdbStore((await openHearthDb(name))!);
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });

  afterEach(async () => {
    console.warn = realWarn;
    setDevWarnings(false);
    store.close();
    await deleteDatabase(name);
  });

  /** Closes the connection under the store, as a newer Hearth's upgrade in another tab does: every transaction then throws. */
  function breakDatabase(): void {
    store.db.close();
  }

  it('keeps a refused write for the page: listed, delivered, and its author token kept', async () => {
    const writer = await store.loadWriter();
    const stored = makeWrite({ createdAtMs: 1 });
    await writer.enqueueWrite(stored);
    breakDatabase();
    const refused = makeWrite({ token, createdAtMs: 2 });
    await writer.enqueueWrite(refused);
    // What IndexedDB held cannot be read now; what it refused still goes out.
    expect(await store.listWrites(endpoint)).to.deep.equal([refused]);

    await writer.completeWrite({
      record: refused,
      comment: makeComment({ id: refused.id, thread }),
      nowMs: 3,
    });
    expect(await store.listWrites(endpoint)).to.deep.equal([]);
    expect(await store.listAuthoredIds(endpoint, thread)).to.deep.equal([refused.id]);
    expect((await writer.readAuthorship(endpoint, refused.id))?.token).to.equal(token);
  });

  it('keeps a refused per-endpoint choice for the page, and the voter id one per reader', async () => {
    const writer = await store.loadWriter();
    breakDatabase();
    await writer.writeEndpointSetting(endpoint, EndpointSettingKey.sort, 'top');
    expect(await store.readEndpointSetting(endpoint, EndpointSettingKey.sort)).to.equal('top');
    const voter = await writer.readOrCreateEndpointSetting(endpoint, EndpointSettingKey.voterId, () => 'v1');
    const again = await writer.readOrCreateEndpointSetting(endpoint, EndpointSettingKey.voterId, () => 'v2');
    expect([voter, again]).to.deep.equal(['v1', 'v1']);
  });

  it('reports a refused write when dev warnings are on', async () => {
    setDevWarnings(true);
    const writer = await store.loadWriter();
    breakDatabase();
    await writer.enqueueWrite(makeWrite());
    expect(warnings).to.have.length(1);
    expect(warnings[0]![0]).to.equal('[hearth] outbox write failed; kept in memory for this page');
    expect(warnings[0]![1]).to.be.instanceOf(DOMException);
  });

  it('reports nothing when dev warnings are off, as in a production build', async () => {
    const writer = await store.loadWriter();
    breakDatabase();
    await writer.enqueueWrite(makeWrite());
    expect(await store.listWrites(endpoint)).to.have.length(1);
    expect(warnings).to.deep.equal([]);
  });
});
