import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SessionRecordSchema, type Turn } from '../../core/turn.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { resolveTerminalSetup } from '../../domains/terminal/index.js';
import { windowStart } from './context-window.js';
import { splitObservation } from './sequence-layout.js';
import {
  planAction,
  splitCommandLines,
  splitScreen,
  terminalContext,
  trailingPrompt,
} from './terminal-turns.js';

const setup = resolveTerminalSetup(
  WorldSpecSchema.parse({
    id: 'embedded-terminal',
    domain: 'terminal',
    initialState: { data: { cwd: '/home/user', user: 'user', host: 'sim', home: '/home/user' } },
  }),
);
const records = readFileSync(join(process.cwd(), 'training', 'fixtures', 'sessions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));

describe('terminal turns for the embedded model', () => {
  it('reads the prompt at the end of a screen, also after output without a final newline', () => {
    assert.equal(trailingPrompt('user@sim:~$ ls\na\nuser@sim:~/notes$ ', setup), 'user@sim:~/notes$ ');
    assert.equal(trailingPrompt('user@sim:~$ printf x\nxuser@sim:~$ ', setup), 'user@sim:~$ ');
    assert.equal(trailingPrompt('user@sim:~$ sleep 5\n', setup), undefined);
    assert.equal(trailingPrompt('user@sim:~$ half typed', setup), undefined);
  });

  it('feeds the engine the same prompt the training data shows for every fixture turn', () => {
    let compared = 0;
    for (const record of records) {
      let screen = record.initialObservation;
      for (const turn of record.turns) {
        const plan = planAction(turn.action);
        if (plan.kind !== 'commands' || plan.commands.length !== 1) break;
        const parts = splitObservation(turn.observation, plan.commands[0] as string);
        assert.ok(parts !== undefined, `${record.id} turn ${turn.index}`);
        assert.ok(
          parts.echo.startsWith(trailingPrompt(screen, setup) ?? '?'),
          `${record.id} turn ${turn.index}`,
        );
        screen = turn.observation;
        compared++;
      }
    }
    assert.ok(compared > 30);
  });

  it('splits typed text into the command lines bash runs', () => {
    assert.deepEqual(splitCommandLines('ls\npwd'), ['ls', 'pwd']);
    assert.deepEqual(splitCommandLines("cat > a <<'EOF'\none\nEOF\nls"), ["cat > a <<'EOF'\none\nEOF", 'ls']);
    assert.deepEqual(splitCommandLines("echo 'a\nb'\nls"), ["echo 'a\nb'", 'ls']);
    assert.deepEqual(planAction([{ keystrokes: 'ls\npwd\n', duration: 1 }]), {
      kind: 'commands',
      commands: ['ls', 'pwd'],
    });
    assert.deepEqual(planAction([]), { kind: 'completion' });
    assert.deepEqual(planAction([{ keystrokes: '', duration: 1 }]), { kind: 'wait' });
    assert.equal(planAction([{ keystrokes: 'C-c', duration: 1 }]).kind, 'unsupported');
  });

  it('splits the screen of a several-command turn at the prompts', () => {
    const screen = 'user@sim:~$ mkdir a\nuser@sim:~$ cd a\nuser@sim:~/a$ ls\nuser@sim:~/a$ ';
    assert.deepEqual(splitScreen(screen, ['mkdir a', 'cd a', 'ls'], setup), [
      { echo: 'user@sim:~$ mkdir a\n', target: 'user@sim:~$ ' },
      { echo: 'user@sim:~$ cd a\n', target: 'user@sim:~/a$ ' },
      { echo: 'user@sim:~/a$ ls\n', target: 'user@sim:~/a$ ' },
    ]);
  });

  it('rebuilds the context from a history, leaving out turns marked unsupported', () => {
    const record = records[0];
    assert.ok(record !== undefined);
    const marked: Turn[] = record.turns.map((turn, index) =>
      index === 1 ? { ...turn, events: [{ type: 'local.unsupported' }] } : turn,
    );
    const context = terminalContext(marked.slice(0, 3), record.initialObservation, setup, 'x$ ');
    assert.equal(context.turns.length, 2);
    assert.equal(context.prompt, 'user@sim:~/notes$ ');
    assert.equal(context.screen, record.turns[2]?.observation);
  });

  it('moves the window in jumps, a pure function of the turn lengths', () => {
    assert.equal(windowStart([10, 10, 10], 100), 0);
    assert.equal(windowStart([40, 40, 40], 100), 2);
    // After the jump, the next turns extend the same window.
    assert.equal(windowStart([40, 40, 40, 10], 100), 2);
    assert.equal(windowStart([40, 40, 40, 10, 10], 100), 2);
    assert.equal(windowStart([200], 100), 0);
  });
});
