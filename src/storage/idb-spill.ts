import type { IdbStore } from './idb-store.js';
import type { MemoryStore } from './memory-store.js';

/**
 * Where a write of the reader's that IndexedDB refuses goes: the page's memory store for the
 * database name (`store.spilled`). The caller reports what was refused (see warnInDev).
 *
 * From the first spill on, the store's reads of the reader's writes (queued writes, authorship,
 * per-endpoint settings) also read the memory store: they are wrapped here, when it happens,
 * so the code for this rare case stays off every page's critical path.
 */
export async function spill(store: IdbStore): Promise<MemoryStore> {
  const memory = (await import('./memory-store.js')).openMemoryStore(store.name);
  if (store.spilled) return store.spilled;
  store.spilled = memory;
  const listWrites = store.listWrites.bind(store);
  const listAuthoredIds = store.listAuthoredIds.bind(store);
  const readEndpointSetting = store.readEndpointSetting.bind(store);
  store.listWrites = async (endpoint) => memory.withWrites(await listWrites(endpoint), endpoint);
  store.listAuthoredIds = async (endpoint, thread) => [
    ...(await listAuthoredIds(endpoint, thread)),
    ...(await memory.listAuthoredIds(endpoint, thread)),
  ];
  // The page's copy follows every choice made since the first refusal (see IdbWriter).
  store.readEndpointSetting = async (endpoint, key) =>
    (await memory.readEndpointSetting(endpoint, key)) || readEndpointSetting(endpoint, key);
  return memory;
}
