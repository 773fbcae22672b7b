/** Keys of the values remembered per endpoint (schema 5), stored as `<key> <endpoint>`. */
export const EndpointSettingKey = {
  /** The guest's anonymous voter id: a UUID the server keeps only the SHA-256 of. */
  voterId: 'voterId',
  /** How the reader sorts threads: `oldest`, `newest` or `top`. */
  sort: 'sort',
} as const;
export type EndpointSettingKey = (typeof EndpointSettingKey)[keyof typeof EndpointSettingKey];

/** The settings row key of a value remembered for one endpoint. */
export function endpointSettingId(endpoint: string, key: EndpointSettingKey): string {
  return `${key} ${endpoint}`;
}
