/**
 * The engine contract against `replay`, answering from the real recordings in examples/sessions/: the spec,
 * seed and first three actions of a recorded session are replayed.
 */
import assert from 'node:assert/strict';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { examplePath, recordedSessions } from '../helpers/index.js';

function firstRecording(name: 'terminal' | 'mcp') {
  const record = recordedSessions(name)[0];
  assert.ok(record !== undefined && record.turns.length >= 3, `${name}.jsonl needs a session of 3+ turns`);
  return record;
}

const terminal = firstRecording('terminal');
engineContract({
  name: `replay (${terminal.id} from examples/sessions/terminal.jsonl)`,
  spec: terminal.spec,
  seed: terminal.seed,
  actions: terminal.turns.slice(0, 3).map((turn) => turn.action),
  makeEngine: () => createReplayEngine({ files: [examplePath('sessions/terminal.jsonl')] }),
  invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
});

const mcp = firstRecording('mcp');
engineContract({
  name: `replay (${mcp.id} from examples/sessions/mcp.jsonl)`,
  spec: mcp.spec,
  seed: mcp.seed,
  actions: mcp.turns.slice(0, 3).map((turn) => turn.action),
  makeEngine: () => createReplayEngine({ files: [examplePath('sessions/mcp.jsonl')] }),
  invalidAction: { action: { name: 'echo', arguments: ['not', 'an', 'object'] }, path: '$.arguments' },
});
