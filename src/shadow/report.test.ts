import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SessionRecord, ShadowComparison } from '../core/turn.js';
import { readRealCorpus } from '../corpus/index.js';
import { getDomain } from '../domains/index.js';
import { parseSessionLines } from '../session/session-file.js';
import { buildShadowReport, commandFamily, formatShadowReport, PROGRAM_INPUT } from './index.js';

function firstSession(domain: string): SessionRecord {
  const path = new URL(`../../examples/sessions/${domain}.jsonl`, import.meta.url);
  const [record] = parseSessionLines(readFileSync(path, 'utf8'), path.pathname);
  assert.ok(record);
  return record;
}

const compared = (similarity: number, extra: Partial<ShadowComparison> = {}): ShadowComparison => ({
  engine: 'lwm',
  observation: 'simulated',
  checks: [{ id: 'non-empty', status: 'pass' }],
  exactMatch: similarity === 1,
  similarity,
  diff: { kind: 'lines', entries: [], omitted: 0 },
  ...extra,
});

/** The record with `shadow` set on the given turns (1-based) and removed from the others. */
function withShadows(record: SessionRecord, shadows: Record<number, ShadowComparison>): SessionRecord {
  return {
    ...record,
    turns: record.turns.map((turn) => {
      const { shadow: _drop, ...rest } = turn;
      const shadow = shadows[turn.index];
      return shadow === undefined ? rest : { ...rest, shadow };
    }),
  };
}

describe('buildShadowReport', () => {
  const terminal = firstSession('terminal');
  const mcp = firstSession('mcp');
  const lastMcp = mcp.turns.length;
  const records = [
    withShadows(terminal, {
      1: compared(1),
      2: compared(0.5, {
        checks: [
          { id: 'prompt-cwd', status: 'fail', message: 'wrong cwd' },
          { id: 'non-empty', status: 'pass' },
        ],
        diff: {
          kind: 'lines',
          entries: [
            { op: 'change', at: 'line 2', primary: 'alpha', shadow: 'ALPHA' },
            { op: 'add', at: 'line 3', shadow: 'x' },
            { op: 'remove', at: 'line 4', primary: 'y' },
          ],
          omitted: 2,
        },
      }),
      [terminal.turns.length]: {
        engine: 'lwm',
        error: { code: 'MODEL_OUTPUT_INVALID', message: 'no tags' },
        checks: [],
        exactMatch: false,
        similarity: 0,
      },
    }),
    withShadows(mcp, { 1: compared(1), [lastMcp]: compared(0.8) }),
    withShadows(firstSession('web'), {}),
  ];
  const report = buildShadowReport(records);
  const mcpLastTool = (mcp.turns[lastMcp - 1]?.action as { name?: string } | undefined)?.name ?? '';

  it('counts overall: exact-match rate and mean similarity over compared turns, failures apart', () => {
    assert.equal(report.sessions, 2, 'a session without shadowed turns is not counted');
    assert.deepEqual(report.overall, {
      key: 'all',
      turns: 5,
      compared: 4,
      exactMatches: 2,
      exactMatchRate: 0.5,
      meanSimilarity: (1 + 0.5 + 1 + 0.8) / 4,
      simulatedCheckFailures: 1,
      simulatedCheckFailureRate: 0.25,
      shadowFailures: 1,
    });
  });

  it('groups by domain, dialect, command family and turn position', () => {
    const pick = (groups: typeof report.byDomain) =>
      Object.fromEntries(
        groups.map((group) => [group.key, [group.turns, group.exactMatches, group.meanSimilarity]]),
      );
    assert.deepEqual(pick(report.byDomain), { terminal: [3, 1, 0.75], mcp: [2, 1, 0.9] });
    assert.deepEqual(pick(report.byDialect), { 'terminal/terminus': [3, 1, 0.75], 'mcp/mcp': [2, 1, 0.9] });
    assert.deepEqual(pick(report.byFamily), {
      'terminal:mkdir': [1, 1, 1],
      'terminal:printf': [1, 0, 0.5],
      'terminal:(none)': [1, 0, null],
      'mcp:echo': [1, 1, 1],
      [`mcp:${mcpLastTool}`]: [1, 0, 0.8],
    });
    assert.deepEqual(
      report.byPosition.map((group) => [group.key, group.turns, group.compared, group.meanSimilarity]),
      [
        ['first', 2, 2, 1],
        ['middle', 1, 1, 0.5],
        ['last', 2, 1, 0.8],
      ],
    );
  });

  it('lists the least similar turns first, with their first difference', () => {
    assert.deepEqual(report.worstTurns, [
      {
        sessionId: terminal.id,
        turn: 2,
        domain: 'terminal',
        family: 'printf',
        similarity: 0.5,
        differences: 5,
        firstDifference: 'change line 2: "alpha" → "ALPHA"',
      },
      {
        sessionId: mcp.id,
        turn: lastMcp,
        domain: 'mcp',
        family: mcpLastTool,
        similarity: 0.8,
        differences: 0,
      },
    ]);
    assert.equal(buildShadowReport(records, { worst: 1 }).worstTurns.length, 1);
  });

  it('prints text tables', () => {
    const text = formatShadowReport(report);
    assert.match(text, /^Shadow divergence: 2 sessions, 5 shadowed turns/);
    assert.match(text, /^all +5 +50\.0% +0\.825 +25\.0% +1$/m);
    assert.match(text, /^terminal:printf +1 +0\.0% +0\.500 +100\.0% +0$/m);
    assert.match(text, /^terminal:\(none\) +1 +– +– +– +1$/m);
    assert.match(formatShadowReport(buildShadowReport([])), /No shadowed turns/);
  });
});

describe('commandFamily on real terminal sessions', () => {
  it('labels keys typed into a running program as program input, commands at the prompt by their command word', async () => {
    const [session] = (await readRealCorpus({ parts: ['terminal'] })).filter(
      (record) => record.id === 'terminal-interactive-2',
    );
    assert.ok(session, 'the corpus has terminal-interactive-2');
    const families = session.turns.map((turn) => commandFamily(getDomain('terminal'), session, turn));
    const keystrokes = session.turns.map((turn) =>
      Array.isArray(turn.action)
        ? String((turn.action[0] as { keystrokes?: string } | undefined)?.keystrokes ?? '')
        : '',
    );
    // `cat > file` then two typed lines and C-d: the typed lines and C-d go to cat, not to the shell.
    const cat = keystrokes.findIndex((keys) => /^cat > \w+\.txt\n$/.test(keys));
    assert.ok(cat >= 0, keystrokes.join(' | '));
    assert.equal(families[cat], 'cat');
    assert.deepEqual(families.slice(cat + 1, cat + 4), [PROGRAM_INPUT, PROGRAM_INPUT, PROGRAM_INPUT]);
    assert.equal(families[cat + 4], 'cat', 'back at the prompt: a command again');
  });
});
