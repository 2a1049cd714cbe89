import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { parseTerminalAction } from './dialects/terminus/actions.js';
import {
  applyTerminalTurn,
  createTerminalLedger,
  summarizeTerminalLedger,
  TERMINAL_HISTORY_LIMIT,
  type TerminalLedger,
} from './ledger.js';

const spec = WorldSpecSchema.parse({
  id: 'ledger-test',
  domain: 'terminal',
  initialState: { data: { host: 'box' } },
});
const P = (cwd: string): string => `root@box:${cwd}# `;
const type = (...keystrokes: string[]) =>
  parseTerminalAction(keystrokes.map((text) => ({ keystrokes: text })));
const apply = (ledger: TerminalLedger, keystrokes: string[], observation: string) =>
  applyTerminalTurn(ledger, type(...keystrokes), observation, spec);

describe('terminal ledger', () => {
  it('starts in the spec directory, in the shell, with nothing tracked', () => {
    assert.deepEqual(summarizeTerminalLedger(createTerminalLedger(spec)), {
      cwd: '/workspace',
      previousCwd: null,
      env: {},
      files: {},
      history: [],
      mode: 'shell',
      pendingInput: '',
      completionRequested: false,
      turns: 0,
    });
  });

  it('takes the directory from the last prompt on the screen', () => {
    const ledger = apply(
      createTerminalLedger(spec),
      ['mkdir -p app && cd app\n', 'export PORT=8080\n'],
      `${P('/workspace')}mkdir -p app && cd app\n${P('/workspace/app')}export PORT=8080\n${P('/workspace/app')}`,
    );
    assert.deepEqual(summarizeTerminalLedger(ledger), {
      cwd: '/workspace/app',
      previousCwd: '/workspace',
      env: { PORT: '8080' },
      files: { '/workspace/app': 'directory' },
      history: ['mkdir -p app && cd app', 'export PORT=8080'],
      mode: 'shell',
      pendingInput: '',
      completionRequested: false,
      turns: 1,
    });
  });

  it('believes the prompt over the typed cd (the cd failed)', () => {
    const ledger = apply(
      createTerminalLedger(spec),
      ['cd nowhere\n'],
      `${P('/workspace')}cd nowhere\nbash: cd: nowhere: No such file or directory\n${P('/workspace')}`,
    );
    assert.equal(ledger.cwd, '/workspace');
  });

  it('follows cd from the keystrokes when no prompt is visible, and marks a running command', () => {
    const started = apply(
      createTerminalLedger(spec),
      ['cd /srv && ./build.sh\n'],
      'Compiling 1/300\nCompiling 2/300',
    );
    assert.equal(started.cwd, '/srv');
    assert.equal(started.mode, 'running');
    const stillRunning = apply(started, [''], `${P('/workspace')}cd /srv && ./build.sh\nCompiling 3/300`);
    assert.equal(stillRunning.cwd, '/srv');
    assert.equal(stillRunning.mode, 'running');
    const echoedOnly = apply(
      createTerminalLedger(spec),
      ['cd /opt && sleep 30\n'],
      `${P('/workspace')}cd /opt && sleep 30`,
    );
    assert.equal(echoedOnly.cwd, '/opt');
    assert.equal(echoedOnly.mode, 'running');
    const done = apply(
      stillRunning,
      [''],
      `${P('/workspace')}cd /srv && ./build.sh\nBuild finished\n${P('/srv')}`,
    );
    assert.equal(done.mode, 'shell');
    assert.equal(done.cwd, '/srv');
  });

  it('recognises REPLs, editors and pagers', () => {
    const base = createTerminalLedger(spec);
    const repl = apply(
      base,
      ['cd /tmp && python3\n'],
      `${P('/workspace')}cd /tmp && python3\nPython 3.11.7\n>>> `,
    );
    assert.equal(repl.mode, 'repl');
    assert.equal(repl.cwd, '/tmp');
    const editor = apply(base, ['vim notes.txt\n'], `hello\n~\n~\n~\n"notes.txt" 1L, 6B`);
    assert.equal(editor.mode, 'editor');
    const pager = apply(
      base,
      ['man ls\n'],
      'LS(1)   User Commands   LS(1)\n\nNAME\n       ls - list directory contents\n:',
    );
    assert.equal(pager.mode, 'pager');
    const back = apply(repl, ['exit()\n'], `>>> exit()\n${P('/tmp')}`);
    assert.equal(back.mode, 'shell');
    assert.deepEqual(back.history, ['cd /tmp && python3']);
  });

  it('keeps text typed without Enter and runs it on the next Enter', () => {
    const typed = apply(createTerminalLedger(spec), ['cd /etc'], `${P('/workspace')}cd /etc`);
    assert.equal(typed.pendingInput, 'cd /etc');
    assert.equal(typed.cwd, '/workspace');
    assert.equal(typed.mode, 'shell');
    const entered = apply(typed, ['\n'], `${P('/workspace')}cd /etc\n${P('/etc')}`);
    assert.equal(entered.cwd, '/etc');
    assert.equal(entered.pendingInput, '');
    assert.deepEqual(entered.history, ['cd /etc']);
  });

  it('tracks files created and removed', () => {
    let ledger = apply(
      createTerminalLedger(spec),
      ['touch a.txt && mkdir out\n'],
      `${P('/workspace')}touch a.txt && mkdir out\n${P('/workspace')}`,
    );
    ledger = apply(
      ledger,
      ['echo x > out/b.txt; rm a.txt\n'],
      `${P('/workspace')}echo x > out/b.txt; rm a.txt\n${P('/workspace')}`,
    );
    assert.deepEqual(ledger.files, {
      '/workspace/a.txt': 'removed',
      '/workspace/out': 'directory',
      '/workspace/out/b.txt': 'file',
    });
  });

  it('keeps the last 50 commands', () => {
    let ledger = createTerminalLedger(spec);
    for (let index = 0; index < TERMINAL_HISTORY_LIMIT + 5; index++) {
      ledger = apply(
        ledger,
        [`echo ${index}\n`],
        `${P('/workspace')}echo ${index}\n${index}\n${P('/workspace')}`,
      );
    }
    assert.equal(ledger.history.length, TERMINAL_HISTORY_LIMIT);
    assert.equal(ledger.history[0], 'echo 5');
    assert.equal(ledger.turns, TERMINAL_HISTORY_LIMIT + 5);
  });

  it('sets the completion flag on [] and clears it on the next action', () => {
    const base = createTerminalLedger(spec);
    const asked = applyTerminalTurn(base, [], 'Current terminal state:\n...', spec);
    assert.equal(asked.completionRequested, true);
    assert.equal(asked.cwd, base.cwd);
    const resumed = apply(asked, ['ls\n'], `${P('/workspace')}ls\n${P('/workspace')}`);
    assert.equal(resumed.completionRequested, false);
  });

  it('never changes an existing ledger (forks share them)', () => {
    const base = apply(
      createTerminalLedger(spec),
      ['export A=1\n'],
      `${P('/workspace')}export A=1\n${P('/workspace')}`,
    );
    const before = structuredClone(summarizeTerminalLedger(base));
    const left = apply(
      base,
      ['export A=2 && cd /tmp && touch t\n'],
      `${P('/workspace')}export A=2 && cd /tmp && touch t\n${P('/tmp')}`,
    );
    const right = apply(base, ['unset A\n'], `${P('/workspace')}unset A\n${P('/workspace')}`);
    assert.notEqual(left, base);
    assert.deepEqual(summarizeTerminalLedger(base), before);
    assert.equal(left.env.A, '2');
    assert.equal(left.cwd, '/tmp');
    assert.equal(right.env.A, undefined);
    assert.ok(Object.isFrozen(base) && Object.isFrozen(base.env) && Object.isFrozen(base.history));
    assert.throws(() => {
      (base.env as Record<string, string>).A = 'mutated';
    }, TypeError);
  });
});
