import { warnInDev } from '../internal/dev-warning.js';
import { readDrafts, saveDraft } from './drafts.js';
import { IdbOutbox } from './idb-outbox.js';
import type { DraftOptions, WriterStore } from './local-store.js';
import { endpointSettingId, type EndpointSettingKey } from './settings.js';
import { spill } from './idb-spill.js';
import { markVotesUp } from './vote-marks.js';
import {
  readOrCreateEndpointSetting,
  readSetting,
  writeSetting,
  type SettingKey,
} from './writer-settings.js';

// What the writing side keeps: only a page that writes loads it, so it stays off the first
// paint's path.

/**
 * The IndexedDB store's writing parts (see LocalWriter): the outbox (IdbOutbox), and drafts,
 * the reader's settings and vote marks.
 */
export class IdbWriter extends IdbOutbox implements WriterStore {
  readDrafts(endpoint: string, thread: string): Promise<Map<string, string>> {
    return readDrafts(this.store.db, endpoint, thread);
  }

  saveDraft({ endpoint, thread, key, body, nowMs }: DraftOptions): Promise<void> {
    return saveDraft(this.store.db, endpoint, thread, key, body, nowMs);
  }

  readSetting(key: SettingKey): Promise<string> {
    return readSetting(this.store.db, key);
  }

  writeSetting(key: SettingKey, value: string): Promise<void> {
    return writeSetting(this.store.db, key, value);
  }

  async readOrCreateEndpointSetting(
    endpoint: string,
    key: EndpointSettingKey,
    create: () => string,
  ): Promise<string> {
    // Refused, the value is made once for the page: the voter id must stay one per reader.
    return readOrCreateEndpointSetting(this.store.db, endpoint, key, create).catch(async (error) => {
      warnInDev('setting not stored; kept in memory for this page', error);
      return (await spill(this.store)).readOrCreateEndpointSetting(endpoint, key, create);
    });
  }

  async writeEndpointSetting(endpoint: string, key: EndpointSettingKey, value: string): Promise<void> {
    await this.store.db.put('settings', { key: endpointSettingId(endpoint, key), value }).catch((error) => {
      warnInDev('setting not stored; kept in memory for this page', error);
      return spill(this.store);
    });
    // Once a value was refused, the page's copy is read first: it follows every choice.
    await this.store.spilled?.writeEndpointSetting(endpoint, key, value);
  }

  markVotesUp(endpoint: string, thread: string, ids: readonly string[], nowMs: number): Promise<number> {
    return markVotesUp(this.store.db, endpoint, thread, ids, nowMs).catch(
      (error) => (warnInDev('vote marks not stored', error), 0),
    );
  }
}
