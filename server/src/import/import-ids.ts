import { createHash } from 'node:crypto';

/** The namespace of every id an import derives (a random UUID, fixed forever: ids depend on it). */
const importNamespace = Buffer.from('6b1f0e5c2d3a4e8f9a7b5c3d1e2f4a6b', 'hex');

/**
 * A UUID version 5 (RFC 9562: SHA-1 of a namespace and a name) for `name` under Hearth's import
 * namespace, or under `namespace` (16 bytes) when given: the same name always gives the same id,
 * so importing a file twice finds every comment already stored.
 */
export function uuidV5(name: string, namespace: Buffer = importNamespace): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of an imported comment: derived from the site it goes to, the format, its thread's id
 * in the source and its own (only unique within that thread, as far as the import assumes), each
 * on its own line so no two different tuples make one name.
 */
export function deriveCommentId(site: string, format: string, threadRef: string, sourceId: string): string {
  return uuidV5([site, format, threadRef, sourceId].map((part) => JSON.stringify(part)).join('\n'));
}

/**
 * The voter key of a source's voter: `import:` and a hash of the format and the source's user
 * id, so it is never taken for an SSO account (`user:`) or a guest's voter id (`anon:`).
 */
export function deriveVoterKey(format: string, voter: string): string {
  return `import:${createHash('sha256').update(`${format}\n${voter}`, 'utf8').digest('base64url')}`;
}
