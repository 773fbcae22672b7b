import { buildCommentsUrl } from '../src/sync/api-urls.js';

/** One request the kit sent and what came back, kept whole so a failure can say both. */
export interface Exchange {
  method: string;
  url: string;
  /** The request body as sent, if any. */
  requestBody: string | undefined;
  status: number;
  headers: Headers;
  /** The response body as text ('' for HEAD and 304). */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** What a request carries besides its method and URL. */
export interface SendInit {
  headers?: Record<string, string>;
  body?: string;
}

/** How the kit talks to one endpoint, as one site (`origin`), in one thread. */
export interface KitClient {
  /** The endpoint, normalised to end in '/'. */
  endpoint: string;
  /** The `Origin` sent with every request. */
  origin: string;
  /** The thread the checks write to. */
  thread: string;
  /** Sends a request with `Origin`, waiting out a 429's `Retry-After` and sending it again. */
  send: (method: string, url: string, init?: SendInit) => Promise<Exchange>;
  /** The thread's comments URL, with `since` and `limit` when given (`thread` overrides the kit's). */
  feedUrl: (options?: { since?: string | null; limit?: number | string; thread?: string }) => string;
  /** The URL of one comment of the thread, for PATCH and DELETE. */
  commentUrl: (id: string) => string;
}

export interface KitClientOptions {
  endpoint: string;
  origin: string;
  thread: string;
  /** Told of each wait for `Retry-After`, in seconds; default: nothing. */
  onWait?: (seconds: number, exchange: Exchange) => void;
  /** How long one request may take before it counts as unanswered, in ms. Default 30,000. */
  requestTimeoutMs?: number;
}

/** The most times one request is sent again after a 429, and the longest wait the kit accepts. */
const maxPacedResends = 5;
const maxWaitSeconds = 600;

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function readRetryAfterSeconds(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? null : Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

/** Creates the client; the endpoint must already end in '/'. */
export function createKitClient(options: KitClientOptions): KitClient {
  const { endpoint, origin, thread } = options;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;

  async function sendOnce(method: string, url: string, init: SendInit): Promise<Exchange> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Origin: origin, ...init.headers },
        body: init.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new Error(`${method} ${url} got no answer (${cause})`, { cause: error });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      method,
      url,
      requestBody: init.body,
      status: response.status,
      headers: response.headers,
      text,
      json,
    };
  }

  return {
    endpoint,
    origin,
    thread,
    async send(method, url, init = {}) {
      for (let resends = 0; ; resends += 1) {
        const exchange = await sendOnce(method, url, init);
        const waitSeconds = readRetryAfterSeconds(exchange.headers.get('Retry-After'), Date.now());
        // too_many_attempts answers wrong admin tokens: waiting would not make one right.
        const isThrottle = exchange.status === 429 && !exchange.text.includes('too_many_attempts');
        const isPaced = isThrottle && waitSeconds !== null && waitSeconds <= maxWaitSeconds;
        if (!isPaced || resends === maxPacedResends) return exchange;
        options.onWait?.(waitSeconds, exchange);
        await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      }
    },
    feedUrl({ since = null, limit, thread: key = thread } = {}) {
      const url = new URL(buildCommentsUrl(endpoint, key, since));
      if (limit !== undefined) url.searchParams.set('limit', String(limit));
      return url.href;
    },
    commentUrl(id) {
      return new URL(
        `api/v1/threads/${encodeURIComponent(thread)}/comments/${encodeURIComponent(id)}`,
        endpoint,
      ).href;
    },
  };
}

/** An exchange in one line: method, path (relative to the endpoint), status and the start of the body. */
export function describeExchange(exchange: Exchange, endpoint: string): string {
  const path = exchange.url.startsWith(endpoint) ? exchange.url.slice(endpoint.length) : exchange.url;
  const body = exchange.text.length > 160 ? `${exchange.text.slice(0, 160)}…` : exchange.text;
  return `${exchange.method} ${path} answered ${exchange.status}${body === '' ? '' : ` ${body}`}`;
}
