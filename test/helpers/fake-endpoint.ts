import type { Comment } from '../../src/protocol/comment.js';
import { EditCommentSchema, NewCommentSchema } from '../../src/protocol/new-comment.js';
import { readCaller, type FakeCaller } from './fake-auth.js';

/** A request the fake endpoint received. */
export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
  /** The request's headers as sent (names are case-insensitive), e.g. `If-None-Match`. */
  headers: Headers;
}

/**
 * What a test may script for the next request instead of the simulated server: JSON `body`, or
 * `text` sent as it is (give its Content-Type in `headers`), or a network failure.
 */
export type ScriptedReply =
  { status: number; body?: unknown; text?: string; headers?: Record<string, string> } | 'network-error';

/** Who wrote a comment the fake stores: a guest's author token hash, or an SSO user id. */
export interface FakeAuthor {
  tokenHash: string | null;
  userId: string | null;
}

/**
 * A comment server simulated at the fetch boundary: window.fetch is wrapped so requests to
 * `url` are answered from memory with protocol v1 semantics, and every other request goes
 * to the real network. The element under test is unaware of the fake.
 *
 * Every page of changes carries an ETag naming what it holds (see `changesEtag`); a GET
 * whose `If-None-Match` names the ETag its reply would carry is answered 304 with no body.
 *
 * Identity and moderation follow decision 0004: a post's `Authorization: Bearer hga_…`
 * author token is kept as its SHA-256 and must match on `PATCH`/`DELETE …/comments/{id}`;
 * `Bearer eyJ…` is an SSO user (see makeTestJwt: signatures are not checked), who owns their
 * comments by `sub` and may list them at `GET …/comments/mine`.
 */
export interface FakeEndpoint {
  url: string;
  /** What the simulated server stores, in change order. */
  comments: Comment[];
  requests: RecordedRequest[];
  /** Most comments per page of changes when the request names no `limit`. */
  pageSize: number;
  /** Most comments per page of changes a request's `limit` gets (a larger limit is cut to it). */
  pageMaxSize: number;
  /** When true, every request fails as if the network were down. */
  isDown: boolean;
  /**
   * When set, every request gets this reply (after `script`): an endpoint that refuses the
   * page's origin, or that is not a Hearth server at all.
   */
  alwaysReply: ScriptedReply | null;
  /** Replies used, one per request, before the simulation answers. */
  script: ScriptedReply[];
  /** When true, new posts are held for a moderator: answered 201 `held`, kept out of the feed. */
  isHolding: boolean;
  /**
   * When true, an edit of a published comment is held for a moderator: answered 202 with the
   * comment unchanged and its `pendingEdit`, the feed unchanged (see `heldEdits`).
   */
  isHoldingEdits: boolean;
  /** The held edit of each comment, by id, while it waits. */
  heldEdits: Map<string, string>;
  /** Threads a moderator locked: the feed says `locked: true` and posts get 403 `thread_locked`. */
  lockedThreads: Set<string>;
  /** When true, the site emails reply notifications: every page of the feed says `notify: true`. */
  isNotifying: boolean;
  /** SSO tokens answered with 401 `sso_token_expired`, as if their `exp` had passed. */
  expiredTokens: Set<string>;
  /** Comments whose edit window has passed: a `PATCH` gets 403 `edit_window_closed`. */
  editWindowClosed: Set<string>;
  /** When set, a post's answer says `editableUntil`: this many ms after `createdAt`. */
  editWindowMs: number | null;
  /** Who wrote each stored comment, by id; comments seeded without an entry have no owner. */
  authors: Map<string, FakeAuthor>;
  /** Who upvoted each comment, by id: `user:<sub>` for SSO readers, `anon:<voter id>` for guests. */
  voters: Map<string, Set<string>>;
  /** How many of the next requests are applied and then fail as if their reply were lost. */
  lostReplies: number;
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
export function changesEtag(
  thread: string,
  since: number,
  lastSeq: number,
  more: boolean,
  locked = false,
  notify = false,
): string {
  return `W/"${encodeURIComponent(thread)}:${since}:${lastSeq}:${more}${locked ? ':locked' : ''}${notify ? ':notify' : ''}"`;
}

function error(status: number, code: string, message: string, field?: string): Response {
  return json(status, { error: { code, message, ...(field ? { field } : {}) } });
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
    pageMaxSize: 1000,
    isDown: false,
    alwaysReply: null,
    script: [],
    isHolding: false,
    isHoldingEdits: false,
    heldEdits: new Map(),
    lockedThreads: new Set(),
    isNotifying: false,
    expiredTokens: new Set(),
    editWindowClosed: new Set(),
    editWindowMs: null,
    authors: new Map(),
    voters: new Map(),
    lostReplies: 0,
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

  function nextSeq(): number {
    return Math.max(0, ...fake.comments.map((comment) => comment.seq)) + 1;
  }

  /** Stores a changed comment with a new seq, at the end of the change order. */
  function replaceComment(updated: Comment): Comment {
    fake.comments = fake.comments.filter((comment) => comment.id !== updated.id);
    fake.comments.push(updated);
    return updated;
  }

  function answerChanges(url: URL, thread: string, headers: Headers): Response {
    const since = Number(url.searchParams.get('since') ?? '0');
    const changes = fake.comments.filter(
      (comment) => comment.thread === thread && comment.seq > since && comment.status !== 'held',
    );
    const limit = url.searchParams.get('limit');
    const page = changes.slice(0, limit === null ? fake.pageSize : Math.min(Number(limit), fake.pageMaxSize));
    const lastSeq = page.length > 0 ? page[page.length - 1]!.seq : since;
    const more = changes.length > page.length;
    const locked = fake.lockedThreads.has(thread);
    const notify = fake.isNotifying;
    const etag = changesEtag(thread, since, lastSeq, more, locked, notify);
    if (matchesIfNoneMatch(headers.get('If-None-Match'), etag)) return json(304, null, { ETag: etag });
    return json(
      200,
      {
        comments: page,
        cursor: String(lastSeq),
        more,
        ...(locked ? { locked } : {}),
        ...(notify ? { notify } : {}),
      },
      { ETag: etag },
    );
  }

  function answerPost(thread: string, body: unknown, caller: FakeCaller): Response {
    if (caller.kind === 'refused') return error(caller.status, caller.code, caller.message);
    const parsed = NewCommentSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return error(400, 'validation_failed', issue.message, issue.path.join('.'));
    }
    const input = parsed.data;
    if (input.website) return error(400, 'spam_detected', 'This looks like spam.');
    const existing = fake.comments.find((comment) => comment.id === input.id);
    if (existing) return json(200, existing);
    if (fake.lockedThreads.has(thread))
      return error(403, 'thread_locked', 'Comments are closed on this thread.');
    const now = new Date().toISOString();
    const isSso = caller.kind === 'sso';
    const comment: Comment = {
      id: input.id,
      thread,
      parentId: input.parentId ?? null,
      authorName: isSso && caller.name ? caller.name : input.authorName,
      body: input.body,
      createdAt: now,
      updatedAt: now,
      status: fake.isHolding ? 'held' : 'published',
      ...(isSso ? { verified: true } : {}),
      seq: nextSeq(),
    };
    fake.comments.push(comment);
    fake.authors.set(comment.id, {
      tokenHash: caller.kind === 'guest' ? caller.tokenHash : null,
      userId: isSso ? caller.sub : null,
    });
    const { editWindowMs } = fake;
    const editableUntil =
      editWindowMs === null ? {} : { editableUntil: new Date(Date.parse(now) + editWindowMs).toISOString() };
    return json(201, { ...comment, ...editableUntil });
  }

  /** `GET …/comments/mine`: the SSO caller's comment ids in the thread, and those they upvoted. */
  function answerMine(thread: string, caller: FakeCaller): Response {
    if (caller.kind === 'refused') return error(caller.status, caller.code, caller.message);
    if (caller.kind !== 'sso') return error(401, 'auth_required', 'Sign in to see your comments.');
    const ids = fake.comments
      .filter((comment) => comment.thread === thread && fake.authors.get(comment.id)?.userId === caller.sub)
      .map((comment) => comment.id);
    const votedIds = fake.comments
      .filter(
        (comment) => comment.thread === thread && fake.voters.get(comment.id)?.has(`user:${caller.sub}`),
      )
      .map((comment) => comment.id);
    return json(200, { ids, votedIds });
  }

  /** `PATCH` (edit) and `DELETE` on `…/comments/{id}`, by the comment's author only. */
  function answerChange(
    method: string,
    thread: string,
    id: string,
    body: unknown,
    caller: FakeCaller,
  ): Response {
    if (caller.kind === 'refused') return error(caller.status, caller.code, caller.message);
    if (caller.kind === 'none') return error(401, 'auth_required', 'Only the author may change a comment.');
    const comment = fake.comments.find((candidate) => candidate.id === id && candidate.thread === thread);
    if (!comment) return error(404, 'not_found', 'No such comment.');
    const author = fake.authors.get(id);
    const isAuthor =
      caller.kind === 'guest' ? author?.tokenHash === caller.tokenHash : author?.userId === caller.sub;
    if (!isAuthor) return error(403, 'not_author', 'Only the author may change this comment.');
    const now = new Date().toISOString();
    if (method === 'DELETE') {
      if (comment.status === 'deleted') return json(200, comment);
      return json(
        200,
        replaceComment({
          ...comment,
          status: 'deleted',
          body: '',
          authorName: '',
          pinned: false,
          updatedAt: now,
          seq: nextSeq(),
        }),
      );
    }
    if (comment.status === 'deleted') return error(409, 'comment_deleted', 'This comment was deleted.');
    if (fake.editWindowClosed.has(id))
      return error(403, 'edit_window_closed', 'Comments can be edited for 15 minutes.');
    const parsed = EditCommentSchema.safeParse(body);
    if (!parsed.success) return error(400, 'validation_failed', parsed.error.issues[0]!.message, 'body');
    if (fake.isHoldingEdits && comment.status === 'published') {
      fake.heldEdits.set(id, parsed.data.body);
      return json(202, { ...comment, pendingEdit: { body: parsed.data.body, heldAt: now } });
    }
    fake.heldEdits.delete(id);
    return json(
      200,
      replaceComment({ ...comment, body: parsed.data.body, editedAt: now, updatedAt: now, seq: nextSeq() }),
    );
  }

  /** `PUT /api/v1/comments/{id}/vote`: one upvote per voter, a new seq only when it changes. */
  function answerVote(id: string, body: unknown, caller: FakeCaller): Response {
    if (caller.kind === 'refused') return error(caller.status, caller.code, caller.message);
    const vote = body as { up?: unknown; voter?: unknown } | undefined;
    if (typeof vote?.up !== 'boolean') return error(400, 'validation_failed', 'Say up or not.', 'up');
    const voter = caller.kind === 'sso' ? `user:${caller.sub}` : `anon:${String(vote.voter ?? '')}`;
    if (voter === 'anon:') return error(400, 'validation_failed', 'Send a voter id.', 'voter');
    const comment = fake.comments.find((candidate) => candidate.id === id);
    if (!comment) return error(404, 'not_found', 'No such comment.');
    if (comment.status !== 'published') return error(409, 'comment_not_votable', 'Cannot vote on it.');
    const voters = fake.voters.get(id) ?? new Set<string>();
    fake.voters.set(id, voters);
    if (voters.has(voter) === vote.up) return json(200, { comment, up: vote.up });
    if (vote.up) voters.add(voter);
    else voters.delete(voter);
    return json(200, {
      // Seeded comments may carry votes from readers the fake never saw.
      comment: replaceComment({
        ...comment,
        votes: (comment.votes ?? 0) + (vote.up ? 1 : -1),
        seq: nextSeq(),
      }),
      up: vote.up,
    });
  }

  /** `GET /api/v1/counts?threads=a,b`: published comments per thread (keys URL-encoded, comma-separated). */
  function answerCounts(url: URL): Response {
    const raw = /[?&]threads=([^&]*)/.exec(url.search)?.[1] ?? '';
    const threads = raw.split(',').filter(Boolean).map(decodeURIComponent);
    const counts = Object.fromEntries(
      threads.map((thread) => [
        thread,
        fake.comments.filter((comment) => comment.thread === thread && comment.status === 'published').length,
      ]),
    );
    return json(200, { counts }, { 'Cache-Control': 'public, max-age=30' });
  }

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.href.startsWith(fake.url)) return realFetch(input, init);
    // This simulated server asks for no proof of work (test/sync/proof-of-work.test.ts covers
    // it), and answers so whatever else is scripted, so scripts and counts stay about writes.
    if (url.pathname === '/api/v1/challenge') return new Response(null, { status: 204 });
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    fake.requests.push({ method, url, body, headers });
    for (const waiter of waiters.filter((w) => fake.requests.length >= w.count)) waiter.resolve();
    await gate;
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const scripted = fake.script.shift() ?? fake.alwaysReply;
    if (fake.isDown || scripted === 'network-error') throw new TypeError('Failed to fetch');
    if (scripted?.text !== undefined) {
      return new Response(scripted.text, { status: scripted.status, headers: scripted.headers });
    }
    if (scripted) return json(scripted.status, scripted.body ?? {}, scripted.headers);
    if (url.pathname === '/api/v1/counts') return answerCounts(url);
    const vote = /^\/api\/v1\/comments\/([^/]+)\/vote$/.exec(url.pathname);
    if (vote && method === 'PUT') {
      return answerVote(
        decodeURIComponent(vote[1]!),
        body,
        await readCaller(headers.get('Authorization'), fake.expiredTokens),
      );
    }
    const match = /^\/api\/v1\/threads\/([^/]+)\/comments(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return error(404, 'not_found', 'Not found');
    const thread = decodeURIComponent(match[1]!);
    const id = match[2] === undefined ? null : decodeURIComponent(match[2]);
    const caller = await readCaller(headers.get('Authorization'), fake.expiredTokens);
    if (id === 'mine' && method === 'GET') return answerMine(thread, caller);
    if (id !== null && (method === 'PATCH' || method === 'DELETE')) {
      return answerChange(method, thread, id, body, caller);
    }
    if (id !== null) return error(405, 'method_not_allowed', 'Method not allowed');
    return method === 'POST' ? answerPost(thread, body, caller) : answerChanges(url, thread, headers);
  };
  const answer = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await answer(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (fake.lostReplies > 0 && url.href.startsWith(fake.url) && url.pathname !== '/api/v1/challenge') {
      fake.lostReplies -= 1;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
  return fake;
}
