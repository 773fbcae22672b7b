import type Database from 'better-sqlite3';

/**
 * SQLite schema migrations, in order. Entry N takes a database from `PRAGMA user_version` N
 * to N + 1. Append only: never edit or reorder an entry once it has shipped.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE comments (
    id TEXT PRIMARY KEY NOT NULL,
    thread TEXT NOT NULL,
    parent_id TEXT REFERENCES comments(id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    seq INTEGER NOT NULL UNIQUE
  ) STRICT;

  CREATE INDEX comments_thread_seq ON comments (thread, seq);

  -- The change sequence lives apart from the rows so a value is never reused, even if the
  -- newest row is later removed; it is bumped inside each write transaction.
  CREATE TABLE change_seq (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    value INTEGER NOT NULL
  ) STRICT;

  INSERT INTO change_seq (only_row, value) VALUES (1, 0);
  `,
  // 2 (#5): sites, authors' private details, edits, pins, moderation and abuse defence.
  `
  -- Rows written before sites existed belong to the default site.
  ALTER TABLE comments ADD COLUMN site TEXT NOT NULL DEFAULT 'demo';
  ALTER TABLE comments ADD COLUMN author_token_hash TEXT;
  ALTER TABLE comments ADD COLUMN user_id TEXT;
  ALTER TABLE comments ADD COLUMN email TEXT;
  ALTER TABLE comments ADD COLUMN ip_hash TEXT;
  ALTER TABLE comments ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN avatar_url TEXT;
  ALTER TABLE comments ADD COLUMN edited_at_ms INTEGER;
  ALTER TABLE comments ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;

  -- Threads are per site now, so the feed's index leads with the site.
  DROP INDEX comments_thread_seq;
  CREATE INDEX comments_site_thread_seq ON comments (site, thread, seq);
  -- The moderation queue: newest first within a status.
  CREATE INDEX comments_status_seq ON comments (status, seq);
  -- Duplicate checks and first-time moderation by network.
  CREATE INDEX comments_ip_created ON comments (ip_hash, created_at_ms);
  -- First-time moderation and bans by SSO user or email.
  CREATE INDEX comments_user_id ON comments (user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX comments_email ON comments (email) WHERE email IS NOT NULL;

  -- Only locked threads need a row.
  CREATE TABLE threads (
    site TEXT NOT NULL,
    thread TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, thread)
  ) STRICT;

  -- AUTOINCREMENT so a lifted ban's id is never handed to a new one.
  CREATE TABLE bans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'email', 'ip')),
    value TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL
  ) STRICT;

  CREATE INDEX bans_site_kind_value ON bans (site, kind, value);

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    site TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
  ) STRICT;

  -- Secrets the server makes for itself (e.g. the IP-hash key) so every process agrees.
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
  ) STRICT;
  `,
  // 3 (#6): upvotes, comment counts, and abuse state shared by every process on the file.
  `
  ALTER TABLE comments ADD COLUMN votes INTEGER NOT NULL DEFAULT 0;

  -- One row per voter per comment; the count on the comment moves in the same transaction.
  CREATE TABLE votes (
    site TEXT NOT NULL,
    comment_id TEXT NOT NULL REFERENCES comments(id),
    voter_key TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (comment_id, voter_key)
  ) STRICT;

  -- <hearth-count> asks for many threads at once; this answers each from the index alone.
  CREATE INDEX comments_site_thread_status ON comments (site, thread, status);

  -- Proof-of-work solutions already spent, until their challenge expires.
  CREATE TABLE used_solutions (
    key TEXT PRIMARY KEY NOT NULL,
    expires_at_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX used_solutions_expires ON used_solutions (expires_at_ms);

  -- Post rate limits, one fixed-window counter per key (abuse/rate-limits.ts).
  CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY NOT NULL,
    count INTEGER NOT NULL,
    reset_at_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX rate_counters_reset ON rate_counters (reset_at_ms);
  `,
  // 4: a signed-in reader's votes are listed by voter (GET …/comments/mine).
  `
  CREATE INDEX votes_voter ON votes (voter_key, site);
  `,
  // 5 (#12): an edit held for a moderator waits beside the approved text; an anonymous vote
  // keeps its network (the day's IP hash) so one network counts once per comment.
  `
  ALTER TABLE comments ADD COLUMN pending_body TEXT;
  ALTER TABLE comments ADD COLUMN pending_at_ms INTEGER;
  CREATE INDEX comments_pending_edits ON comments (seq) WHERE pending_body IS NOT NULL;

  ALTER TABLE votes ADD COLUMN network_key TEXT;
  CREATE INDEX votes_network ON votes (comment_id, network_key) WHERE network_key IS NOT NULL;
  `,
  // 6: the feed sends each body's tree, kept beside the body when it is written (body-tree.ts);
  // rows from before hold NULL until store-open fills them in.
  `
  ALTER TABLE comments ADD COLUMN body_tree TEXT;
  `,
  // 7 (#14): a durable job queue for emails and webhooks (job-queue.ts), and the
  // indexes of the Atom feeds.
  `
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    subject TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL,
    run_at_ms INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER,
    last_error TEXT
  ) STRICT;
  CREATE INDEX jobs_due ON jobs (run_at_ms, id) WHERE state IN ('queued', 'running');
  CREATE INDEX jobs_subject ON jobs (subject) WHERE state = 'queued';
  CREATE INDEX jobs_created ON jobs (created_at_ms, id);
  CREATE INDEX jobs_finished ON jobs (finished_at_ms) WHERE finished_at_ms IS NOT NULL;

  -- A site's and a thread's latest published comments, for their feeds.
  CREATE INDEX comments_latest ON comments (site, created_at_ms) WHERE status = 'published';
  CREATE INDEX comments_thread_latest ON comments (site, thread, created_at_ms) WHERE status = 'published';
  `,
  // 8 (#14): reply notifications (notification-store.ts): readers' addresses and whether they
  // confirmed them, what each follows, and the comments waiting to be emailed to it.
  `
  CREATE TABLE email_addresses (
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'verified')),
    locale TEXT,
    confirm_token_hash TEXT,
    confirm_expires_at_ms INTEGER,
    verified_at_ms INTEGER,
    last_sent_at_ms INTEGER,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (site, email)
  ) STRICT;
  -- A token names one address: confirming looks it up by its hash alone.
  CREATE UNIQUE INDEX email_addresses_token ON email_addresses (confirm_token_hash)
    WHERE confirm_token_hash IS NOT NULL;

  -- comment_id '' follows the whole thread; the key makes subscribing again a no-op.
  CREATE TABLE subscriptions (
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    thread TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (site, email, thread, comment_id)
  ) STRICT;
  -- Who follows a thread ('') or a comment in it, when a comment arrives.
  CREATE INDEX subscriptions_thread ON subscriptions (site, thread, comment_id);

  CREATE TABLE notification_items (
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    thread TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('reply', 'thread')),
    created_at_ms INTEGER NOT NULL,
    page_url TEXT,
    sent_at_ms INTEGER,
    PRIMARY KEY (site, email, comment_id)
  ) STRICT;
  `,
];

/** Applies pending migrations, each in its own IMMEDIATE transaction with its version bump. */
export function migrateSqlite(db: Database.Database): void {
  const step = db.transaction((): boolean => {
    // Read inside the transaction: another process may have migrated while we waited.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > sqliteMigrations.length) {
      throw new Error(
        `The database is at schema version ${version}, newer than this server knows (${sqliteMigrations.length}). Upgrade Hearth.`,
      );
    }
    const migration = sqliteMigrations[version];
    if (migration === undefined) return false;
    db.exec(migration);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // Each pass applies one migration.
  }
}
