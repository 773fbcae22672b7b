import { z } from 'zod';
import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from './api-error.js';
import { readBodyCapped } from './read-body.js';

/** Throws 415 `unsupported_media_type` unless the request is `application/json` (any parameters). */
function assertJsonContentType(request: Request): void {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError(415, ErrorCode.unsupportedMediaType, 'Content-Type must be application/json.');
  }
}

/**
 * Reads a JSON object body, throwing the first applicable error: 415 wrong content type,
 * 413 larger than `maxBytes`, 400 `invalid_json` (not UTF-8 JSON), 400 `validation_failed`
 * (JSON, but not an object).
 */
async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  assertJsonContentType(request);
  const bytes = await readBodyCapped(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, ErrorCode.invalidJson, 'Request body is not valid UTF-8 JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError(400, ErrorCode.validationFailed, 'Request body must be a JSON object.');
  }
  return json as Record<string, unknown>;
}

/**
 * Validates `value` with a zod (or zod/mini) schema, or throws 400 `validation_failed` naming
 * the field of the first issue as a dotted path; an unknown key names that key.
 */
export function validateWith<T extends z.core.$ZodType>(schema: T, value: unknown): z.core.output<T> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    throw new ApiError(400, ErrorCode.validationFailed, `Unknown field "${key}".`, {
      field: [...issue.path.map(String), key].join('.'),
    });
  }
  const field = issue?.path.map(String).join('.');
  throw new ApiError(400, ErrorCode.validationFailed, issue?.message ?? 'Invalid request.', {
    ...(field ? { field } : {}),
  });
}

/** Reads a JSON body and validates it with `schema`: `readJsonObject`, then `validateWith`. */
export async function readJsonBody<T extends z.core.$ZodType>(
  request: Request,
  maxBytes: number,
  schema: T,
): Promise<z.core.output<T>> {
  return validateWith(schema, await readJsonObject(request, maxBytes));
}
