import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from './api-error.js';

/** Whether every percent-encoding in `text` decodes to well-formed UTF-8. */
export function isDecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws 400 `validation_failed`, naming the parameter, when a query parameter of `url` holds a
 * percent-encoding that does not decode. Hono's `c.req.query()` passes such a value through
 * undecoded, so `%E0%A4%A` would otherwise be taken literally as a value nobody meant.
 */
export function assertDecodableQuery(url: string): void {
  const search = new URL(url).search.slice(1);
  for (const pair of search.split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    if (isDecodable(name) && isDecodable(value)) continue;
    const field = isDecodable(name) ? decodeURIComponent(name) : undefined;
    throw new ApiError(400, ErrorCode.validationFailed, 'A query parameter is not valid percent-encoding.', {
      ...(field === undefined ? {} : { field }),
    });
  }
}
