import http from 'node:http';
import { percentile } from './stats.js';

/** What one load run measured. */
export interface LoadRun {
  /** Requests a second asked for; null for an unthrottled run. */
  targetRate: number | null;
  /** Responses a second received, over the run. */
  requestsPerSecond: number;
  /** Median and 99th-percentile latency, in ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Response count per HTTP status. */
  statuses: Record<string, number>;
  /** Responses outside 2xx and 3xx. */
  unexpected: number;
  /** Requests that got no response: connection errors and timeouts (10 s). */
  errors: number;
  /**
   * Paced runs only: true when the run stopped early because more than 2 s of requests were
   * waiting for answers: the server could not keep up with the rate.
   */
  isOverloaded?: boolean;
  /**
   * CPU time the server's processes spent per answered request, in ms (from the start of the
   * run to a pause after it): 1,000 / this is about what one core can answer a second, however
   * busy the machine was. NaN where /proc is missing.
   */
  serverCpuMsPerRequest?: number;
}

/** One request of a run; `body` is sent as JSON. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PacedOptions {
  /** Requests a second, spread evenly (one every 1/rate s), whatever the responses do. */
  rate: number;
  durationMs: number;
  /** Builds the nth request (from 0): a POST needs a new comment id each time. */
  buildRequest: (index: number) => LoadRequest;
}

const timeoutMs = 10_000;

/**
 * Sends requests to `origin` at a fixed rate, open loop: the nth leaves at start + n/rate
 * whether or not earlier ones were answered (autocannon's `overallRate` sends each connection's
 * quota for a second back to back at the start of that second instead, a burst). Latency counts
 * from when a request was due, so a stalled client or server cannot hide its delay.
 *
 * Invariants:
 * - round(rate × duration) requests are sent, over keep-alive connections opened as needed and
 *   reused oldest-first, so every process behind a shared port gets a share;
 * - unless 2 s worth of requests (2 × rate) await answers: then sending stops, the run counts
 *   as overloaded, and it ends when those are answered, rather than queue ever more;
 * - the promise settles once each request has a response or an error.
 */
export async function runPaced(origin: string, options: PacedOptions): Promise<LoadRun> {
  const { rate, durationMs, buildRequest } = options;
  let total = Math.round((rate * durationMs) / 1000);
  const maxWaiting = Math.max(2 * rate, 10);
  let isOverloaded = false;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'fifo' });
  const { hostname, port } = new URL(origin);
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  let settled = 0;
  let lastResponseMs = 0;
  const startMs = performance.now();

  await new Promise<void>((resolve) => {
    const settle = (): void => {
      settled++;
      if (settled === total && sent === total) resolve();
    };
    const send = (index: number, dueMs: number): void => {
      const { method, path, headers = {}, body } = buildRequest(index);
      // A connection cut mid-response may report on the response, the request, or both.
      let isDone = false;
      const fail = (): void => {
        if (isDone) return;
        isDone = true;
        errors++;
        settle();
      };
      const request = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        },
        (response) => {
          response.on('data', () => undefined);
          response.on('error', fail);
          response.on('end', () => {
            if (isDone) return;
            isDone = true;
            lastResponseMs = performance.now();
            latenciesMs.push(lastResponseMs - dueMs);
            const status = String(response.statusCode);
            statuses[status] = (statuses[status] ?? 0) + 1;
            settle();
          });
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy(new Error('timed out')));
      request.on('error', fail);
      request.end(body);
    };
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - startMs) * rate) / 1000) + 1);
      while (sent < due) {
        if (sent - settled >= maxWaiting) {
          isOverloaded = true;
          total = sent;
          if (settled === total) resolve();
          return;
        }
        send(sent, startMs + (sent * 1000) / rate);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    if (total === 0) resolve();
    else tick();
  });
  agent.destroy();

  const unexpected = Object.entries(statuses)
    .filter(([status]) => !/^[23]/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    targetRate: rate,
    requestsPerSecond: latenciesMs.length / (Math.max(lastResponseMs - startMs, 1) / 1000),
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    maxMs: latenciesMs.length === 0 ? Number.NaN : latenciesMs.reduce((max, ms) => Math.max(max, ms)),
    statuses,
    unexpected,
    errors,
    isOverloaded,
  };
}
