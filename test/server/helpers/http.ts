import assert from 'node:assert/strict';
import { ErrorResponseSchema } from '../../../src/protocol/index.js';

/** Asserts an error response's status, code and field (absent when `field` is undefined). */
export async function assertError(
  response: Response,
  status: number,
  code: string,
  field?: string,
): Promise<void> {
  const text = await response.text();
  assert.equal(response.status, status, `status for ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = ErrorResponseSchema.parse(JSON.parse(text));
  assert.equal(body.error.code, code, text);
  assert.equal(body.error.field, field, text);
  assert.ok(body.error.message.length > 0);
  assert.equal('field' in body.error, field !== undefined, 'field is omitted, not null, when absent');
}

/** A JSON POST request init. */
export function jsonPost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
