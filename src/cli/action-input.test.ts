import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionFromLine } from './action-input.js';

describe('actionFromLine (what sim makes of a typed line)', () => {
  it('terminal: a plain line is typed and run; JSON is taken as it is', () => {
    assert.deepEqual(actionFromLine('ls -la', 'terminal'), [{ keystrokes: 'ls -la\n', duration: 1 }]);
    assert.deepEqual(actionFromLine('[{"keystrokes":"q","duration":0.1}]', 'terminal'), [
      { keystrokes: 'q', duration: 0.1 },
    ]);
    // A shell test that starts with "[" is not JSON: it is typed.
    assert.deepEqual(actionFromLine('[ -d notes ] && echo yes', 'terminal'), [
      { keystrokes: '[ -d notes ] && echo yes\n', duration: 1 },
    ]);
  });

  it('tool domains: `name {json}`, a bare name, and arguments that are not JSON', () => {
    assert.deepEqual(actionFromLine('echo {"message": "hi"}', 'mcp'), {
      name: 'echo',
      arguments: { message: 'hi' },
    });
    assert.deepEqual(actionFromLine('  get-env  ', 'mcp'), { name: 'get-env', arguments: {} });
    assert.deepEqual(actionFromLine('web_search rust lifetimes', 'search'), {
      name: 'web_search',
      arguments: 'rust lifetimes',
    });
    assert.deepEqual(actionFromLine('{"name":"echo","arguments":{"message":"x"}}', 'mcp'), {
      name: 'echo',
      arguments: { message: 'x' },
    });
  });
});
