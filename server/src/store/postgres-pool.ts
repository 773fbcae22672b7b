import pg from 'pg';
import { LogLevel, logProblem } from '../log/log-line.js';

/** Most connections one process opens to PostgreSQL by default. */
const defaultPgPoolSize = 10;

/** PostgreSQL's type id for BIGINT (int8), which `pg` returns as a string unless told. */
const bigintOid = 20;

/** Reads a BIGINT as a number, refusing one past 2^53 rather than rounding it silently. */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} is beyond a safe integer.`);
  return value;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === bigintOid && format !== 'binary'
      ? parseBigint
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * The settings every Hearth connection to PostgreSQL uses (a pool's and a lone LISTEN
 * client's): the URL, BIGINTs as numbers, and a name that shows in `pg_stat_activity`.
 */
export function pgClientConfig(url: string): pg.ClientConfig {
  return { connectionString: url, types, application_name: 'hearth' };
}

/**
 * A connection pool for `url` with {@link pgClientConfig}; `max` defaults to
 * {@link defaultPgPoolSize}. An idle connection that dies (a database restart) is logged and
 * replaced on next use instead of crashing the process.
 */
export function createPgPool(url: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ ...pgClientConfig(url), max: options.max ?? defaultPgPoolSize });
  pool.on('error', (error) => {
    logProblem(LogLevel.error, {
      event: 'database_connection_failed',
      msg: 'Hearth: an idle PostgreSQL connection failed',
      error,
    });
  });
  return pool;
}
