import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  emptyMcpServerSlot,
  generateMcpSession,
  type McpSessionOutcome,
  releaseMcpServer,
} from './session-generator.js';

function recordOf(outcome: McpSessionOutcome): string {
  assert.equal(outcome.kind, 'generated', JSON.stringify(outcome));
  return outcome.kind === 'generated' ? JSON.stringify(outcome.record) : '';
}

describe('one server-memory process for a lane of sessions', () => {
  it('gives each session an empty graph: the records equal those of a fresh server per session', async () => {
    const options = { seed: 41 };
    const indices = [0, 1, 2, 3];
    const fresh: string[] = [];
    for (const index of indices) fresh.push(recordOf(await generateMcpSession(index, options)));
    const slot = emptyMcpServerSlot();
    try {
      const shared: string[] = [];
      for (const index of indices) {
        shared.push(recordOf(await generateMcpSession(index, options, { server: slot })));
        if (index === 0) assert.ok(slot.server !== undefined, 'the lane keeps its server');
      }
      const first = slot.server;
      assert.deepEqual(shared, fresh);
      // Still the very same process after four sessions.
      assert.equal(slot.server, first);
    } finally {
      const directory = slot.server?.directory;
      await releaseMcpServer(slot);
      if (directory !== undefined) assert.equal(existsSync(directory), false);
    }
  });
});
