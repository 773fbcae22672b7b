import type { HearthDb } from './db.js';

/** Keys of the values remembered for the reader. */
export const SettingKey = {
  authorName: 'authorName',
  /** The guest's optional email, never shown (schema 4). */
  authorEmail: 'authorEmail',
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
