import type { HearthDb } from './db.js';

/** Keys of the values remembered per endpoint (schema 5), stored as `<key> <endpoint>`. */
export const EndpointSettingKey = {
  /** The guest's anonymous voter id: a UUID the server keeps only the SHA-256 of. */
  voterId: 'voterId',
  /** How the reader sorts threads: `oldest`, `newest` or `top`. */
  sort: 'sort',
} as const;
export type EndpointSettingKey = (typeof EndpointSettingKey)[keyof typeof EndpointSettingKey];

/** Reads a value remembered for one endpoint, or '' when none is stored. */
export async function readEndpointSetting(
  db: HearthDb,
  endpoint: string,
  key: EndpointSettingKey,
): Promise<string> {
  return (await db.get('settings', `${key} ${endpoint}`))?.value ?? '';
}

/** Remembers a value for one endpoint. */
export async function writeEndpointSetting(
  db: HearthDb,
  endpoint: string,
  key: EndpointSettingKey,
  value: string,
): Promise<void> {
  await db.put('settings', { key: `${key} ${endpoint}`, value });
}
