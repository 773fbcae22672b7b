import { warnInDev } from '../internal/dev-warning.js';
import { readAuthorship } from './authorship.js';
import type { AuthorshipRecord, OutboxRecord } from './db.js';
import type { IdbStore } from './idb-store.js';
import type { Delivery, OutboxStore } from './local-store.js';
import { spill } from './idb-spill.js';
import { completeWithoutComment, completeWrite, updateWrite } from './outbox-delivery.js';
import { changeWrite, enqueueWrite, removeWrite, replaceSsoTokens } from './outbox-writes.js';

// Changing the outbox: only a page that writes does, so this stays off the first paint's path.

/**
 * The outbox in IndexedDB (see OutboxStore). A write IndexedDB refuses goes to the page's memory
 * store (see spill) and is sent from there, so the reader loses nothing while the page
 * stays open; a write held there is changed and completed there.
 */
export class IdbOutbox implements OutboxStore {
  protected readonly store: IdbStore;

  constructor(store: IdbStore) {
    this.store = store;
  }

  async enqueueWrite(record: OutboxRecord): Promise<void> {
    await enqueueWrite(this.store.db, record).catch(async (error) => {
      warnInDev('outbox write failed; kept in memory for this page', error);
      return (await spill(this.store)).enqueueWrite(record);
    });
  }

  async changeWrite(id: string, change: (queued: OutboxRecord | undefined) => OutboxRecord): Promise<void> {
    const spilled = this.store.spilled;
    if (spilled?.hasWrite(id)) return spilled.changeWrite(id, change);
    await changeWrite(this.store.db, id, change).catch(async (error) => {
      warnInDev('outbox change failed; kept in memory for this page', error);
      return (await spill(this.store)).changeWrite(id, change);
    });
  }

  async removeWrite(id: string): Promise<void> {
    await this.store.spilled?.removeWrite(id);
    await removeWrite(this.store.db, id).catch((error) => void warnInDev('outbox remove failed', error));
  }

  async updateWrite(record: OutboxRecord): Promise<void> {
    const spilled = this.store.spilled;
    if (spilled?.hasWrite(record.id)) return spilled.updateWrite(record);
    await updateWrite(this.store.db, record).catch((error) => void warnInDev('outbox update failed', error));
  }

  async completeWrite(delivery: Delivery): Promise<void> {
    const { record, comment, nowMs, editableUntilMs } = delivery;
    const spilled = this.store.spilled;
    if (spilled?.hasWrite(record.id)) return spilled.completeWrite(delivery);
    const { db } = this.store;
    try {
      await (comment
        ? completeWrite(db, record, comment, nowMs, editableUntilMs)
        : completeWithoutComment(db, record));
    } catch (error) {
      // The write must not be sent again, and what it leaves (the author token) is kept for this
      // page at least.
      await removeWrite(db, record.id).catch((error) => void warnInDev('outbox remove failed', error));
      warnInDev('delivery not stored; kept in memory for this page', error);
      await (await spill(this.store)).completeWrite(delivery);
    }
  }

  async replaceSsoTokens(
    endpoint: string,
    replace: (record: OutboxRecord) => OutboxRecord | null,
  ): Promise<number> {
    const spilled = (await this.store.spilled?.replaceSsoTokens(endpoint, replace)) ?? 0;
    const stored = await replaceSsoTokens(this.store.db, endpoint, replace).catch(
      (error) => (warnInDev('token refresh not stored', error), 0),
    );
    return spilled + stored;
  }

  async readAuthorship(endpoint: string, id: string): Promise<AuthorshipRecord | undefined> {
    return (
      (await this.store.spilled?.readAuthorship(endpoint, id)) ??
      readAuthorship(this.store.db, endpoint, id).catch(
        (error) => void warnInDev('authorship read failed', error),
      )
    );
  }
}
