import assert from 'node:assert/strict';
import { type AgentWorldError, type ErrorCode, isAgentWorldError } from '../../src/core/errors.js';

/** Awaits a promise that must reject with an AgentWorldError of `code`, and returns that error. */
export async function expectAgentWorldError(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<AgentWorldError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAgentWorldError(error), `expected an AgentWorldError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}
