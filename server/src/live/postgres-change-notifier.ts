import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeNotifier, ThreadChangeNotice } from './change-notifier.js';
import { createListenerRegistry } from './local-change-notifier.js';
import { createPgPool, pgClientConfig } from '../store/postgres-pool.js';
import { LogLevel, logProblem } from '../log/log-line.js';

/** The PostgreSQL channel every Hearth process LISTENs on. */
const changeChannel = 'hearth_changes';

/** What `createPostgresChangeNotifier` needs; only the URL is required. */
export interface PostgresChangeNotifierOptions {
  /** A `postgres://` URL. */
  connectionString: string;
  /** First wait before reconnecting a lost listener, in ms, doubling up to `maxReconnectDelayMs`; default 250. */
  minReconnectDelayMs?: number;
  /** Longest wait between reconnects, in ms; default 10 000. */
  maxReconnectDelayMs?: number;
  /** Where connection trouble is reported; default `console.error`. */
  logError?: (message: string, error: unknown) => void;
}

/**
 * Carries thread changes between every process over one PostgreSQL database with
 * LISTEN/NOTIFY: each process holds one dedicated listening connection, and publishes with
 * `pg_notify` through a small pool. Resolves once the listener is connected (rejects if it
 * cannot connect).
 *
 * Invariants:
 * - A process hears its own notices at once, without the database round trip; the copy that
 *   comes back through the database is recognised by the process id in it and dropped.
 * - NOTIFY is lost while a listener is disconnected, so after every reconnect each local
 *   subscriber gets a notice with seq 0 and its reader pulls (the change feed is the truth).
 */
export async function createPostgresChangeNotifier(
  options: PostgresChangeNotifierOptions,
): Promise<ChangeNotifier> {
  const { connectionString } = options;
  const minDelayMs = options.minReconnectDelayMs ?? 250;
  const maxDelayMs = options.maxReconnectDelayMs ?? 10_000;
  const logError =
    options.logError ??
    ((message, error) =>
      logProblem(LogLevel.error, { event: 'change_listener_error', msg: `Hearth: ${message}`, error }));
  const processId = randomUUID();
  const registry = createListenerRegistry();
  // Publishing needs no session of its own: two connections keep a burst of writes flowing.
  const pool = createPgPool(connectionString, { max: 2 });
  let listener: pg.Client | null = null;
  let isClosed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let delayMs = minDelayMs;

  const handleNotification = (message: pg.Notification): void => {
    if (message.channel !== changeChannel || message.payload === undefined) return;
    const notice = parseNotice(message.payload);
    if (!notice || notice.origin === processId) return;
    registry.deliver({ site: notice.site, thread: notice.thread, seq: notice.seq });
  };

  const connectListener = async (): Promise<void> => {
    // Keep-alive lets a silently dropped connection (a NAT, a failover) surface as an error.
    const client = new pg.Client({
      ...pgClientConfig(connectionString),
      keepAlive: true,
      application_name: 'hearth-listen',
    });
    client.on('notification', handleNotification);
    client.on('error', (error) => {
      logError('the change listener lost its database connection; reconnecting', error);
      dropListener(client);
    });
    client.on('end', () => dropListener(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${changeChannel}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (isClosed) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
  };

  /** Forgets a listener that failed, and tries again with backoff. */
  const dropListener = (client: pg.Client): void => {
    if (listener !== client || isClosed) return;
    listener = null;
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    if (isClosed || reconnectTimer) return;
    reconnectTimer = setTimeout(async () => {
      reconnectTimer = undefined;
      try {
        await connectListener();
        delayMs = minDelayMs;
        registry.deliverToAll();
      } catch (error) {
        logError('cannot reconnect the change listener; trying again', error);
        delayMs = Math.min(delayMs * 2, maxDelayMs);
        scheduleReconnect();
      }
    }, delayMs);
  };

  await connectListener();

  return {
    publish(notice) {
      const { site, thread, seq } = notice;
      registry.deliver({ site, thread, seq });
      if (isClosed) return;
      const payload = JSON.stringify({ origin: processId, site, thread, seq });
      pool
        .query('SELECT pg_notify($1, $2)', [changeChannel, payload])
        .catch((error: unknown) => logError('cannot send a change notification', error));
    },
    subscribe: (site, thread, listener, onClose) => registry.subscribe(site, thread, listener, onClose),
    async close() {
      isClosed = true;
      clearTimeout(reconnectTimer);
      registry.clear();
      const client = listener;
      listener = null;
      client?.removeAllListeners('end');
      await Promise.allSettled([client?.end(), pool.end()]);
    },
  };
}

/** A notice as another process sent it, or null for a payload that is not one. */
function parseNotice(payload: string): (ThreadChangeNotice & { origin: string }) | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null) return null;
    const { origin, site, thread, seq } = value as Record<string, unknown>;
    if (typeof origin !== 'string' || typeof site !== 'string' || typeof thread !== 'string') return null;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
    return { origin, site, thread, seq };
  } catch {
    return null;
  }
}
