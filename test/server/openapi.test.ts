import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../../server/src/app.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { CommentSchema, NewCommentSchema } from '../../src/protocol/index.js';
import { lenientDemoSite } from './helpers/fixtures.js';

const openApiUrl = '/api/v1/openapi.json';
/** A page on the demo site (its origins are `http://localhost:*` and the like). */
const pageOrigin = 'http://localhost:8080';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

function makeApp() {
  return createApp(createMemoryStore(), { sites: [lenientDemoSite] });
}

async function fetchDocument(): Promise<OpenApiDocument> {
  const response = await makeApp().request(openApiUrl);
  assert.equal(response.status, 200);
  return (await response.json()) as OpenApiDocument;
}

/** The fields of a zod object schema, and those a value must have (they refuse `undefined`). */
function describeFields(shape: Record<string, { safeParse(value: unknown): { success: boolean } }>) {
  const fields = Object.keys(shape).sort();
  const required = fields.filter((field) => !shape[field]!.safeParse(undefined).success);
  return { fields, required };
}

describe('GET /api/v1/openapi.json', () => {
  it('answers 200 with JSON, cacheable, with CORS for a site origin, and 304 to its ETag', async () => {
    const app = makeApp();
    const response = await app.request(openApiUrl, { headers: { Origin: pageOrigin } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
    assert.match(response.headers.get('Cache-Control') ?? '', /public, max-age=\d+/);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), pageOrigin);
    const etag = response.headers.get('ETag');
    assert.ok(etag);
    const again = await app.request(openApiUrl, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });

  it('refuses an origin no site lists, like every public route', async () => {
    const response = await makeApp().request(openApiUrl, {
      headers: { Origin: 'https://elsewhere.example' },
    });
    assert.equal(response.status, 403);
  });

  it('is an OpenAPI 3.1 document listing every public route the server serves under /api/v1', async () => {
    const document = await fetchDocument();
    assert.match(document.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof document.info.title, 'string');
    const served = makeApp()
      .routes.filter(({ method, path }) => method !== 'ALL' && path.startsWith('/api/v1/'))
      .filter(({ path }) => !path.startsWith('/api/v1/admin'))
      .map(({ method, path }) => `${method.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
    assert.ok(served.length >= 10, `only ${served.length} routes found`);
    const listed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    for (const route of served) assert.ok(listed.includes(route), `${route} is served but not in paths`);
    for (const route of listed) assert.ok(served.includes(route), `${route} is in paths but not served`);
    for (const [route, operation] of Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [`${method} ${path}`, op] as const),
    )) {
      assert.ok(Object.keys(operation.responses).length > 0, `${route} lists no responses`);
    }
  });

  it('derives its components from the protocol schemas', async () => {
    const { components } = await fetchDocument();
    for (const [name, schema] of [
      ['Comment', CommentSchema],
      ['NewComment', NewCommentSchema],
    ] as const) {
      const component = components.schemas[name];
      assert.ok(component, `components.schemas.${name} is missing`);
      const { fields, required } = describeFields(schema.shape);
      assert.deepEqual(Object.keys(component.properties ?? {}).sort(), fields, `${name}'s properties`);
      assert.deepEqual([...(component.required ?? [])].sort(), required, `${name}'s required fields`);
    }
    // Shared shapes are references, not copies.
    const vote = components.schemas.VoteResponse;
    assert.deepEqual(vote?.properties?.comment, { $ref: '#/components/schemas/Comment' });
  });
});
