/**
 * `agentworld record` with an agent typing at the prompt (no --actions): typed actions go to the real bash,
 * `:next` moves to the next session, `:quit` stops, and everything typed is recorded as it happens.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readSessionFile } from '../../src/session/session-file.js';
import { runCli, temporaryFolder } from './run-cli.js';

describe('agentworld record: an interactive agent', () => {
  const folder = temporaryFolder('record-interactive');
  after(() => folder.remove());

  it('records typed actions against real bash, session by session, until :quit', async () => {
    const out = join(folder.path, 'typed.jsonl');
    const run = await runCli(
      ['record', 'terminal', '--no-store', '--out', out, '--sessions', '3', '--seed', '4'],
      {
        stdin: [
          'echo typed-at-the-prompt > note.txt',
          'cat note.txt',
          ':next',
          '[{"keystrokes": "pwd\\n", "duration": 5}]',
          ':quit',
          'echo never-reached',
        ].join('\n'),
      },
    );
    assert.equal(run.code, 0, run.stderr);
    const records = await readSessionFile(out);
    assert.equal(records.length, 2, 'the third session never started: :quit stopped the recording');
    const [first, second] = records;
    assert.deepEqual(
      first?.turns.map((turn) => turn.action),
      [
        [{ keystrokes: 'echo typed-at-the-prompt > note.txt\n', duration: 1 }],
        [{ keystrokes: 'cat note.txt\n', duration: 1 }],
      ],
    );
    assert.match(first?.turns[1]?.observation ?? '', /\ntyped-at-the-prompt\n/);
    assert.deepEqual(
      second?.turns.map((turn) => turn.action),
      [[{ keystrokes: 'pwd\n', duration: 5 }]],
    );
    assert.match(second?.turns[0]?.observation ?? '', /\n\/workspace\n/);
    for (const record of records) {
      assert.equal(record.labels.agent, 'interactive');
      assert.ok(record.turns.every((turn) => turn.provenance.source === 'real'));
    }
    assert.deepEqual(
      records.map((record) => record.seed),
      [4, 5],
    );
    assert.doesNotMatch(run.stdout, /never-reached/);
  });
});
