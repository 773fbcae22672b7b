import type { Env, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { assertDecodableQuery } from '../http/percent-decoding.js';
import { readJsonBody, validateWith } from '../http/read-json.js';

/** The input a validator declares for a route: what `c.req.valid(target)` returns there. */
interface ValidatedInput<Target extends 'json' | 'query', T extends z.core.$ZodType, In> {
  in: { [K in Target]: In };
  out: { [K in Target]: z.core.output<T> };
}

/**
 * Route middleware that reads the JSON body and validates it with `schema`, so the handler
 * gets it as `c.req.valid('json')`; the first failure answers, and the handler does not run:
 * 415 not `application/json`, 413 over `maxBytes`, 400 `invalid_json`, 400 `validation_failed`
 * (with `field`) for anything but an object that fits the schema.
 *
 * Hono's `validator('json')` is not used for the body: it reads it uncapped with
 * `c.req.json()`, takes any `application/*+json` and answers bad JSON with its own error, so
 * this does what it does after parsing, with `readJsonBody` in front (decision 0014).
 */
export function jsonBody<T extends z.core.$ZodType, E extends Env = Env, P extends string = string>(
  schema: T,
  options: { maxBytes: number },
): MiddlewareHandler<E, P, ValidatedInput<'json', T, z.core.input<T>>> {
  return async (c, next) => {
    c.req.addValidatedData('json', (await readJsonBody(c.req.raw, options.maxBytes, schema)) as object);
    await next();
  };
}

/**
 * Route middleware that validates the query string with `schema` (the first value of each
 * parameter, as `c.req.query()` gives them), so the handler gets it as `c.req.valid('query')`;
 * a failure is 400 `validation_failed` with `field`. With `decodable`, a parameter that is not
 * valid percent-encoding is refused first (`assertDecodableQuery`).
 */
export function queryParams<T extends z.core.$ZodType, E extends Env = Env, P extends string = string>(
  schema: T,
  options: { decodable?: boolean } = {},
): MiddlewareHandler<E, P, ValidatedInput<'query', T, Record<string, string>>> {
  return validator('query', (_values, c) => {
    if (options.decodable) assertDecodableQuery(c.req.url);
    return validateWith(schema, c.req.query()) as object;
  }) as MiddlewareHandler<E, P, ValidatedInput<'query', T, Record<string, string>>>;
}
