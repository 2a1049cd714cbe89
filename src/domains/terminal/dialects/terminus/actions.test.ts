import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../../../core/errors.js';
import { isTerminalCompletion, parseTerminalAction, parseTerminusReply } from './actions.js';
import { isTerminalControlKey, isTerminalEnterKey } from './keystrokes.js';

function invalidAt(input: unknown, path: string, messagePart?: string): void {
  assert.throws(
    () => parseTerminalAction(input),
    (error: unknown) => {
      assert.ok(error instanceof AgentWorldError);
      assert.equal(error.code, 'INVALID_ACTION');
      assert.equal(error.details.path, path);
      if (messagePart !== undefined) assert.match(error.message, new RegExp(messagePart));
      return true;
    },
  );
}

describe('parseTerminalAction', () => {
  it('accepts a command array and fills the default duration', () => {
    assert.deepEqual(
      parseTerminalAction([{ keystrokes: 'ls -la\n' }, { keystrokes: 'make\n', duration: 30 }]),
      [
        { keystrokes: 'ls -la\n', duration: 1 },
        { keystrokes: 'make\n', duration: 30 },
      ],
    );
  });

  it('accepts the same action as JSON text', () => {
    assert.deepEqual(parseTerminalAction('[{"keystrokes":"pwd\\n","duration":0.1}]'), [
      { keystrokes: 'pwd\n', duration: 0.1 },
    ]);
  });

  it('reports text that is not JSON with the parser message', () => {
    invalidAt('[{"keystrokes": "ls"', '$', 'not valid JSON \\(');
    invalidAt('ls -la', '$', 'not valid JSON');
  });

  it('names the path of a bad field', () => {
    invalidAt([{ keystrokes: 'ls\n', duration: -1 }], '$[0].duration');
    invalidAt([{ duration: 1 }], '$[0].keystrokes');
    invalidAt([{ keystrokes: 42 }], '$[0].keystrokes');
    invalidAt([{ duration: 1 }], '$[0].keystrokes', "Command 1 missing required 'keystrokes' field");
    invalidAt(['ls'], '$[0]', 'Command 1 must be an object');
  });

  it('waits the default 1.0 for a duration that is not a number, with the warning Terminus-2 gives', () => {
    const reply = parseTerminusReply({
      analysis: '',
      plan: '',
      commands: [{ keystrokes: 'ls\n', duration: 'x' }],
    });
    assert.deepEqual(reply.commands, [{ keystrokes: 'ls\n', duration: 1 }]);
    assert.deepEqual(reply.warnings, ['Command 1: Invalid duration value, using default 1.0']);
    assert.deepEqual(parseTerminalAction([{ keystrokes: 'ls\n', duration: 'soon' }]), [
      { keystrokes: 'ls\n', duration: 1 },
    ]);
  });

  it('reads an XML reply as its keystroke batch', () => {
    assert.deepEqual(
      parseTerminalAction(
        '<response><analysis>a</analysis><plan>p</plan><commands>' +
          '<keystrokes duration="0.1">ls -la\n</keystrokes></commands></response>',
      ),
      [{ keystrokes: 'ls -la\n', duration: 0.1 }],
    );
    invalidAt('<response><analysis>a</analysis></response>', '$', 'Missing <commands> section');
  });

  it('clamps a duration above 60 seconds as Terminus-2 does', () => {
    assert.deepEqual(parseTerminalAction([{ keystrokes: 'ls\n' }, { keystrokes: 'x', duration: 601 }]), [
      { keystrokes: 'ls\n', duration: 1 },
      { keystrokes: 'x', duration: 60 },
    ]);
  });

  it('drops unknown command fields with a warning, as Terminus-2 does', () => {
    assert.deepEqual(parseTerminalAction([{ keystrokes: 'ls\n', foo: 1 }]), [
      { keystrokes: 'ls\n', duration: 1 },
    ]);
    const reply = parseTerminusReply({
      analysis: '',
      plan: '',
      commands: [{ keystrokes: 'ls\n', duration: 1, bar: true }],
      extra: 1,
    });
    assert.deepEqual(reply.commands, [{ keystrokes: 'ls\n', duration: 1 }]);
    assert.deepEqual(reply.warnings, ['Command 1: Unknown fields: bar']);
  });

  it('rejects values that are neither an array nor a reply object', () => {
    invalidAt(7, '$');
    invalidAt('"ls"', '$', 'got string');
    invalidAt(null, '$');
  });

  it('keeps tmux keys and empty waits verbatim', () => {
    const action = parseTerminalAction([
      { keystrokes: 'C-c' },
      { keystrokes: '', duration: 5 },
      { keystrokes: 'Escape', duration: 0.1 },
      { keystrokes: ':wq\n' },
    ]);
    assert.deepEqual(action, [
      { keystrokes: 'C-c', duration: 1 },
      { keystrokes: '', duration: 5 },
      { keystrokes: 'Escape', duration: 0.1 },
      { keystrokes: ':wq\n', duration: 1 },
    ]);
  });

  it('normalises a Terminus-2 reply to its commands', () => {
    const reply = {
      analysis: 'The build failed.',
      plan: 'Install the library, then rebuild.',
      commands: [{ keystrokes: 'make\n', duration: 30 }],
      task_complete: false,
    };
    assert.deepEqual(parseTerminalAction(reply), [{ keystrokes: 'make\n', duration: 30 }]);
    assert.deepEqual(parseTerminalAction(JSON.stringify(reply)), [{ keystrokes: 'make\n', duration: 30 }]);
  });

  it('turns a completion reply into [] and an empty non-final reply into a wait', () => {
    assert.deepEqual(
      parseTerminalAction({ analysis: 'done', plan: '', commands: [], task_complete: true }),
      [],
    );
    assert.deepEqual(parseTerminalAction({ analysis: '', plan: '', commands: [] }), [
      { keystrokes: '', duration: 1 },
    ]);
  });

  it('keeps the commands of a completing reply: they run before the confirmation', () => {
    const reply = parseTerminusReply({
      analysis: 'done',
      plan: 'save, then finish',
      commands: [{ keystrokes: 'sync\n', duration: 0.1 }],
      task_complete: 'True',
    });
    assert.equal(reply.taskComplete, true);
    assert.deepEqual(reply.commands, [{ keystrokes: 'sync\n', duration: 0.1 }]);
    assert.deepEqual(parseTerminalAction(reply.commands), [{ keystrokes: 'sync\n', duration: 0.1 }]);
  });

  it('rejects a reply missing analysis, plan or commands as Terminus-2 does', () => {
    invalidAt({ task_complete: true }, '$.analysis', 'Missing required fields: analysis, plan, commands');
    invalidAt({ analysis: 'thinking' }, '$.plan', 'Missing required fields: plan, commands');
    invalidAt({ analysis: '', plan: '', commands: 'ls' }, '$.commands', "Field 'commands' must be an array");
  });

  it('marks only [] as completion', () => {
    assert.equal(isTerminalCompletion(parseTerminalAction([])), true);
    assert.equal(isTerminalCompletion(parseTerminalAction([{ keystrokes: '' }])), false);
  });
});

describe('isTerminalControlKey', () => {
  it('recognises whole tmux key names only', () => {
    for (const key of [
      'C-c',
      'C-d',
      'C-z',
      'C-l',
      'Escape',
      'Enter',
      'Tab',
      'Up',
      'M-x',
      'C-M-a',
      'F5',
      'KPEnter',
    ]) {
      assert.equal(isTerminalControlKey(key), true, key);
    }
    for (const text of ['ls', 'C-c\n', 'echo C-c', 'Enter\n', 'c', '', 'Ctrl-C', 'escape']) {
      assert.equal(isTerminalControlKey(text), false, JSON.stringify(text));
    }
    assert.equal(isTerminalEnterKey('C-m'), true);
    assert.equal(isTerminalEnterKey('C-c'), false);
  });
});
