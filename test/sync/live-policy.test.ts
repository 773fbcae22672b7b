import { expect } from '@open-wc/testing';
import {
  computeNextPollDelayMs,
  computeSilenceLimitMs,
  defaultLiveTiming,
  readHeartbeatMs,
} from '../../src/sync/live-policy.js';

describe('live update policy', () => {
  const timing = { ...defaultLiveTiming, minPollDelayMs: 15_000, maxPollDelayMs: 300_000 };

  it('doubles the poll delay from 15 s up to 5 minutes while nothing changes', () => {
    const delays = [timing.minPollDelayMs];
    for (let i = 0; i < 6; i += 1) delays.push(computeNextPollDelayMs(delays.at(-1)!, false, timing));
    expect(delays).to.deep.equal([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });

  it('starts over at the shortest delay after a poll that found changes', () => {
    expect(computeNextPollDelayMs(240_000, true, timing)).to.equal(15_000);
  });

  it('gives a stream two heartbeats of silence before calling it cut', () => {
    expect(computeSilenceLimitMs(25_000)).to.equal(50_000);
  });

  it("reads the heartbeat from the server's hello, and keeps the default for anything else", () => {
    expect(readHeartbeatMs('{"heartbeatMs":1000}', 25_000)).to.equal(1_000);
    for (const data of ['', 'nope', 'null', '{}', '{"heartbeatMs":-5}', '{"heartbeatMs":"9"}']) {
      expect(readHeartbeatMs(data, 25_000), data).to.equal(25_000);
    }
  });
});
