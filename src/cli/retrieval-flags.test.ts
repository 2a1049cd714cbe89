/**
 * `--retrieval-corpus` and `--retrieval-k` on the real `agentworld step` command: the world model (here lwm on the
 * scripted OpenAI-compatible server) gets demonstrations from the shipped real terminal corpus; the real engine
 * (real bash in bubblewrap) answers without them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runStepCommand } from '../../test/cli/run-cli.js';
import type { ChatMessage } from '../core/messages.js';
import { DEMONSTRATIONS_HEADING, RETRIEVAL_EVENT } from '../engines/retrieval/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../testing/index.js';

const CORPUS = join(REPO_ROOT, 'corpus', 'real', 'terminal.jsonl.gz');
const action = [{ keystrokes: 'wc -l notes.txt\n', duration: 1 }];

interface TurnView {
  readonly events: { readonly type: string; readonly data?: { readonly ids?: string[] } }[];
}

describe('agentworld step --retrieval-corpus', () => {
  let server: ScriptedModelServer;
  before(async () => {
    server = await startScriptedModelServer();
  });
  after(() => server.close());

  it('gives the model k demonstrations and names them in the turn events', async () => {
    server.resetStats();
    const { answer } = await runStepCommand({ spec: 'terminal', seed: 1, action }, [
      '--model-url',
      server.url,
      '--model',
      server.model,
      '--retrieval-corpus',
      CORPUS,
      '--retrieval-k',
      '2',
    ]);
    assert.equal(answer.ok, true, JSON.stringify(answer));
    const turn = (answer.result as { info: { turn: TurnView } }).info.turn;
    const ids = turn.events.find((event) => event.type === RETRIEVAL_EVENT)?.data?.ids ?? [];
    assert.equal(ids.length, 2);
    const messages = server.completionBodies[0]?.messages as ChatMessage[];
    const newest = messages[messages.length - 1]?.content ?? '';
    assert.ok(newest.includes(DEMONSTRATIONS_HEADING));
    for (const id of ids) assert.ok(newest.includes(`(${id})`));
  });

  it('--retrieval-k without a corpus is CONFIG_INVALID; an engine without a model takes no demonstrations', async () => {
    const [kOnly, real] = await Promise.all([
      runStepCommand({ spec: 'terminal', seed: 1, action }, [
        '--model-url',
        server.url,
        '--model',
        server.model,
        '--retrieval-k',
        '2',
      ]),
      runStepCommand({ spec: 'terminal', seed: 1, action }, [
        '--engine',
        'real',
        '--retrieval-corpus',
        CORPUS,
      ]),
    ]);
    assert.equal(kOnly.answer.ok, false);
    assert.equal((kOnly.answer.error as { code: string }).code, 'CONFIG_INVALID');
    assert.equal(real.answer.ok, true, JSON.stringify(real.answer));
    const turn = (real.answer.result as { info: { turn: TurnView } }).info.turn;
    assert.equal(
      turn.events.some((event) => event.type === RETRIEVAL_EVENT),
      false,
    );
  });
});
