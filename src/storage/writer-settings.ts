// What the writing side remembers (the guest's name and email, what the reader asks to be emailed
// about, the anonymous voter id): only the composer chunk reads or writes it, so it stays off the
// first paint's path.
import type { HearthDb } from './db.js';
import { endpointSettingId, type EndpointSettingKey } from './settings.js';

/** Keys of the values remembered for the reader. */
export const SettingKey = {
  authorName: 'authorName',
  /** The guest's optional email, never shown (schema 4). */
  authorEmail: 'authorEmail',
  /** What the reader last asked to be emailed about: `replies`, `thread`, or '' for nothing. */
  notify: 'notify',
} as const;
export type SettingKey = (typeof SettingKey)[keyof typeof SettingKey];

/** Reads a remembered value, or '' when none is stored. */
export async function readSetting(db: HearthDb, key: SettingKey): Promise<string> {
  return (await db.get('settings', key))?.value ?? '';
}

/** Remembers a value for the next visit. */
export async function writeSetting(db: HearthDb, key: SettingKey, value: string): Promise<void> {
  await db.put('settings', { key, value });
}

/**
 * The value remembered for one endpoint, or the one `create` makes, stored in the same
 * transaction so two tabs asking at once agree on it (the voter id must be one per reader).
 */
export async function readOrCreateEndpointSetting(
  db: HearthDb,
  endpoint: string,
  key: EndpointSettingKey,
  create: () => string,
): Promise<string> {
  const tx = db.transaction('settings', 'readwrite');
  const settingKey = endpointSettingId(endpoint, key);
  const existing = await tx.store.get(settingKey);
  const value = existing?.value || create();
  if (!existing?.value) await tx.store.put({ key: settingKey, value });
  await tx.done;
  return value;
}
