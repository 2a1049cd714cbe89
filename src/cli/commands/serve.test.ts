import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { assertSafeBinding } from '../../server/http/server.js';
import { isLoopbackHost } from '../../server/shared/loopback.js';
import { serverKeys } from './serve.js';

describe('serve settings', () => {
  it('takes server keys from flags first, then AGENTWORLD_SERVER_KEYS', () => {
    assert.deepEqual(serverKeys(['a'], { AGENTWORLD_SERVER_KEYS: 'b,c' }), ['a']);
    assert.deepEqual(serverKeys(undefined, { AGENTWORLD_SERVER_KEYS: ' b , ,c ' }), ['b', 'c']);
    assert.deepEqual(serverKeys([], {}), []);
  });

  it('allows loopback without keys and refuses other addresses without strong keys', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.1.2.3'])
      assert.equal(isLoopbackHost(host), true);
    for (const host of ['0.0.0.0', '::', '192.168.1.4']) assert.equal(isLoopbackHost(host), false);
    assert.doesNotThrow(() => assertSafeBinding('127.0.0.1', []));
    assert.throws(
      () => assertSafeBinding('0.0.0.0', []),
      (error) => isAgentWorldError(error, 'CONFIG_INVALID'),
    );
    assert.throws(
      () => assertSafeBinding('0.0.0.0', ['short']),
      (error) => isAgentWorldError(error, 'CONFIG_INVALID'),
    );
    assert.doesNotThrow(() => assertSafeBinding('0.0.0.0', ['a-long-enough-key-123']));
  });
});
