import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { benchRows } from '../../src/export/bench.js';
import { readSessions } from '../../src/export/read-sessions.js';
import { INFER_LINE_FORMAT, rowKey } from '../../src/fidelity/schemas.js';
import { FidelityReportSchema } from '../../src/fidelity/shadow/index.js';
import { REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

async function firstSession(path: string): Promise<SessionRecord> {
  for await (const { record } of readSessions([join(REPO_ROOT, path)])) return record;
  throw new Error(`no session in ${path}`);
}

describe('agentworld bench shadow', () => {
  const folder = temporaryFolder('bench-shadow');
  after(() => folder.remove());

  it('scores shadow sessions and infer lines with the judge-free metrics, by domain, as a table and as JSON', async () => {
    const terminal = await firstSession('corpus/real/terminal.jsonl.gz');
    // The shadow repeats the previous screen (a stale prediction) on turns 1, 3, 5 … and is right on the others;
    // turn 1 of this session (`mkdir -p fern/old && cd fern`) changes the working directory.
    const shadowed: SessionRecord = {
      ...terminal,
      turns: terminal.turns.map((turn, position) => {
        const observation =
          position % 2 === 1
            ? turn.observation
            : (terminal.turns[position - 1]?.observation ?? terminal.initialObservation);
        return {
          ...turn,
          shadow: {
            engine: 'replay',
            observation,
            checks: [],
            exactMatch: observation === turn.observation,
            similarity: 0,
          },
        };
      }),
    };
    const sessions = join(folder.path, 'shadow.jsonl');
    writeFileSync(sessions, `${JSON.stringify(shadowed)}\n`);

    const mcp = await firstSession('corpus/real/mcp.jsonl.gz');
    const rows = benchRows(
      mcp,
      mcp.turns.map((turn) => turn.index),
    );
    const infer = join(folder.path, 'infer.jsonl');
    const lines = rows.map((row, position) => {
      const truth = mcp.turns[row.turn_idx - 1]?.observation ?? '';
      const right = position % 2 === 0;
      return JSON.stringify({
        ...row,
        format: INFER_LINE_FORMAT,
        version: 1,
        key: rowKey(row),
        gen: '',
        prediction: right ? truth : 'Error: something else',
        failed: false,
        confidence: { tokens: 5, meanLogprob: -0.1, minLogprob: -1, confidence: right ? 0.95 : 0.4 },
        latencyMs: 1,
        attempts: 1,
        finishedAt: '2026-12-07T00:00:00.000Z',
      });
    });
    writeFileSync(infer, `${lines.join('\n')}\nnot json\n`);

    const json = await runCli(['bench', 'shadow', sessions, '--infer', infer, '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.match(json.stderr, /skipped .*infer\.jsonl:\d+: not JSON/);
    const report = FidelityReportSchema.parse(JSON.parse(json.stdout));
    assert.equal(report.sessions, 1);
    assert.equal(report.inferLines, rows.length);
    const terminalGroup = report.byDomain.find((group) => group.key === 'terminal');
    assert.ok(terminalGroup);
    assert.equal(terminalGroup.turns, terminal.turns.length);
    assert.equal(terminalGroup.exactShare !== null && terminalGroup.exactShare < 1, true);
    assert.equal(terminalGroup.structuralKinds.join(), 'lines');
    // Stale screens on turns whose state changed are wrong; every changed-state miss comes from a stale turn.
    assert.ok(terminalGroup.stateChanged.turns > 0);
    assert.ok((terminalGroup.stateChanged.accuracy ?? 1) < 1);
    assert.equal(terminalGroup.stateUnchanged.accuracy, 1);
    const mcpGroup = report.byDomain.find((group) => group.key === 'mcp');
    assert.equal(mcpGroup?.exactShare, Math.ceil(rows.length / 2) / rows.length);
    assert.ok(report.byFamily.some((group) => group.key.startsWith('terminal:')));
    assert.equal(report.confidence?.auroc, 1, 'confident lines are the right ones');
    assert.equal(report.confidence?.accuracyAbove, 1);

    const table = await runCli(['bench', 'shadow', sessions, '--infer', infer, '--families']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^domain\s+turns\s+failed\s+exact/m);
    assert.match(table.stdout, /^terminal\s+\d+/m);
    assert.match(table.stdout, /^all\s+\d+/m);
    assert.match(table.stdout, /Confidence \(label exact/);

    const empty = await runCli(['bench', 'shadow', join(REPO_ROOT, 'examples/sessions/terminal.jsonl')]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /Nothing to score/);
  });
});
