import type pg from 'pg';

/**
 * PostgreSQL schema migrations, in order. Entry N takes a database from schema version N to
 * N + 1 (kept in `hearth_schema_version`). Append only: never edit or reorder an entry once it
 * has shipped. Version N matches SQLite's version N + 2, so both dialects hold the same data.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    thread TEXT NOT NULL,
    parent_id TEXT REFERENCES comments (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('published', 'held', 'deleted')),
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    edited_at_ms BIGINT,
    pinned BOOLEAN NOT NULL DEFAULT false,
    votes INTEGER NOT NULL DEFAULT 0,
    seq BIGINT NOT NULL UNIQUE,
    author_token_hash TEXT,
    user_id TEXT,
    email TEXT,
    ip_hash TEXT,
    verified BOOLEAN NOT NULL DEFAULT false,
    avatar_url TEXT
  );

  CREATE INDEX comments_site_thread_seq ON comments (site, thread, seq);
  CREATE INDEX comments_site_thread_status ON comments (site, thread, status);
  CREATE INDEX comments_status_seq ON comments (status, seq);
  CREATE INDEX comments_ip_created ON comments (ip_hash, created_at_ms);
  CREATE INDEX comments_user_id ON comments (user_id) WHERE user_id IS NOT NULL;
  CREATE INDEX comments_email ON comments (email) WHERE email IS NOT NULL;

  -- The change sequence: one row whose lock every comment write holds until it commits, so
  -- seqs become visible in the order they were taken (docs/decisions/0005).
  CREATE TABLE change_seq (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    value BIGINT NOT NULL
  );
  INSERT INTO change_seq (only_row, value) VALUES (1, 0);

  CREATE TABLE votes (
    site TEXT NOT NULL,
    comment_id TEXT NOT NULL REFERENCES comments (id),
    voter_key TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (comment_id, voter_key)
  );

  -- Only locked threads need a row.
  CREATE TABLE threads (
    site TEXT NOT NULL,
    thread TEXT NOT NULL,
    locked BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (site, thread)
  );

  CREATE TABLE bans (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'email', 'ip')),
    value TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX bans_site_kind_value ON bans (site, kind, value);

  CREATE TABLE audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    site TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
  );

  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Proof-of-work solutions already spent, until their challenge expires.
  CREATE TABLE used_solutions (
    key TEXT PRIMARY KEY,
    expires_at_ms BIGINT NOT NULL
  );
  CREATE INDEX used_solutions_expires ON used_solutions (expires_at_ms);

  -- Post rate limits, one fixed-window counter per key (abuse/rate-limits.ts).
  CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at_ms BIGINT NOT NULL
  );
  CREATE INDEX rate_counters_reset ON rate_counters (reset_at_ms);
  `,
  // 2 (SQLite's 4): a signed-in reader's votes are listed by voter (GET …/comments/mine).
  `
  CREATE INDEX votes_voter ON votes (voter_key, site);
  `,
  // 3 (SQLite's 5, #12): an edit held for a moderator waits beside the approved text; an
  // anonymous vote keeps its network (the day's IP hash) so one network counts once per comment.
  `
  ALTER TABLE comments ADD COLUMN pending_body TEXT;
  ALTER TABLE comments ADD COLUMN pending_at_ms BIGINT;
  CREATE INDEX comments_pending_edits ON comments (seq) WHERE pending_body IS NOT NULL;

  ALTER TABLE votes ADD COLUMN network_key TEXT;
  CREATE INDEX votes_network ON votes (comment_id, network_key) WHERE network_key IS NOT NULL;
  `,
  // 4 (SQLite's 6): the feed sends each body's tree, kept beside the body when it is written
  // (body-tree.ts); rows from before hold NULL until store-open fills them in.
  `
  ALTER TABLE comments ADD COLUMN body_tree TEXT;
  `,
  // 5 (SQLite's 7, #14): a durable job queue for emails and webhooks (job-queue.ts), and the
  // indexes of the Atom feeds.
  `
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    subject TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL,
    run_at_ms BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    finished_at_ms BIGINT,
    last_error TEXT
  );
  CREATE INDEX jobs_due ON jobs (run_at_ms, id) WHERE state IN ('queued', 'running');
  CREATE INDEX jobs_subject ON jobs (subject) WHERE state = 'queued';
  CREATE INDEX jobs_created ON jobs (created_at_ms, id);
  CREATE INDEX jobs_finished ON jobs (finished_at_ms) WHERE finished_at_ms IS NOT NULL;

  -- A site's and a thread's latest published comments, for their feeds.
  CREATE INDEX comments_latest ON comments (site, created_at_ms) WHERE status = 'published';
  CREATE INDEX comments_thread_latest ON comments (site, thread, created_at_ms) WHERE status = 'published';
  `,
  // 6 (SQLite's 8, #14): reply notifications (notification-store.ts): readers' addresses and
  // whether they confirmed them, what each follows, and the comments waiting to be emailed to it.
  `
  CREATE TABLE email_addresses (
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'verified')),
    locale TEXT,
    confirm_token_hash TEXT,
    confirm_expires_at_ms BIGINT,
    verified_at_ms BIGINT,
    last_sent_at_ms BIGINT,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (site, email)
  );
  -- A token names one address: confirming looks it up by its hash alone.
  CREATE UNIQUE INDEX email_addresses_token ON email_addresses (confirm_token_hash)
    WHERE confirm_token_hash IS NOT NULL;

  -- comment_id '' follows the whole thread; the key makes subscribing again a no-op.
  CREATE TABLE subscriptions (
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    thread TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (site, email, thread, comment_id)
  );
  -- Who follows a thread ('') or a comment in it, when a comment arrives.
  CREATE INDEX subscriptions_thread ON subscriptions (site, thread, comment_id);

  CREATE TABLE notification_items (
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    thread TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('reply', 'thread')),
    created_at_ms BIGINT NOT NULL,
    page_url TEXT,
    sent_at_ms BIGINT,
    PRIMARY KEY (site, email, comment_id)
  );
  `,
];

/** The advisory-lock key migrations hold, so processes starting together migrate one at a time. */
const migrationLockKey = 0x4845_4152; // "HEAR"

/**
 * Applies pending migrations under a session advisory lock, each in its own transaction with
 * its version bump; a second process waits for the lock, then finds nothing left to do.
 * Throws when the database is newer than this server knows.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS hearth_schema_version (version INTEGER NOT NULL)');
      await client.query(
        'INSERT INTO hearth_schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM hearth_schema_version)',
      );
      for (;;) {
        const result = await client.query<{ version: number }>('SELECT version FROM hearth_schema_version');
        const version = result.rows[0]?.version ?? 0;
        if (version > postgresMigrations.length) {
          throw new Error(
            `The database is at schema version ${version}, newer than this server knows (${postgresMigrations.length}). Upgrade Hearth.`,
          );
        }
        const migration = postgresMigrations[version];
        if (migration === undefined) return;
        await client.query('BEGIN');
        try {
          await client.query(migration);
          await client.query('UPDATE hearth_schema_version SET version = $1', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    client.release();
  }
}
