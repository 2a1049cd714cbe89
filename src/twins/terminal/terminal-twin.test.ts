import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import { gnuColumns } from './gnu-ls.js';
import { createTerminalTwin } from './terminal-twin.js';

const spec = {
  id: 'twin-unit',
  domain: 'terminal',
  dialect: 'terminus',
  task: 't',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'sim', home: '/root' } },
} as unknown as PredictRequest['spec'];

function request(keystrokes: string, history: PredictRequest['history'] = []): PredictRequest {
  return {
    spec,
    sessionId: 'unit',
    seed: 0,
    turnIndex: history.length + 1,
    action: [{ keystrokes, duration: 1 }],
    messages: [],
    promptHash: '',
    history,
  } as unknown as PredictRequest;
}

describe('terminal twin', () => {
  it('answers file commands with the screen bash shows, keeping cwd across turns', async () => {
    const twin = createTerminalTwin();
    const first = await twin.answer(request('mkdir -p src && echo hi > src/a.txt && cd src\n'));
    assert.deepEqual(first, {
      kind: 'answered',
      observation:
        'root@sim:/workspace# mkdir -p src && echo hi > src/a.txt && cd src\nroot@sim:/workspace/src# ',
      reason: 'virtual shell: cd echo mkdir',
    });
    const history = [
      {
        action: [{ keystrokes: 'mkdir -p src && echo hi > src/a.txt && cd src\n', duration: 1 }],
        observation: first.kind === 'answered' ? first.observation : '',
      },
    ] as unknown as PredictRequest['history'];
    const second = await twin.answer(request('cat a.txt; tail nope\n', history));
    assert.equal(
      second.kind === 'answered' ? second.observation : second.reason,
      "root@sim:/workspace/src# cat a.txt; tail nope\nhi\ntail: cannot open 'nope' for reading: No such file or directory\nroot@sim:/workspace/src# ",
      'a line is run pipeline by pipeline when its commands print to stdout and stderr in turn',
    );
    const mixed = await twin.answer(request('cat a.txt nope\n', history));
    assert.deepEqual(
      mixed.kind === 'declined' ? mixed.reason : mixed.observation,
      'stdout and stderr both printed (their interleaving is unknown)',
    );
    const third = await twin.answer(request('tail nope\n', history));
    assert.equal(
      third.kind === 'answered' ? third.observation : third.reason,
      "root@sim:/workspace/src# tail nope\ntail: cannot open 'nope' for reading: No such file or directory\nroot@sim:/workspace/src# ",
    );
  });

  it('declines unknown programs, host paths and keys, with the state a model needs', async () => {
    const twin = createTerminalTwin();
    for (const [keys, reason] of [
      ['git status\n', 'program not in twin: git'],
      ['cat /proc/version\n', "path outside the twin's files: /proc/version"],
      ['mkdir /etc/twin-test\n', "change to the host's read-only files: /etc/twin-test"],
      ['ls', 'keystrokes without Enter'],
      ['C-c', 'control key: C-c'],
      ['echo $RANDOM\n', 'randomness, time or process ids'],
    ] as const) {
      const answer = await twin.answer(request(keys));
      assert.equal(answer.kind, 'declined');
      if (answer.kind === 'declined') {
        assert.equal(answer.reason, reason);
        assert.match(answer.state.summary, /cwd: \/workspace/);
      }
    }
  });

  it('reads the host files the sandbox shows from this machine, byte for byte', async () => {
    const twin = createTerminalTwin();
    const answer = await twin.answer(request('cat /etc/passwd\n'));
    assert.equal(answer.kind, 'answered');
    if (answer.kind === 'answered') {
      const expected = readFileSync('/etc/passwd', 'utf8');
      assert.ok(
        answer.observation.startsWith(`root@sim:/workspace# cat /etc/passwd\n${expected.split('\n')[0]}\n`),
      );
    }
  });

  it('after a model answered an unknown program, declines what it may have changed', async () => {
    const twin = createTerminalTwin();
    const gitTurn = request('git clone x\n');
    await twin.absorb(
      gitTurn,
      "root@sim:/workspace# git clone x\nCloning into 'x'...\nroot@sim:/workspace# ",
    );
    const history = [
      { action: [{ keystrokes: 'git clone x\n', duration: 1 }], observation: 'root@sim:/workspace# ' },
    ] as unknown as PredictRequest['history'];
    const answer = await twin.answer(request('ls\n', history));
    assert.equal(answer.kind, 'declined');
    if (answer.kind === 'declined') assert.ok(answer.state.unknowns.length > 0);
  });

  it('after a model answered a turn, declines a variable it may have set; answers SHELL as bash sets it', async () => {
    const twin = createTerminalTwin();
    const shell = await twin.answer(request('echo $SHELL\n'));
    assert.equal(shell.kind, 'answered');
    if (shell.kind === 'answered') assert.match(shell.observation, /\n\/bin\/bash\n/);
    const readTurn = request('read -r who\n');
    await twin.absorb(readTurn, 'root@sim:/workspace# read -r who\ntango\nroot@sim:/workspace# ');
    const history = [
      {
        action: [{ keystrokes: 'read -r who\n', duration: 1 }],
        observation: 'root@sim:/workspace# read -r who\ntango\nroot@sim:/workspace# ',
      },
    ] as unknown as PredictRequest['history'];
    const echo = await twin.answer(request('echo "hello $who"\n', history));
    assert.deepEqual(
      echo.kind === 'declined' ? echo.reason : echo.kind,
      'a variable a model-answered turn may have set',
    );
    // GNU wc over several files: columns as wide as the total size's digits, then a total line.
    const wc = await twin.answer(
      request("printf 'a b\\nc\\n' > a; printf 'one two three four five\\n' > b; wc a b\n"),
    );
    assert.ok(wc.kind === 'answered');
    assert.match(wc.observation, /\n 2 {2}3 {2}6 a\n 1 {2}5 24 b\n 3 {2}8 30 total\n/);
    const redirected = await twin.answer(request('wc < a\n'));
    assert.deepEqual(
      redirected.kind === 'declined' ? redirected.reason : redirected.kind,
      'option not verified: wc of a redirected file with several counts',
    );
  });

  it('simulates a spec whose first screen is its bare prompt (a bench row), not one with another screen', () => {
    const twin = createTerminalTwin();
    const withText = (text: string) =>
      ({ spec: { ...spec, initialState: { ...(spec.initialState as object), text } } }) as unknown as Pick<
        PredictRequest,
        'spec'
      >;
    assert.equal(twin.supports({ spec }), true);
    assert.equal(twin.supports(withText('root@sim:/workspace# ')), true);
    assert.equal(twin.supports(withText('Welcome!\nroot@sim:/workspace# ')), false);
  });

  it('lays ls out in columns as GNU does on a 160-column terminal', () => {
    assert.equal(gnuColumns(['a', 'bb', 'c'], 160), 'a  bb  c\n');
    assert.equal(gnuColumns(['aaaa', 'b', 'c'], 8), 'aaaa  c\nb\n');
  });
});
