import autocannon from 'autocannon';
import type { LoadRun } from './load-paced.js';

export interface AutocannonOptions {
  path: string;
  headers?: Record<string, string>;
  durationMs: number;
  /** Keep-alive connections, each sending its next request when the last is answered. */
  connections: number;
  /**
   * autocannon's `overallRate`, requests a second over all connections; absent: as fast as the
   * server answers. autocannon sends each connection's share for a second back to back as the
   * second starts, so a rated run is a burst a second, not an even rate (see load-paced.ts).
   */
  overallRate?: number;
}

/** Runs autocannon against `origin` and reports it like a paced run. */
export async function runAutocannon(origin: string, options: AutocannonOptions): Promise<LoadRun> {
  const result = await autocannon({
    url: new URL(options.path, origin).href,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationMs / 1000,
    ...(options.overallRate === undefined
      ? {}
      : // Its correction assumes a 1 ms interval per connection and adds made-up samples.
        { overallRate: options.overallRate, ignoreCoordinatedOmission: true }),
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count ?? 0)]),
  );
  return {
    targetRate: options.overallRate ?? null,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses,
    unexpected: result['1xx'] + result['4xx'] + result['5xx'],
    errors: result.errors,
  };
}
