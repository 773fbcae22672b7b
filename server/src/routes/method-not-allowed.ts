import type { Handler } from 'hono';
import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';

/** A catch-all handler for a known path, registered after its real methods: 405 with `Allow`. */
export function methodNotAllowed(allow: readonly string[]): Handler {
  return (c) => {
    throw new ApiError(
      405,
      ErrorCode.methodNotAllowed,
      `${c.req.method} is not allowed here; use ${allow.join(' or ')}.`,
      {
        headers: { Allow: allow.join(', ') },
      },
    );
  };
}
