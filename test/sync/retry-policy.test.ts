import { expect } from '@open-wc/testing';
import {
  baseRetryDelayMs,
  maxRetryDelayMs,
  parseRetryAfterMs,
  retryDelayMs,
} from '../../src/sync/retry-policy.js';

const low = () => 0;
const high = () => 1;
const hourMs = 60 * 60_000;

describe('retryDelayMs', () => {
  it('gives the base delay for attempts 0 and 1', () => {
    for (const attempts of [0, 1]) {
      expect(retryDelayMs(attempts, high)).to.equal(baseRetryDelayMs);
      expect(retryDelayMs(attempts, low)).to.equal(baseRetryDelayMs / 2);
    }
  });

  it('doubles the ceiling with each attempt', () => {
    for (let attempts = 1; attempts <= 6; attempts += 1) {
      const ceiling = baseRetryDelayMs * 2 ** (attempts - 1);
      expect(retryDelayMs(attempts, high), `attempt ${attempts} ceiling`).to.equal(ceiling);
      expect(retryDelayMs(attempts, low), `attempt ${attempts} floor`).to.equal(ceiling / 2);
    }
  });

  it('keeps jittered delays between half the ceiling and the ceiling', () => {
    for (let attempts = 1; attempts <= 12; attempts += 1) {
      const floor = retryDelayMs(attempts, low);
      const ceiling = retryDelayMs(attempts, high);
      expect(floor).to.equal(ceiling / 2);
      const middle = retryDelayMs(attempts, () => 0.5);
      expect(middle).to.be.within(floor, ceiling);
      const random = retryDelayMs(attempts);
      expect(random).to.be.within(floor, ceiling);
    }
  });

  it('caps at maxRetryDelayMs', () => {
    for (const attempts of [9, 10, 20, 100, 1_000]) {
      expect(retryDelayMs(attempts, high)).to.equal(maxRetryDelayMs);
      expect(retryDelayMs(attempts, low)).to.equal(maxRetryDelayMs / 2);
    }
  });

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(retryDelayMs(3, () => 0.123456))).to.equal(true);
  });
});

describe('parseRetryAfterMs', () => {
  const nowMs = Date.UTC(2026, 10, 1, 12, 0, 0);

  it('reads seconds', () => {
    expect(parseRetryAfterMs('0', nowMs)).to.equal(0);
    expect(parseRetryAfterMs('30', nowMs)).to.equal(30_000);
    expect(parseRetryAfterMs(' 120 ', nowMs)).to.equal(120_000);
  });

  it('reads an HTTP date relative to nowMs', () => {
    const header = new Date(nowMs + 90_000).toUTCString();
    expect(parseRetryAfterMs(header, nowMs)).to.equal(90_000);
    expect(parseRetryAfterMs('Sun, 01 Nov 2026 12:05:00 GMT', nowMs)).to.equal(5 * 60_000);
  });

  it('reads a date in the past as no wait', () => {
    expect(parseRetryAfterMs('Sun, 01 Nov 2026 11:00:00 GMT', nowMs)).to.equal(0);
    expect(parseRetryAfterMs(new Date(nowMs - 1).toUTCString(), nowMs)).to.equal(0);
  });

  it('reads an absent or unreadable header as null', () => {
    expect(parseRetryAfterMs(null, nowMs)).to.equal(null);
    expect(parseRetryAfterMs('', nowMs)).to.equal(null);
    expect(parseRetryAfterMs('soon', nowMs)).to.equal(null);
    expect(parseRetryAfterMs('not a date at all', nowMs)).to.equal(null);
  });

  it('caps the wait at one hour', () => {
    expect(parseRetryAfterMs('3600', nowMs)).to.equal(hourMs);
    expect(parseRetryAfterMs('86400', nowMs)).to.equal(hourMs);
    expect(parseRetryAfterMs(new Date(nowMs + 3 * hourMs).toUTCString(), nowMs)).to.equal(hourMs);
  });
});
