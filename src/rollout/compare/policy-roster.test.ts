import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { loadedTask, terminalReplay } from '../test-support.js';
import { parseRoster, parseRosterEntry, policyOfEntry } from './policy-roster.js';

const refused = (text: string, pattern: RegExp) =>
  assert.throws(
    () => parseRosterEntry(text),
    (error) => isAgentWorldError(error, 'INVALID_REQUEST') && pattern.test(error.message),
    text,
  );

describe('the policy roster', () => {
  it('reads the built-in policies, fractions, chat models and ids', () => {
    assert.deepEqual(parseRosterEntry('solution'), { id: 'solution', kind: 'solution' });
    assert.deepEqual(parseRosterEntry('noop'), { id: 'noop', kind: 'noop' });
    assert.deepEqual(parseRosterEntry('partial'), { id: 'partial', kind: 'partial', fraction: 0.5 });
    assert.deepEqual(parseRosterEntry('partial:0.25'), {
      id: 'partial-0.25',
      kind: 'partial',
      fraction: 0.25,
    });
    assert.deepEqual(parseRosterEntry('quarter=partial:0.25'), {
      id: 'quarter',
      kind: 'partial',
      fraction: 0.25,
    });
    assert.deepEqual(parseRosterEntry('chat:http://127.0.0.1:8001/v1#Qwen/Qwen3-8B'), {
      id: 'Qwen-Qwen3-8B',
      kind: 'chat',
      baseUrl: 'http://127.0.0.1:8001/v1',
      model: 'Qwen/Qwen3-8B',
    });
    // A URL with a query string and a model with a '#': the id is before the first '=', the model after the last '#'.
    assert.deepEqual(parseRosterEntry('small=chat:https://host/v1?key=a#b#m'), {
      id: 'small',
      kind: 'chat',
      baseUrl: 'https://host/v1?key=a#b',
      model: 'm',
    });
  });

  it('refuses what it cannot read, saying why', () => {
    refused('oracle', /unknown policy "oracle"/);
    refused('solution:2', /solution takes no argument/);
    refused('partial:', /between 0 and 1/);
    refused('partial:1.5', /between 0 and 1/);
    refused('partial:half', /between 0 and 1/);
    refused('chat:http://127.0.0.1/v1', /chat:URL#MODEL/);
    refused('chat:ftp://host/v1#m', /not an http\(s\) URL/);
    assert.throws(
      () => parseRoster(['noop', 'solution', 'noop']),
      (error) =>
        isAgentWorldError(error, 'INVALID_REQUEST') && /Two policies are named "noop"/.test(error.message),
    );
  });

  it("builds each policy over the tasks' solutions, and refuses a task without one", async () => {
    const { spec } = await terminalReplay();
    const solution = [[{ keystrokes: 'ls\n', duration: 1 }], [{ keystrokes: 'pwd\n', duration: 1 }]];
    const tasks = [loadedTask('t', spec, { solution })];
    const instruction = tasks[0]?.task.instruction ?? '';
    const partial = policyOfEntry({ id: 'p', kind: 'partial', fraction: 0.5 }, tasks).factory(
      spec,
      instruction,
      0,
    );
    assert.equal(partial.id, 'partial');
    assert.deepEqual((await partial.decide({ step: 0, spec, observation: '' })).action, solution[0]);
    const full = policyOfEntry({ id: 's', kind: 'solution' }, tasks).factory(spec, instruction, 0);
    assert.equal(full.id, 'solution');
    const bare = [loadedTask('bare', spec)];
    const factory = policyOfEntry({ id: 's', kind: 'solution' }, bare).factory;
    assert.throws(
      () => factory(spec, bare[0]?.task.instruction ?? '', 0),
      (error) =>
        isAgentWorldError(error, 'INVALID_REQUEST') && /task "bare" has no solution/.test(error.message),
    );
    const chat = policyOfEntry(
      { id: 'small', kind: 'chat', baseUrl: 'http://127.0.0.1:1/v1', model: 'm' },
      tasks,
    ).factory(spec, instruction, 0);
    assert.equal(chat.id, 'small');
  });
});
