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
];
