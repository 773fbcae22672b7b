import type { Comment } from '../../src/protocol/comment.js';
import { NewCommentSchema } from '../../src/protocol/new-comment.js';

/** A request the fake endpoint received. */
export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
  /** The request's headers as sent (names are case-insensitive), e.g. `If-None-Match`. */
  headers: Headers;
}

/** What a test may script for the next request instead of the simulated server. */
export type ScriptedReply =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

/**
 * A comment server simulated at the fetch boundary: window.fetch is wrapped so requests to
 * `url` are answered from memory with protocol v1 semantics, and every other request goes
 * to the real network. The element under test is unaware of the fake.
 *
 * Every page of changes carries an ETag naming what it holds (see `changesEtag`); a GET
 * whose `If-None-Match` names the ETag its reply would carry is answered 304 with no body.
 */
export interface FakeEndpoint {
  url: string;
  /** What the simulated server stores, in change order. */
  comments: Comment[];
  requests: RecordedRequest[];
  /** Most comments per page of changes. */
  pageSize: number;
  /** When true, every request fails as if the network were down. */
  isDown: boolean;
  /** Replies used, one per request, before the simulation answers. */
  script: ScriptedReply[];
  /** Holds every reply until the returned function is called. */
  hold(): () => void;
  /** Resolves once `count` requests have been received. */
  waitForRequests(count: number): Promise<void>;
  restore(): void;
}

let endpointCounter = 0;

/** Statuses whose responses may not have a body. */
const nullBodyStatuses = new Set([204, 304]);

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (nullBodyStatuses.has(status)) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/**
 * The ETag the fake endpoint gives a page of changes: it changes whenever the page would,
 * so a stored ETag matches only while nothing new arrived after `since`.
 */
export function changesEtag(thread: string, since: number, lastSeq: number, more: boolean): string {
  return `W/"${encodeURIComponent(thread)}:${since}:${lastSeq}:${more}"`;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as for a GET). */
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

/** Installs a fake endpoint holding `comments`; call restore() after the test. */
export function installFakeEndpoint(comments: Comment[] = []): FakeEndpoint {
  endpointCounter += 1;
  const realFetch = window.fetch;
  let gate: Promise<void> = Promise.resolve();
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const fake: FakeEndpoint = {
    url: `https://comments-${endpointCounter}.hearth.test/`,
    comments: [...comments],
    requests: [],
    pageSize: 200,
    isDown: false,
    script: [],
    hold() {
      let release = (): void => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return () => release();
    },
    waitForRequests(count) {
      if (fake.requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    restore() {
      window.fetch = realFetch;
    },
  };

  function answerChanges(url: URL, thread: string, headers: Headers): Response {
    const since = Number(url.searchParams.get('since') ?? '0');
    const changes = fake.comments.filter((comment) => comment.thread === thread && comment.seq > since);
    const page = changes.slice(0, fake.pageSize);
    const lastSeq = page.length > 0 ? page[page.length - 1]!.seq : since;
    const more = changes.length > page.length;
    const etag = changesEtag(thread, since, lastSeq, more);
    if (matchesIfNoneMatch(headers.get('If-None-Match'), etag)) return json(304, null, { ETag: etag });
    return json(200, { comments: page, cursor: String(lastSeq), more }, { ETag: etag });
  }

  function answerPost(thread: string, body: unknown): Response {
    const parsed = NewCommentSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return json(400, {
        error: { code: 'validation_failed', message: issue.message, field: issue.path.join('.') },
      });
    }
    const input = parsed.data;
    const existing = fake.comments.find((comment) => comment.id === input.id);
    if (existing) return json(200, existing);
    const now = new Date().toISOString();
    const seq = Math.max(0, ...fake.comments.map((comment) => comment.seq)) + 1;
    const comment: Comment = {
      id: input.id,
      thread,
      parentId: input.parentId ?? null,
      authorName: input.authorName,
      body: input.body,
      createdAt: now,
      updatedAt: now,
      status: 'published',
      seq,
    };
    fake.comments.push(comment);
    return json(201, comment);
  }

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.href.startsWith(fake.url)) return realFetch(input, init);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    fake.requests.push({ method, url, body, headers });
    for (const waiter of waiters.filter((w) => fake.requests.length >= w.count)) waiter.resolve();
    await gate;
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const scripted = fake.script.shift();
    if (fake.isDown || scripted === 'network-error') throw new TypeError('Failed to fetch');
    if (scripted) return json(scripted.status, scripted.body ?? {}, scripted.headers);
    const match = /^\/api\/v1\/threads\/([^/]+)\/comments$/.exec(url.pathname);
    if (!match) return json(404, { error: { code: 'not_found', message: 'Not found' } });
    const thread = decodeURIComponent(match[1]!);
    return method === 'POST' ? answerPost(thread, body) : answerChanges(url, thread, headers);
  };
  return fake;
}
