/** The content codings Hearth sends, as `Content-Encoding` names them. */
export const ContentEncoding = {
  brotli: 'br',
  gzip: 'gzip',
  identity: 'identity',
} as const;
export type ContentEncoding = (typeof ContentEncoding)[keyof typeof ContentEncoding];

/** A coding other than identity: one the server compresses into. */
export type CompressedEncoding = Exclude<ContentEncoding, 'identity'>;

/** Codings in the server's order of preference, the smaller first. */
const preferred: CompressedEncoding[] = [ContentEncoding.brotli, ContentEncoding.gzip];

/**
 * The coding to answer with, from a request's `Accept-Encoding` (RFC 9110 §12.5.3): brotli where
 * accepted, else gzip, else identity. A coding is accepted when named, or covered by `*`, with a
 * q-value above 0; among accepted codings a higher q wins and ties go to brotli. `x-gzip` counts
 * as gzip. No header means identity. Identity is the answer whenever nothing else is accepted,
 * even if the request refused it (`identity;q=0`): an uncompressed answer is more useful than
 * a 406 to a client that named nothing the server has.
 */
export function chooseEncoding(header: string | undefined): ContentEncoding {
  if (header === undefined) return ContentEncoding.identity;
  const weights = parseAcceptEncoding(header);
  let best: ContentEncoding = ContentEncoding.identity;
  let bestWeight = 0;
  for (const encoding of preferred) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * The q-value of each coding an `Accept-Encoding` header names, lower-cased; a malformed
 * q-value counts as 0 (refused) rather than guessed. A coding named twice keeps its first q.
 */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const item of header.split(',')) {
    const [rawName, ...params] = item.split(';');
    let name = rawName!.trim().toLowerCase();
    if (name === '') continue;
    if (name === 'x-gzip') name = ContentEncoding.gzip;
    let weight = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((part) => part.trim());
      if (key?.toLowerCase() === 'q') weight = parseQValue(value ?? '');
    }
    if (!weights.has(name)) weights.set(name, weight);
  }
  return weights;
}

function parseQValue(text: string): number {
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(text) ? Number(text) : 0;
}
