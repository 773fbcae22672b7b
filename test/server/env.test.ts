import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost } from '../../server/src/env.js';

describe('isLoopbackHost', () => {
  it('knows the addresses only this machine can reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  it('treats every other HOST as reachable from other machines', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'example.org',
      'localhost.example',
      '128.0.0.1',
      '127.0.0.1.nip.io',
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
