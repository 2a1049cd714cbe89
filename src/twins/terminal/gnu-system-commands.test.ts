import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import { createTerminalTwin } from './terminal-twin.js';

const spec = {
  id: 'twin-system-unit',
  domain: 'terminal',
  dialect: 'terminus',
  task: 't',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'sim', home: '/root' } },
} as unknown as PredictRequest['spec'];

function request(keystrokes: string, duration = 1): PredictRequest {
  return {
    spec,
    sessionId: `unit-${keystrokes}`,
    seed: 0,
    turnIndex: 1,
    action: [{ keystrokes, duration }],
    messages: [],
    promptHash: '',
    history: [],
  } as unknown as PredictRequest;
}

const shown = (answer: Awaited<ReturnType<ReturnType<typeof createTerminalTwin>['answer']>>): string =>
  answer.kind === 'answered' ? answer.observation : `declined: ${answer.reason}`;

describe('the twin’s system commands', () => {
  it('knows who root is, and what env exports', async () => {
    const twin = createTerminalTwin();
    assert.equal(
      shown(await twin.answer(request('whoami; id\n'))),
      'root@sim:/workspace# whoami; id\nroot\nuid=0(root) gid=0(root) groups=0(root)\nroot@sim:/workspace# ',
    );
    const env = shown(await twin.answer(request('env | sort\n')));
    assert.match(env, /\nCOLUMNS=160\nHOME=\/root\nLANG=C\n.*\nUSER=root\n_=\/usr\/bin\/env\n/s);
    assert.doesNotMatch(env, /SHELL=|HOSTNAME=/);
    assert.equal(
      shown(await twin.answer(request('X=1; env | sort\n'))),
      'declined: whether X is exported is not known',
    );
  });

  it('sleeps only when the screen is awaited long enough for it', async () => {
    const twin = createTerminalTwin();
    assert.equal(
      shown(await twin.answer(request('for i in 1 2; do echo $i; sleep 0.2; done\n'))),
      'root@sim:/workspace# for i in 1 2; do echo $i; sleep 0.2; done\n1\n2\nroot@sim:/workspace# ',
    );
    assert.equal(
      shown(await twin.answer(request('sleep 1; echo late\n'))),
      'declined: sleeps 1 s of a 1 s wait',
    );
    assert.match(shown(await twin.answer(request('sleep 1; echo late\n', 3))), /\nlate\n/);
    assert.match(
      shown(await twin.answer(request('timeout 1 sleep 86; echo "timeout said $?"\n', 3))),
      /\ntimeout said 124\n/,
    );
    assert.equal(
      shown(await twin.answer(request('timeout 1 ls\n', 3))),
      'declined: timeout running other than sleep N',
    );
  });
});
