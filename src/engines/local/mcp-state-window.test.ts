import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type SessionRecord, SessionRecordSchema } from '../../core/turn.js';
import { mcpSequenceHead } from './mcp-sequence-layout.js';
import { mcpHistory, stateArrangement } from './mcp-state.js';
import type { MemoryGraph } from './mcp-state-graph.js';
import { callConcerns, renderStateTurns, stateTurnsOf } from './mcp-state-turns.js';
import { STATE_SHARE, stateWindow } from './mcp-state-window.js';
import { echoReserve } from './model-context.js';
import { byteIds, type LayoutTurn } from './sequence-layout.js';

/** Three real server-memory sessions (training/README.md); the 14-turn one is far longer than 2,048 bytes. */
const records: SessionRecord[] = readFileSync(
  join(process.cwd(), 'training', 'fixtures', 'mcp-sessions.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
const longSession = records[1] as SessionRecord;
const CONTEXT = 2048;
const HEAD = mcpSequenceHead('server-memory').length;
const RESERVE = 512;

function tokens(turns: readonly LayoutTurn[]): number {
  return turns.reduce((sum, turn) => sum + byteIds(turn.echo).length + byteIds(turn.target).length + 1, 0);
}

function arrange(turnCount: number, contextSize = CONTEXT) {
  const history = mcpHistory(longSession.turns.slice(0, turnCount));
  const echo = 'call read_graph {}\n';
  const arranged = stateArrangement(history, { name: 'read_graph', arguments: {} }, 'replay').arrange({
    contextSize,
    headLength: HEAD,
    outputReserve: RESERVE,
  });
  return { history, arranged, echo };
}

describe('mcp state window (real sessions, no model)', () => {
  it('keeps a history that fits as it is, with no state turns', () => {
    const { history, arranged } = arrange(4);
    assert.equal(arranged?.firstTurn, 0);
    assert.deepEqual(arranged?.turns, history.turns);
  });

  it('puts the replay of the graph after the dropped turns before the kept ones, all within the budget', () => {
    const { history, arranged, echo } = arrange(longSession.turns.length);
    assert.ok(arranged !== undefined && arranged.firstTurn > 0);
    const kept = history.turns.slice(arranged.firstTurn);
    const state = arranged.turns.slice(0, arranged.turns.length - kept.length);
    assert.deepEqual(arranged.turns.slice(state.length), kept);
    assert.deepEqual(state, renderStateTurns(history.graphs[arranged.firstTurn] as MemoryGraph, 'replay'));
    assert.ok(state.every((turn) => /^call create_(entities|relations) /.test(turn.echo)));
    const window = CONTEXT - RESERVE - HEAD - echoReserve(CONTEXT);
    assert.ok(tokens(arranged.turns) <= window, 'fits without the plain window dropping any of it');
    assert.ok(tokens(arranged.turns) + byteIds(echo).length <= CONTEXT - RESERVE - HEAD);
  });

  it('moves in jumps: one more short turn extends the same window, the same history gives the same one', () => {
    const turns = longSession.turns.length;
    const firsts = Array.from({ length: turns - 7 }, (_, index) => arrange(index + 8).arranged?.firstTurn);
    assert.deepEqual(
      firsts,
      Array.from({ length: turns - 7 }, (_, index) => arrange(index + 8).arranged?.firstTurn),
    );
    const moves = firsts.filter((first, index) => index > 0 && first !== firsts[index - 1]).length;
    assert.ok(moves < firsts.length - 1, `the window moved on ${moves} of ${firsts.length - 1} calls`);
  });

  it('a graph too large for its share keeps its newest entities and counts what it left out', () => {
    const entities = Array.from({ length: 40 }, (_, index) => ({
      name: `entity-${index}`,
      entityType: 'thing',
      observations: [`Observation number ${index} of a long session`],
    }));
    const relations = [
      { from: 'entity-0', to: 'entity-1', relationType: 'old' },
      { from: 'entity-0', to: 'entity-39', relationType: 'spans' },
      { from: 'entity-38', to: 'entity-39', relationType: 'new' },
    ];
    const cap = Math.floor((CONTEXT - RESERVE - HEAD - echoReserve(CONTEXT)) * STATE_SHARE);
    const state = stateTurnsOf({ entities, relations }, cap, 'replay');
    assert.ok(state !== undefined && state.tokens <= cap && state.tokens === tokens(state.turns));
    assert.ok(state.omittedEntities > 0 && state.entities + state.omittedEntities === 40);
    assert.equal(state.relations, 2, 'the relation between two left-out entities goes, the others stay');
    const text = state.turns.map((turn) => turn.echo).join('');
    assert.match(text, /entity-39/);
    assert.doesNotMatch(text, /"name":"entity-0"|"old"/);
    const read = stateTurnsOf({ entities, relations }, cap, 'read_graph');
    assert.equal(read?.turns.length, 1);
    assert.ok(
      (read?.entities ?? 0) > state.entities,
      'one read_graph holds more of the graph than its replay',
    );
  });

  it('a graph too large keeps the entities the next call is about longest (names in it, search hits)', () => {
    const entities = Array.from({ length: 40 }, (_, index) => ({
      name: `entity-${index}`,
      entityType: index === 1 ? 'lighthouse' : 'thing',
      observations: [`Observation number ${index} of a long session`],
    }));
    const cap = Math.floor((CONTEXT - RESERVE - HEAD - echoReserve(CONTEXT)) * STATE_SHARE);
    const opened = stateTurnsOf(
      { entities, relations: [] },
      cap,
      'replay',
      callConcerns('open_nodes', {
        names: ['entity-0', 'not-there'],
      }),
    );
    const searched = stateTurnsOf(
      { entities, relations: [] },
      cap,
      'replay',
      callConcerns('search_nodes', {
        query: 'LIGHT',
      }),
    );
    const plain = stateTurnsOf({ entities, relations: [] }, cap, 'replay');
    assert.equal(opened?.entities, plain?.entities);
    assert.match(opened?.turns[0]?.echo ?? '', /^call create_entities \{"entities":\[\{"name":"entity-0"/);
    assert.match(searched?.turns[0]?.echo ?? '', /^call create_entities \{"entities":\[\{"name":"entity-1"/);
    assert.doesNotMatch(plain?.turns.map((turn) => turn.echo).join('') ?? '', /"entity-[01]"/);
  });

  it('an echo too long for any window is refused (undefined), as the plain window does', () => {
    const history = mcpHistory(longSession.turns);
    const window = stateWindow({
      turnLengths: history.turns.map((turn) => tokens([turn])),
      graphs: history.graphs,
      echoLength: CONTEXT,
      headLength: HEAD,
      contextSize: CONTEXT,
      outputReserve: RESERVE,
      echoReserve: echoReserve(CONTEXT),
      form: 'replay',
    });
    assert.equal(window, undefined);
  });
});
