import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import { createTerminalTwin } from './terminal-twin.js';

const spec = {
  id: 'fidelity-unit',
  domain: 'terminal',
  dialect: 'terminus',
  task: 't',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'sim', home: '/root' } },
} as unknown as PredictRequest['spec'];

async function screen(keystrokes: string): Promise<string> {
  const answer = await createTerminalTwin().answer({
    spec,
    sessionId: 'fidelity',
    seed: 0,
    turnIndex: 1,
    action: [{ keystrokes: `${keystrokes}\n`, duration: 1 }],
    messages: [],
    promptHash: '',
    history: [],
  } as unknown as PredictRequest);
  return answer.kind === 'answered' ? answer.observation : `declined: ${answer.reason}`;
}

describe('file calls where just-bash departs from GNU', () => {
  it('declines a write under a missing directory (just-bash creates it)', async () => {
    assert.equal(
      await screen('touch tomorrow/elder.txt'),
      'declined: writes under a missing directory: /workspace/tomorrow/elder.txt',
    );
    assert.equal(
      await screen('echo x > nowhere/f'),
      'declined: writes under a missing directory: /workspace/nowhere/f',
    );
  });

  it('declines reading a directory as a file (just-bash says No such file)', async () => {
    assert.equal(
      await screen('mkdir -p ledger/inner; cat ./ledger'),
      'declined: reads a directory as a file: /workspace/ledger',
    );
  });

  it('still answers writes into existing directories', async () => {
    assert.equal(
      await screen('mkdir -p d && touch d/a && echo hi > d/b && cat d/b && ls d'),
      'root@sim:/workspace# mkdir -p d && touch d/a && echo hi > d/b && cat d/b && ls d\nhi\na  b\nroot@sim:/workspace# ',
    );
  });
});
