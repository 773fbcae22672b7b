import assert from 'node:assert/strict';
import {
  ChangesResponseSchema,
  CommentSchema,
  type ChangesResponse,
  type Comment,
} from '../../../src/protocol/index.js';
import type { createApp } from '../../../server/src/app.js';
import { commentsUrl, commentUrl } from './fixtures.js';
import { jsonPost } from './http.js';

type App = ReturnType<typeof createApp>;

/** The public API of one app, as the widget calls it; extra headers carry tokens. */
export interface AppClient {
  post: (thread: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;
  /** POSTs and asserts 201, returning the stored comment. */
  postOk: (thread: string, body: unknown, headers?: Record<string, string>) => Promise<Comment>;
  patch: (thread: string, id: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;
  delete: (thread: string, id: string, headers?: Record<string, string>) => Promise<Response>;
  /** GETs the whole feed of a thread, asserting 200 and the schema. */
  list: (thread: string) => Promise<ChangesResponse>;
}

/** A client for `app`. */
export function makeClient(app: App): AppClient {
  const client: AppClient = {
    post: async (thread, body, headers = {}) => app.request(commentsUrl(thread), jsonPost(body, headers)),
    postOk: async (thread, body, headers = {}) => {
      const response = await client.post(thread, body, headers);
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return CommentSchema.parse(JSON.parse(text));
    },
    patch: async (thread, id, body, headers = {}) =>
      app.request(commentUrl(thread, id), { ...jsonPost(body, headers), method: 'PATCH' }),
    delete: async (thread, id, headers = {}) =>
      app.request(commentUrl(thread, id), { method: 'DELETE', headers }),
    list: async (thread) => {
      const response = await app.request(commentsUrl(thread));
      assert.equal(response.status, 200);
      return ChangesResponseSchema.parse(await response.json());
    },
  };
  return client;
}
