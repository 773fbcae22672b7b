import type { AbuseGuard } from './abuse/abuse-guard.js';
import type { CountAdminAttempt } from './admin/admin-token-throttle.js';
import type { AuditRecorder } from './admin/audit-log.js';
import type { ServerConfig } from './config.js';
import type { CompressBody } from './http/compress-body.js';
import type { JobWaker, QueueCommentEvent } from './jobs/comment-events.js';
import type { ChangeNotifier } from './live/change-notifier.js';
import type { SiteConfig } from './site-config.js';
import type { CommentStore } from './store/comment-store.js';

/** What the route modules share: built once per app by `createApp`. */
export interface AppDeps {
  store: CommentStore;
  config: ServerConfig;
  /** The salted, rotating hash of a client address (see security/ip-hash.ts); null for null. */
  hashIp: (ip: string | null, nowMs: number) => Promise<string | null>;
  abuse: AbuseGuard;
  /** Writes who did what for every admin action (see admin/audit-log.ts). */
  audit: AuditRecorder;
  /** Counts admin tokens presented, per network, wherever they are accepted (admin/admin-token-throttle.ts). */
  countAdminAttempt: CountAdminAttempt;
  /** Tells readers' event streams (in every process) that a thread changed; publish after a write commits. */
  changes: ChangeNotifier;
  /** Compresses bodies when `config.compression` is on. */
  compress: CompressBody;
  /**
   * Queues what a write did to a comment for emails and webhooks (jobs/comment-events.ts); call
   * it after the write commits, before answering.
   */
  queueEvent: QueueCommentEvent;
}

/** What `createApp` may be handed besides the store; each has an in-process default. */
export interface AppServices {
  /** Default: fan-out inside this process (live/local-change-notifier.ts). */
  changes?: ChangeNotifier;
  /** Default: node:zlib, asynchronously (http/compress-body.ts); tests wrap it to count calls. */
  compress?: CompressBody;
  /**
   * Told when a job is queued: the process's job worker (jobs/hearth-jobs.ts). Default: none,
   * so jobs wait in the store for a worker to look.
   */
  jobs?: JobWaker;
}

/** Hono's per-request variables, set by middleware/site.ts for every `/api/*` request. */
export interface AppEnv {
  Variables: {
    /**
     * The site the request is for, from its Origin (or the default site without one). Set for
     * every `/api/*` request except `/api/v1/admin/*`, whose routes name their site themselves.
     */
    site: SiteConfig;
    /** `AppDeps.countAdminAttempt`, for code that sees the request but not the deps. Set for every `/api/*` request. */
    countAdminAttempt: CountAdminAttempt;
  };
}
