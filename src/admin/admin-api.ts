import type { CommentStatus } from '../protocol/comment-status.js';
import type { Comment } from '../protocol/comment.js';
import { ErrorResponseSchema } from '../protocol/errors.js';
import type { z } from '../protocol/zod.js';
import { adminMessages } from '../i18n/messages/admin-messages.js';
import {
  AdminMeSchema,
  AuditListSchema,
  BanListSchema,
  BanSchema,
  ChangedCommentSchema,
  CommentPageSchema,
  QueueCountSchema,
  ThreadListSchema,
  ThreadLockSchema,
  WebhookDeliveryListSchema,
  type AdminMe,
  type AuditEntry,
  type Ban,
  type BanKind,
  type CommentPage,
  type QueueCount,
  type ThreadList,
  type ThreadLock,
  type WebhookDelivery,
} from '../protocol/admin.js';
import { warnInDev } from '../internal/dev-warning.js';

/** Comments per page of the moderation lists. */
const commentPageSize = 50;

/** Why an admin request failed: the server's code and message, or `network` / `bad_response`. */
export class AdminApiError extends Error {
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The server's stable error code, or `network` / `bad_response` for failures on our side. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'AdminApiError';
    this.status = status;
    this.code = code;
  }

  /** True when the token was refused: the page must ask for it again. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

/** Filters for `listComments`. */
export interface CommentListQuery {
  status: CommentStatus;
  /** Only published comments with an author's edit waiting for a moderator. */
  hasPendingEdit?: boolean;
  site?: string;
  thread?: string;
  /** Only comments older than this seq: the previous page's `nextBefore`. */
  before?: number;
  limit?: number;
}

/** What `addBan` sends: a value, or a comment whose author's value the server looks up. */
export interface NewBan {
  site: string;
  kind: BanKind;
  value?: string;
  commentId?: string;
  reason?: string;
}

/** What `exportSite` downloads: the file, and its name as the server gave it. */
export interface SiteExport {
  blob: Blob;
  fileName: string;
}

interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/**
 * The admin API client: one method per route, each resolving to the validated reply or
 * rejecting with an AdminApiError. Same-origin; the token travels as a bearer header only.
 */
export class AdminApi {
  readonly #base: URL;
  readonly #token: string;

  /** `endpoint` is the server's base URL (the page's origin on the real server). */
  constructor(endpoint: string, token: string) {
    this.#base = new URL('api/v1/admin/', new URL(endpoint, location.href));
    this.#token = token;
  }

  /** Who the token belongs to; 401 when it is not an admin token. */
  me(): Promise<AdminMe> {
    return this.#request('me', AdminMeSchema);
  }

  /** One page of comments, newest first. */
  listComments(query: CommentListQuery): Promise<CommentPage> {
    const { status, site, thread, before, limit = commentPageSize } = query;
    const pendingEdit = query.hasPendingEdit ? 'true' : undefined;
    return this.#request('comments', CommentPageSchema, {
      query: { status, pendingEdit, site, thread, before, limit },
    });
  }

  /** Publishes the text of an author's held edit, or drops it (`isApproved` false). */
  settleEdit(id: string, isApproved: boolean): Promise<Comment> {
    const action = isApproved ? 'approve' : 'reject';
    return this.#request(`comments/${encodeURIComponent(id)}/edit/${action}`, ChangedCommentSchema, {
      method: 'POST',
    });
  }

  /** Publishes a held comment. */
  approve(id: string): Promise<Comment> {
    return this.#request(`comments/${encodeURIComponent(id)}/approve`, ChangedCommentSchema, {
      method: 'POST',
    });
  }

  /** Turns a held comment into a tombstone. */
  reject(id: string): Promise<Comment> {
    return this.#request(`comments/${encodeURIComponent(id)}/reject`, ChangedCommentSchema, {
      method: 'POST',
    });
  }

  /** Deletes a comment, leaving a tombstone. */
  deleteComment(id: string): Promise<Comment> {
    return this.#request(`comments/${encodeURIComponent(id)}`, ChangedCommentSchema, { method: 'DELETE' });
  }

  /** Pins or unpins a comment. */
  pin(id: string, pinned: boolean): Promise<Comment> {
    return this.#request(`comments/${encodeURIComponent(id)}/pin`, ChangedCommentSchema, {
      method: 'POST',
      body: { pinned },
    });
  }

  /** How many comments and edits wait for a moderator, on every site. */
  queueCount(): Promise<QueueCount> {
    return this.#request('queue', QueueCountSchema);
  }

  /** One page of a site's threads, newest activity first; `before` is the previous page's `nextBefore`. */
  listThreads(site: string, before?: string): Promise<ThreadList> {
    return this.#request('threads', ThreadListSchema, { query: { site, before } });
  }

  /** The latest webhook deliveries of a site, or every site's without `site`, newest first. */
  async listWebhookDeliveries(site?: string): Promise<WebhookDelivery[]> {
    return (await this.#request('webhooks', WebhookDeliveryListSchema, { query: { site } })).deliveries;
  }

  /** Locks or unlocks a thread of a site. */
  lockThread(site: string, thread: string, locked: boolean): Promise<ThreadLock> {
    return this.#request('threads/lock', ThreadLockSchema, {
      method: 'POST',
      body: { site, thread, locked },
    });
  }

  /** A site's bans, or every site's without `site`. */
  async listBans(site?: string): Promise<Ban[]> {
    return (await this.#request('bans', BanListSchema, { query: { site } })).bans;
  }

  /** Adds a ban. */
  addBan(ban: NewBan): Promise<Ban> {
    return this.#request('bans', BanSchema, { method: 'POST', body: ban });
  }

  /** Lifts a ban. */
  async removeBan(id: number): Promise<void> {
    await this.#request(`bans/${encodeURIComponent(String(id))}`, null, { method: 'DELETE' });
  }

  /** The latest `limit` audit entries, newest first. */
  async listAudit(limit: number): Promise<AuditEntry[]> {
    return (await this.#request('audit', AuditListSchema, { query: { limit } })).entries;
  }

  /**
   * A site's export (docs/export-format.md) as a file, and the name the server gave it; with
   * `includePrivate`, the authors' private fields, the votes and the bans too.
   */
  async exportSite(site: string, includePrivate: boolean): Promise<SiteExport> {
    const url = new URL(`sites/${encodeURIComponent(site)}/export`, this.#base);
    if (includePrivate) url.searchParams.set('private', '1');
    const response = await this.#fetch(url, { Accept: 'application/x-ndjson' });
    if (!response.ok) throw await readError(response);
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch {
      // The server breaks a failed export off midway rather than end it as if complete.
      throw new AdminApiError(response.status, 'network', adminMessages.exportBroken);
    }
    const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
    return { blob, fileName: named ?? `hearth-${site}.ndjson` };
  }

  async #request<T>(path: string, schema: z.ZodMiniType<T>, options?: RequestOptions): Promise<T>;
  async #request(path: string, schema: null, options?: RequestOptions): Promise<void>;
  async #request<T>(
    path: string,
    schema: z.ZodMiniType<T> | null,
    options: RequestOptions = {},
  ): Promise<T | void> {
    const url = new URL(path, this.#base);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.#fetch(
      url,
      headers,
      options.method ?? 'GET',
      options.body === undefined ? undefined : JSON.stringify(options.body),
    );
    if (!response.ok) throw await readError(response);
    if (schema === null) return;
    const parsed = schema.safeParse(
      await response.json().catch((error) => void warnInDev('unreadable response', error)),
    );
    if (!parsed.success) throw new AdminApiError(response.status, 'bad_response', adminMessages.badResponse);
    return parsed.data;
  }

  /** Sends one request with the admin's token; a failure to reach the server is an AdminApiError. */
  async #fetch(url: URL, headers: Record<string, string>, method = 'GET', body?: string): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { ...headers, Authorization: `Bearer ${this.#token}` },
        body,
        // Moderators act on what is there now, never on a cached list.
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new AdminApiError(0, 'network', adminMessages.networkError);
    }
  }
}

/** The server's `{error:{code,message}}`, or a generic message naming the status. */
async function readError(response: Response): Promise<AdminApiError> {
  const parsed = ErrorResponseSchema.safeParse(
    await response.json().catch((error) => void warnInDev('unreadable error response', error)),
  );
  if (parsed.success) {
    return new AdminApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  }
  return new AdminApiError(response.status, 'bad_response', adminMessages.httpError(response.status));
}
