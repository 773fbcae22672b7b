import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPaced, type LoadRun } from './load-paced.js';

/**
 * Runs the paced client against a trivial server in this process that answers every request
 * with the same `bodyBytes` of JSON: what the load generator and the machine manage with no
 * Hearth work at all. A p99 far above a millisecond or two here means the machine is busy with
 * something else, and every other number of the run is pessimistic.
 */
export async function measureCalibration(
  rate: number,
  durationMs: number,
  bodyBytes: number,
): Promise<LoadRun> {
  const body = Buffer.from(JSON.stringify({ padding: 'x'.repeat(Math.max(0, bodyBytes - 14)) }));
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await runPaced(`http://127.0.0.1:${port}/`, {
      rate,
      durationMs,
      buildRequest: () => ({ method: 'GET', path: '/' }),
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
