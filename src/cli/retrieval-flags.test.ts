/**
 * `--retrieval-corpus` and `--retrieval-k` on the real `agentworld step` command: the world model (here lwm on the
 * scripted OpenAI-compatible server) gets demonstrations from the shipped real terminal corpus, and flags that
 * cannot apply are CONFIG_INVALID.
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

  it('--retrieval-k without a corpus, or retrieval for an engine without a model, is CONFIG_INVALID', async () => {
    const [kOnly, replay] = await Promise.all([
      runStepCommand({ spec: 'terminal', seed: 1, action }, [
        '--model-url',
        server.url,
        '--model',
        server.model,
        '--retrieval-k',
        '2',
      ]),
      runStepCommand({ spec: 'terminal', seed: 1, action }, [
        '--replay',
        CORPUS,
        '--retrieval-corpus',
        CORPUS,
      ]),
    ]);
    for (const { answer } of [kOnly, replay]) {
      assert.equal(answer.ok, false);
      assert.equal((answer.error as { code: string }).code, 'CONFIG_INVALID', JSON.stringify(answer));
    }
    assert.match((replay.answer.error as { message: string }).message, /not replay/);
  });
});
