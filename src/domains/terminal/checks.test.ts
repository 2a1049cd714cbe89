import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../core/turn.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { checkTerminalObservation } from './checks.js';
import { parseTerminalAction } from './dialects/terminus/actions.js';
import { applyTerminalTurn, createTerminalLedger, type TerminalLedger } from './ledger.js';

const spec = WorldSpecSchema.parse({
  id: 'checks-test',
  domain: 'terminal',
  initialState: { data: { host: 'box' } },
});
const P = (cwd: string): string => `root@box:${cwd}# `;

function check(
  keystrokes: string[],
  observation: string,
  ledger: TerminalLedger = createTerminalLedger(spec),
) {
  const action = parseTerminalAction(keystrokes.map((text) => ({ keystrokes: text })));
  const results = checkTerminalObservation({ spec, turnIndex: 1, action, ledger, observation });
  return Object.fromEntries(results.map((result) => [result.id, result])) as Record<string, CheckResult>;
}

function statuses(results: Record<string, CheckResult>): Record<string, string> {
  return Object.fromEntries(Object.entries(results).map(([id, result]) => [id, result.status]));
}

describe('terminal checks', () => {
  it('pass on a realistic screen', () => {
    const screen = [
      `${P('/workspace')}mkdir -p src && cd src`,
      `${P('/workspace/src')}printf 'x\\n' > a.txt; ls`,
      'a.txt',
      P('/workspace/src'),
    ].join('\n');
    assert.deepEqual(statuses(check(['mkdir -p src && cd src\n', "printf 'x\\n' > a.txt; ls\n"], screen)), {
      'no-scaffolding': 'pass',
      'non-empty': 'pass',
      'prompt-cwd': 'pass',
      'command-echo': 'pass',
      'interrupt-shown': 'skip',
      'screen-size': 'pass',
      'prompt-format': 'pass',
      'success-claim': 'skip',
    });
  });

  it('prompt-cwd fails when the prompt shows the wrong directory', () => {
    const result = check(['cd /var/log\n'], `${P('/workspace')}cd /var/log\n${P('/var')}`)['prompt-cwd'];
    assert.equal(result?.status, 'fail');
    assert.match(result?.message ?? '', /\/var\/log/);
    assert.equal(check(['cd ~\n'], `${P('/workspace')}cd ~\n${P('~')}`)['prompt-cwd']?.status, 'pass');
    assert.equal(
      check(['cd ..\n'], `${P('/workspace')}cd ..\n${P('/workspace')}`)['prompt-cwd']?.status,
      'fail',
    );
    assert.equal(check(['ls\n'], `${P('/workspace')}ls\n${P('/tmp')}`)['prompt-cwd']?.status, 'fail');
  });

  it('prompt-cwd follows cd - and skips what it cannot know', () => {
    const moved = applyTerminalTurn(
      createTerminalLedger(spec),
      parseTerminalAction([{ keystrokes: 'cd /etc\n' }]),
      `${P('/workspace')}cd /etc\n${P('/etc')}`,
      spec,
    );
    assert.equal(
      check(['cd -\n'], `${P('/etc')}cd -\n/workspace\n${P('/workspace')}`, moved)['prompt-cwd']?.status,
      'pass',
    );
    assert.equal(
      check(['cd -\n'], `${P('/etc')}cd -\n/workspace\n${P('/etc')}`, moved)['prompt-cwd']?.status,
      'fail',
    );
    const skipped = [
      check(
        ['cd nowhere\n'],
        `${P('/workspace')}cd nowhere\nbash: cd: nowhere: No such file or directory\n${P('/tmp')}`,
      ),
      check(['cd "$(mktemp -d)"\n'], `${P('/workspace')}cd "$(mktemp -d)"\n${P('/tmp/tmp.x1')}`),
      check(['sleep 100\n'], `${P('/workspace')}sleep 100`),
      check(['make\n'], 'compiling...'),
    ];
    for (const results of skipped) assert.equal(results['prompt-cwd']?.status, 'skip');
  });

  it('prompt-cwd accepts staying put when a command before the cd failed', () => {
    const failedClone = `${P('/workspace')}git clone https://example.com/x.git && cd x\nfatal: unable to access 'https://example.com/x.git/'\n${P('/workspace')}`;
    assert.equal(
      check(['git clone https://example.com/x.git && cd x\n'], failedClone)['prompt-cwd']?.status,
      'skip',
    );
    const silent = `${P('/workspace')}true && cd x\n${P('/workspace')}`;
    assert.equal(check(['true && cd x\n'], silent)['prompt-cwd']?.status, 'fail');
  });

  it('reads prompts behind a virtualenv prefix', () => {
    const screen = `(venv) ${P('/workspace')}cd src\n(venv) ${P('/workspace/src')}`;
    assert.deepEqual(statuses(check(['cd src\n'], screen)), {
      'no-scaffolding': 'pass',
      'non-empty': 'pass',
      'prompt-cwd': 'pass',
      'command-echo': 'pass',
      'interrupt-shown': 'skip',
      'screen-size': 'pass',
      'prompt-format': 'pass',
      'success-claim': 'skip',
    });
  });

  it('command-echo fails when a command is not echoed after a prompt', () => {
    assert.equal(check(['ls -la\n'], `total 0\n${P('/workspace')}`)['command-echo']?.status, 'fail');
    assert.equal(
      check(['ls -la\n'], `${P('/workspace')}ls -l\ntotal 0\n${P('/workspace')}`)['command-echo']?.status,
      'fail',
    );
    assert.equal(
      check(['ls -la\n'], `${P('/workspace')}ls -la\ntotal 0\n${P('/workspace')}`)['command-echo']?.status,
      'pass',
    );
  });

  it('command-echo accepts wrapped long lines and skips waits, keys and scrolled screens', () => {
    const long = `echo ${'x'.repeat(90)}`;
    const wrapped = `${P('/workspace')}${long.slice(0, 50)}\n${long.slice(50)}\n${'x'.repeat(90)}\n${P('/workspace')}`;
    assert.equal(check([`${long}\n`], wrapped)['command-echo']?.status, 'pass');
    assert.equal(check([''], P('/workspace'))['command-echo']?.status, 'skip');
    assert.equal(check(['C-c'], `${P('/workspace')}^C\n${P('/workspace')}`)['command-echo']?.status, 'skip');
    assert.equal(check(['ls'], `${P('/workspace')}ls`)['command-echo']?.status, 'skip');
    const scrolled = `${Array.from({ length: 39 }, (_, index) => `line ${index}`).join('\n')}\n${P('/workspace')}`;
    assert.equal(check(['seq 100\n'], scrolled)['command-echo']?.status, 'skip');
  });

  it('interrupt-shown wants ^C after C-c', () => {
    assert.equal(
      check(['C-c'], `${P('/workspace')}sleep 100\n^C\n${P('/workspace')}`)['interrupt-shown']?.status,
      'pass',
    );
    const missing = check(['C-c'], `${P('/workspace')}sleep 100\n${P('/workspace')}`)['interrupt-shown'];
    assert.equal(missing?.status, 'fail');
    assert.match(missing?.message ?? '', /\^C/);
    assert.equal(check(['\u0003'], `>>> \nKeyboardInterrupt\n>>> `)['interrupt-shown']?.status, 'pass');
  });

  it('screen-size fails above 60 lines', () => {
    const lines = (count: number): string =>
      Array.from({ length: count }, (_, index) => `${index}`).join('\n');
    assert.equal(check(['seq 60\n'], lines(60))['screen-size']?.status, 'pass');
    const tooLong = check(['seq 61\n'], lines(61))['screen-size'];
    assert.equal(tooLong?.status, 'fail');
    assert.match(tooLong?.message ?? '', /61 lines/);
  });

  it('prompt-format fails on a prompt with another user or host', () => {
    const wrong = check(['ls\n'], `${P('/workspace')}ls\nroot@a1b2c3d4e5f6:/workspace# `)['prompt-format'];
    assert.equal(wrong?.status, 'fail');
    assert.match(wrong?.message ?? '', /line 2/);
    assert.equal(
      check(['ls\n'], `user@box:/workspace$ ls\n${P('/workspace')}`)['prompt-format']?.status,
      'fail',
    );
    assert.equal(check(['python3\n'], 'Python 3.11.7\n>>> ')['prompt-format']?.status, 'skip');
  });

  it('prompt-format and prompt-cwd accept the prompt on the line of output that had no final newline', () => {
    const simSpec = WorldSpecSchema.parse({
      id: 'checks-no-newline',
      domain: 'terminal',
      initialState: { data: { user: 'user', host: 'sim', home: '/home/user', cwd: '/home/user' } },
    });
    const run = (keystrokes: string, observation: string): Record<string, CheckResult> => {
      const action = parseTerminalAction([{ keystrokes }]);
      const ledger = createTerminalLedger(simSpec);
      const results = checkTerminalObservation({ spec: simSpec, turnIndex: 1, action, ledger, observation });
      return Object.fromEntries(results.map((result) => [result.id, result]));
    };
    const screen = 'user@sim:~$ echo -n then\nthenuser@sim:~$ ';
    const results = run('echo -n then\n', screen);
    assert.equal(results['prompt-format']?.status, 'pass', results['prompt-format']?.message);
    assert.equal(results['prompt-cwd']?.status, 'pass', results['prompt-cwd']?.message);
    assert.equal(results['command-echo']?.status, 'pass', results['command-echo']?.message);
    // the prompt after the output still has to be the session's own, and in the right directory
    const stranger = run('echo -n then\n', 'user@sim:~$ echo -n then\nthenroot@sim:~# ')['prompt-format'];
    assert.equal(stranger?.status, 'fail');
    assert.match(stranger?.message ?? '', /line 2 shows the prompt thenroot@sim #/);
    assert.equal(
      run('echo -n then\n', 'user@sim:~$ echo -n then\nthenuser@sim:/tmp$ ')['prompt-cwd']?.status,
      'fail',
    );
  });

  it('shared checks catch scaffolding and empty screens', () => {
    assert.equal(check(['ls\n'], '<predicted_observation>x')['no-scaffolding']?.status, 'fail');
    assert.equal(check(['ls\n'], '  \n')['non-empty']?.status, 'fail');
  });

  it('only judge the screen shape of a completion message', () => {
    const results = checkTerminalObservation({
      spec,
      turnIndex: 3,
      action: [],
      ledger: createTerminalLedger(spec),
      observation: `Current terminal state:\n${P('/workspace')}\n\nAre you sure you want to mark the task as complete?`,
    });
    assert.deepEqual(
      results.map((result) => [result.id, result.status]),
      [
        ['no-scaffolding', 'pass'],
        ['non-empty', 'pass'],
        ['prompt-cwd', 'skip'],
        ['command-echo', 'skip'],
        ['interrupt-shown', 'skip'],
        ['screen-size', 'pass'],
        ['prompt-format', 'pass'],
        ['success-claim', 'skip'],
      ],
    );
  });

  it('never throw, even for a spec the domain rejects', () => {
    const broken = WorldSpecSchema.parse({
      id: 'broken',
      domain: 'terminal',
      initialState: { data: { cwd: 'relative' } },
    });
    const results = checkTerminalObservation({
      spec: broken,
      turnIndex: 1,
      action: [{ keystrokes: 'ls\n', duration: 1 }],
      ledger: createTerminalLedger(spec),
      observation: 'x',
    });
    assert.equal(results.length, 8);
    assert.ok(results.slice(2).every((result) => result.status === 'skip'));
  });
});
