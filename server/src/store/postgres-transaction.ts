import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK
 * when it throws. A connection whose ROLLBACK fails is discarded rather than reused.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      isBroken = true;
    });
    throw error;
  } finally {
    client.release(isBroken);
  }
}

/**
 * Locks the change sequence's row until the transaction ends. Every comment write takes it
 * first, so writers run one at a time, the checks they make see every earlier write, and seqs
 * commit in the order they are taken (docs/decisions/0005-change-sequence-on-postgresql.md).
 */
export async function lockChangeSeq(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT value FROM change_seq WHERE only_row = 1 FOR UPDATE');
}

/** Takes the next seq; call after {@link lockChangeSeq}, in the same transaction. */
export async function takeSeq(client: pg.PoolClient): Promise<number> {
  const result = await client.query<{ value: number }>(
    'UPDATE change_seq SET value = value + 1 WHERE only_row = 1 RETURNING value',
  );
  const seq = result.rows[0]?.value;
  if (seq === undefined) throw new Error('The change_seq row is missing; the database is damaged.');
  return seq;
}
