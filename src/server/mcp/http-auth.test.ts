import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost } from '../shared/loopback.js';

describe('isLoopbackHost', () => {
  it('accepts the loopback names and addresses only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['0.0.0.0', '10.0.0.1', 'example.com', '127.0.0.1.example.com', '::', '']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
