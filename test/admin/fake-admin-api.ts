import type {
  AdminComment,
  AdminThread,
  AuditEntry,
  AuditSubject,
  Ban,
  WebhookDelivery,
} from '../../src/protocol/admin.js';

/** A request the fake admin API received. */
export interface AdminRequest {
  method: string;
  url: URL;
  /** The path below `/api/v1/admin/`, e.g. `comments/abc/approve`. */
  path: string;
  body: unknown;
  headers: Headers;
}

/** A reply a test scripts for the next request instead of the simulation's. */
export type ScriptedReply = { status: number; body?: unknown } | 'network-error';

/**
 * The admin API (decision 0004, point 9) simulated at the fetch boundary: window.fetch is
 * wrapped so requests under `url` are answered from memory, with the contract's routes, token
 * check and paging. The element under test is unaware of the fake.
 */
export interface FakeAdminApi {
  /** The server's base URL; give it to `<hearth-admin endpoint>`. */
  url: string;
  /** The one token accepted, and the admin it belongs to. */
  token: string;
  adminName: string;
  sites: Array<{ id: string; moderation: string }>;
  /** Every comment, any status; lists are answered newest (highest seq) first. */
  comments: AdminComment[];
  bans: Ban[];
  audit: AuditEntry[];
  /** `site thread` → locked. */
  locks: Map<string, boolean>;
  /** What `GET webhooks` lists, newest first. */
  deliveries: WebhookDelivery[];
  /** Threads per page of `GET threads`. */
  threadPageSize: number;
  /**
   * Every request but `GET queue`: the badge's count, asked for in the background after each
   * action and on a timer, is kept apart so that a test's last request is its action's.
   */
  requests: AdminRequest[];
  /** The `GET queue` requests. */
  queueRequests: AdminRequest[];
  /** Replies used, one per request (`GET queue` aside), before the simulation answers. */
  script: ScriptedReply[];
  /** Resolves once `count` requests have been received. */
  waitForRequests(count: number): Promise<void>;
  restore(): void;
}

let counter = 0;

function json(status: number, body?: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body ?? {}), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function error(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

/**
 * A fresh fake admin API and empty session storage for each test, handed to `use`; after each
 * test the fake is restored and the admin pages it mounted removed.
 */
export function useFakeAdminApi(use: (fake: FakeAdminApi) => void): void {
  let fake: FakeAdminApi;
  beforeEach(() => {
    sessionStorage.clear();
    use((fake = installFakeAdminApi()));
  });
  afterEach(() => {
    fake.restore();
    sessionStorage.clear();
    document.querySelectorAll('hearth-admin').forEach((element) => element.remove());
  });
}

/** Installs the fake; call `restore()` after the test. */
export function installFakeAdminApi(): FakeAdminApi {
  counter += 1;
  const realFetch = window.fetch;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let nextBanId = 1;
  let nextAuditId = 1;
  const fake: FakeAdminApi = {
    url: `https://admin-${counter}.hearth.test/`,
    token: 'correct-admin-token-0123456789',
    adminName: 'Maren',
    sites: [{ id: 'demo', moderation: 'all' }],
    comments: [],
    bans: [],
    audit: [],
    locks: new Map(),
    deliveries: [],
    threadPageSize: 100,
    requests: [],
    queueRequests: [],
    script: [],
    waitForRequests(count) {
      if (fake.requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    restore() {
      window.fetch = realFetch;
    },
  };

  const nextSeq = () => Math.max(0, ...fake.comments.map((comment) => comment.seq)) + 1;
  const record = (action: string, site: string, target: string) =>
    fake.audit.unshift({
      id: nextAuditId++,
      at: new Date().toISOString(),
      actor: fake.adminName,
      action,
      site,
      target,
      detail: '',
    });

  function listComments(url: URL): Response {
    const status = url.searchParams.get('status');
    const site = url.searchParams.get('site');
    const before = Number(url.searchParams.get('before') ?? Infinity);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const isPendingEdit = url.searchParams.get('pendingEdit') === 'true';
    const matching = fake.comments
      .filter((c) => (!status || c.status === status) && (!site || c.site === site) && c.seq < before)
      .filter((c) => !isPendingEdit || c.pendingEdit !== undefined)
      .sort((a, b) => b.seq - a.seq);
    const page = matching.slice(0, limit);
    return json(200, { comments: page, nextBefore: page.length === limit ? page.at(-1)!.seq : null });
  }

  /** A site's threads as the server lists them: from the comments and the locks. */
  function listThreads(url: URL): Response {
    const site = url.searchParams.get('site');
    if (!site) return error(400, 'validation_failed', 'site is required: the site whose threads to list.');
    const threads = new Map<string, AdminThread>();
    for (const comment of fake.comments.filter((c) => c.site === site)) {
      const row = threads.get(comment.thread) ?? {
        site,
        thread: comment.thread,
        published: 0,
        held: 0,
        lastActivityAt: comment.createdAt,
        locked: fake.locks.get(`${site} ${comment.thread}`) === true,
        url: comment.thread.startsWith('/') ? `https://blog.example${comment.thread}` : null,
      };
      if (comment.status === 'published') row.published += 1;
      if (comment.status === 'held') row.held += 1;
      if (comment.createdAt > row.lastActivityAt!) row.lastActivityAt = comment.createdAt;
      threads.set(comment.thread, row);
    }
    for (const [key, locked] of fake.locks) {
      const thread = key.slice(site.length + 1);
      if (locked && key.startsWith(`${site} `) && !threads.has(thread)) {
        threads.set(thread, { site, thread, published: 0, held: 0, lastActivityAt: null, locked, url: null });
      }
    }
    const sorted = [...threads.values()].sort(
      (a, b) =>
        (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? '') || (a.thread < b.thread ? -1 : 1),
    );
    const before = url.searchParams.get('before');
    const start = before === null ? 0 : sorted.findIndex((row) => row.thread === before) + 1;
    const page = sorted.slice(start, start + fake.threadPageSize);
    const isFull = page.length === fake.threadPageSize;
    return json(200, { threads: page, nextBefore: isFull ? page.at(-1)!.thread : null });
  }

  /** A site's export as the server streams it: the header, then its comments (enough for a test). */
  function exportSite(site: string, includesPrivate: boolean): Response {
    if (!fake.sites.some((each) => each.id === site))
      return error(404, 'not_found', `No site "${site}" here.`);
    const header = {
      format: 'hearth-export',
      version: 1,
      site,
      exportedAt: new Date().toISOString(),
      includesPrivate,
    };
    const comments = fake.comments
      .filter((c) => c.site === site)
      .map(({ id, thread, authorName, body, status, email }) => ({
        type: 'comment',
        id,
        thread,
        authorName,
        body,
        status,
        ...(includesPrivate ? { email } : {}),
      }));
    const text = [header, ...comments].map((line) => `${JSON.stringify(line)}\n`).join('');
    return new Response(text, {
      status: 200,
      headers: {
        'Content-Type': 'application/x-ndjson',
        'Content-Disposition': `attachment; filename="hearth-${site}-2026-11-26.ndjson"`,
      },
    });
  }

  /** What an audit entry names, as the server resolves it. */
  function describe(entry: AuditEntry): AuditEntry {
    if (entry.subject) return entry;
    const comment = fake.comments.find((c) => c.id === entry.target);
    let subject: AuditSubject | undefined;
    if (entry.action.startsWith('comment.') && comment) {
      const { authorName, status, thread, commentUrl } = comment;
      subject = { kind: 'comment', authorName, status, thread, url: commentUrl ?? null };
    } else if (entry.action.startsWith('thread.')) {
      subject = { kind: 'thread', thread: entry.target, url: null };
    }
    return subject ? { ...entry, subject } : entry;
  }

  function change(id: string, update: (comment: AdminComment) => AdminComment | Response): Response {
    const index = fake.comments.findIndex((c) => c.id === id);
    if (index === -1) return error(404, 'not_found', 'No comment has this id.');
    const result = update(fake.comments[index]!);
    if (result instanceof Response) return result;
    fake.comments[index] = { ...result, seq: nextSeq(), updatedAt: new Date().toISOString() };
    return json(200, fake.comments[index]);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test double reads whatever was sent
  function answer(method: string, path: string, url: URL, body: any): Response {
    let match: RegExpExecArray | null;
    if (method === 'GET' && path === 'me') return json(200, { name: fake.adminName, sites: fake.sites });
    if (method === 'GET' && path === 'comments') return listComments(url);
    if (method === 'POST' && (match = /^comments\/([^/]+)\/(approve|reject)$/.exec(path))) {
      const [, id, verb] = match;
      return change(decodeURIComponent(id!), (c) => {
        record(`comment.${verb}`, c.site, c.id);
        return verb === 'approve'
          ? { ...c, status: 'published' }
          : { ...c, status: 'deleted', body: '', authorName: '' };
      });
    }
    if (method === 'POST' && (match = /^comments\/([^/]+)\/edit\/(approve|reject)$/.exec(path))) {
      const [, id, verb] = match;
      return change(decodeURIComponent(id!), (c) => {
        record(`comment.edit.${verb}`, c.site, c.id);
        const { pendingEdit, ...rest } = c;
        return verb === 'approve' && pendingEdit ? { ...rest, body: pendingEdit.body } : rest;
      });
    }
    if (method === 'DELETE' && (match = /^comments\/([^/]+)$/.exec(path))) {
      return change(decodeURIComponent(match[1]!), (c) => ({
        ...c,
        status: 'deleted',
        body: '',
        authorName: '',
      }));
    }
    if (method === 'POST' && (match = /^comments\/([^/]+)\/pin$/.exec(path))) {
      return change(decodeURIComponent(match[1]!), (c) => ({ ...c, pinned: Boolean(body?.pinned) }));
    }
    if (method === 'GET' && path === 'queue') {
      return json(200, {
        held: fake.comments.filter((c) => c.status === 'held').length,
        pendingEdits: fake.comments.filter((c) => c.status === 'published' && c.pendingEdit).length,
      });
    }
    if (method === 'GET' && path === 'threads') return listThreads(url);
    if (method === 'GET' && path === 'webhooks') {
      const site = url.searchParams.get('site');
      return json(200, { deliveries: fake.deliveries.filter((d) => !site || d.site === site) });
    }
    if (method === 'POST' && path === 'threads/lock') {
      fake.locks.set(`${body.site} ${body.thread}`, body.locked);
      record(body.locked ? 'thread.lock' : 'thread.unlock', body.site, body.thread);
      return json(200, { site: body.site, thread: body.thread, locked: body.locked });
    }
    if (method === 'GET' && path === 'bans') {
      const site = url.searchParams.get('site');
      return json(200, { bans: fake.bans.filter((ban) => !site || ban.site === site) });
    }
    if (method === 'POST' && path === 'bans') {
      let value: string | null | undefined = body.value;
      if (body.commentId) {
        const comment = fake.comments.find((c) => c.id === body.commentId);
        value =
          body.kind === 'user' ? comment?.userId : body.kind === 'email' ? comment?.email : comment?.ipHash;
      }
      if (!value) return error(400, 'validation_failed', 'This comment has no value of that kind to ban.');
      const ban: Ban = {
        id: nextBanId++,
        site: body.site,
        kind: body.kind,
        value,
        reason: body.reason ?? '',
        createdAt: new Date().toISOString(),
        createdBy: fake.adminName,
      };
      fake.bans.push(ban);
      return json(201, ban);
    }
    if (method === 'DELETE' && (match = /^bans\/(\d+)$/.exec(path))) {
      const index = fake.bans.findIndex((ban) => ban.id === Number(match![1]));
      if (index === -1) return error(404, 'not_found', 'No ban has this id.');
      fake.bans.splice(index, 1);
      return json(204);
    }
    if (method === 'GET' && (match = /^sites\/([^/]+)\/export$/.exec(path))) {
      return exportSite(decodeURIComponent(match[1]!), url.searchParams.get('private') === '1');
    }
    if (method === 'GET' && path === 'audit') {
      const entries = fake.audit.slice(0, Number(url.searchParams.get('limit') ?? 100));
      return json(200, { entries: entries.map(describe) });
    }
    return error(404, 'not_found', `Nothing here: ${method} ${path}`);
  }

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const base = new URL('api/v1/admin/', fake.url).href;
    if (!url.href.startsWith(fake.url)) return realFetch(input, init);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const path = url.href.startsWith(base) ? url.pathname.slice(new URL(base).pathname.length) : url.pathname;
    const request = { method, url, path, body, headers };
    if (method === 'GET' && path === 'queue') fake.queueRequests.push(request);
    else fake.requests.push(request);
    for (const waiter of waiters.filter((w) => fake.requests.length >= w.count)) waiter.resolve();
    // A reply arrives after the caller has moved on, as over a network.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const isQueue = method === 'GET' && path === 'queue';
    const scripted = isQueue ? undefined : fake.script.shift();
    if (scripted === 'network-error') throw new TypeError('Failed to fetch');
    if (scripted) return json(scripted.status, scripted.body);
    if (headers.get('Authorization') !== `Bearer ${fake.token}`) {
      return error(
        401,
        'unauthorized',
        'A valid admin token is required: send Authorization: Bearer <token>.',
      );
    }
    return answer(method, path, url, body);
  };
  return fake;
}

let commentCounter = 0;

/** A comment as the admin API lists it; override any field. Each call is newer than the last. */
export function makeAdminComment(overrides: Partial<AdminComment> = {}): AdminComment {
  commentCounter += 1;
  const at = new Date(Date.UTC(2026, 10, 26, 12, commentCounter % 60)).toISOString();
  return {
    id: crypto.randomUUID(),
    thread: '/posts/small-communities',
    parentId: null,
    authorName: `Reader ${commentCounter}`,
    body: `Comment number ${commentCounter}.`,
    createdAt: at,
    updatedAt: at,
    status: 'held',
    seq: commentCounter,
    site: 'demo',
    email: null,
    userId: null,
    ipHash: null,
    ...overrides,
  };
}
