/**
 * `agentworld shadow` end to end: the real terminal (bash in bubblewrap) as the engine the agent sees, a replay
 * of the bundled example recording (with one observation changed on purpose) as the shadow, then
 * `agentworld shadow report` over the JSONL output and over the store.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import type { ShadowReport } from '../../src/shadow/index.js';
import { CLI_HANG_GUARD_MS, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const EXAMPLES = join(REPO_ROOT, 'examples', 'sessions', 'terminal.jsonl');

function readRecords(path: string): SessionRecord[] {
  return parseSessionLines(readFileSync(path, 'utf8'), path);
}

describe('agentworld shadow', { timeout: CLI_HANG_GUARD_MS * 3 }, () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let example: SessionRecord;
  let actions: string;
  let replay: string;
  before(() => {
    folder = temporaryFolder('shadow');
    const [first] = readRecords(EXAMPLES);
    assert.ok(first);
    example = first;
    actions = join(folder.path, 'actions.jsonl');
    writeFileSync(actions, `${example.turns.map((turn) => JSON.stringify(turn.action)).join('\n')}\n`);
    // The "simulator" misremembers turn 3 (`cat words.txt`): gamma comes out as GAMMA.
    const altered: SessionRecord = {
      ...example,
      turns: example.turns.map((turn) =>
        turn.index === 3 ? { ...turn, observation: turn.observation.replace('gamma', 'GAMMA') } : turn,
      ),
    };
    assert.notEqual(altered.turns[2]?.observation, example.turns[2]?.observation);
    replay = join(folder.path, 'replay.jsonl');
    writeFileSync(replay, `${JSON.stringify(altered)}\n`);
  });
  after(() => folder.remove());

  it('records real turns with the shadow beside them, then reports the divergence', async () => {
    const out = join(folder.path, 'out.jsonl');
    const store = join(folder.path, 'shadow.db');
    const run = await runCli([
      'shadow',
      'examples/terminal.json',
      '--engine',
      'real',
      '--shadow-engine',
      'replay',
      '--replay',
      replay,
      '--actions',
      actions,
      '--out',
      out,
      '--store',
      store,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /over engine real with shadow replay/);
    assert.match(run.stderr, /^shadow replay: similarity 0\.\d{3}, 1 difference$/m);

    const [record] = readRecords(out);
    assert.ok(record);
    assert.equal(record.labels.recordedBy, 'agentworld shadow');
    assert.equal(record.turns.length, example.turns.length);
    for (const turn of record.turns) {
      assert.equal(turn.provenance.source, 'real', 'the agent saw the real engine');
      assert.equal(turn.shadow?.engine, 'replay');
      assert.equal(turn.shadow?.error, undefined);
      assert.ok(turn.shadow.similarity >= 0 && turn.shadow.similarity <= 1);
      assert.equal(turn.shadow.exactMatch, turn.shadow.observation === turn.observation);
    }
    const third = record.turns[2];
    assert.match(third?.observation ?? '', /\ngamma\n/, 'real bash printed the file');
    assert.equal(third?.shadow?.exactMatch, false);
    assert.ok((third?.shadow?.similarity ?? 1) < 1);
    assert.deepEqual(third?.shadow?.diff?.entries, [
      { op: 'change', at: 'line 4', primary: 'gamma', shadow: 'GAMMA' },
    ]);

    const fromFile = await runCli(['shadow', 'report', '--in', out, '--json']);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const report = JSON.parse(fromFile.stdout) as ShadowReport;
    assert.equal(report.sessions, 1);
    assert.equal(report.overall.turns, example.turns.length);
    assert.equal(report.overall.shadowFailures, 0);
    const exact = record.turns.filter((turn) => turn.shadow?.exactMatch).length;
    assert.equal(report.overall.exactMatches, exact);
    assert.ok(exact <= example.turns.length - 1);
    assert.deepEqual(
      report.byDomain.map((group) => group.key),
      ['terminal'],
    );
    assert.deepEqual(
      report.byDialect.map((group) => group.key),
      ['terminal/terminus'],
    );
    const cat = report.byFamily.find((group) => group.key === 'terminal:cat');
    assert.equal(cat?.turns, 1);
    assert.equal(cat?.exactMatches, 0);
    assert.deepEqual(
      report.byPosition.map((group) => [group.key, group.turns]),
      [
        ['first', 1],
        ['middle', example.turns.length - 2],
        ['last', 1],
      ],
    );
    const worst = report.worstTurns.find((turn) => turn.turn === 3);
    assert.equal(worst?.sessionId, record.id);
    assert.equal(worst?.family, 'cat');
    assert.equal(worst?.firstDifference, 'change line 4: "gamma" → "GAMMA"');

    const fromStore = await runCli(['shadow', 'report', '--store', store, '--json']);
    assert.equal(fromStore.code, 0, fromStore.stderr);
    assert.deepEqual(JSON.parse(fromStore.stdout), report, 'the store holds the same comparisons');

    const text = await runCli(['shadow', 'report', '--in', out]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Shadow divergence: 1 session, 7 shadowed turns/);
    assert.match(text.stdout, /^terminal:cat +1 +0\.0% +0\.\d{3} +0\.0% +0$/m);
  });

  it('needs --shadow-engine, and reports a missing store clearly', async () => {
    const missing = await runCli(['shadow', 'examples/terminal.json', '--actions', actions, '--no-store']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs --shadow-engine/);
    const noStore = await runCli(['shadow', 'report', '--store', join(folder.path, 'absent.db')]);
    assert.equal(noStore.code, 1);
    assert.match(noStore.stderr, /No store at .*absent\.db/);
  });
});
