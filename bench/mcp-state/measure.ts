import type { SessionEvent, SessionRecord, Turn } from '../../src/core/turn.js';
import { promptWindow } from '../../src/engines/local/context-window.js';
import type { LocalEngine } from '../../src/engines/local/index.js';
import {
  mcpCallOfAction,
  mcpSequenceHead,
  mcpServerNameOf,
  renderMcpCall,
} from '../../src/engines/local/mcp-sequence-layout.js';
import { MCP_TYPICAL_OUTPUT_TOKENS, mcpHistoryTurns } from '../../src/engines/local/mcp-simulator.js';
import {
  applyMemoryCall,
  EMPTY_MEMORY_GRAPH,
  type MemoryGraph,
} from '../../src/engines/local/mcp-state-graph.js';
import { echoReserve } from '../../src/engines/local/model-context.js';
import { byteIds } from '../../src/engines/local/sequence-layout.js';
import { createEnv } from '../../src/session/create-env.js';
import { Tally } from '../embedded-model/measures.js';
import { familyOf } from '../embedded-model/session-files.js';
import { teacherForcedRequest } from '../shared/teacher-forced-request.js';

/** Where a turn stands against the model's context. */
export const WITHIN = '[within the window]';
export const BEYOND = '[beyond the window]';
/** Beyond the window, and the recorded result names an entity that only dropped turns created or changed. */
export const RECALLS = '[beyond: result names a dropped-turn entity]';

/** The generator's family of a turn, or its tool name for sessions recorded elsewhere (corpus/real). */
export function familyOfTurn(turn: Turn): string {
  const family = familyOf(turn);
  if (family !== 'unknown') return family;
  const call = mcpCallOfAction(turn.action);
  return call === undefined ? 'unknown' : call.name;
}

/**
 * How many of a turn's recorded history turns leave the context of the shipped model (2,048 tokens) under the
 * plain window (the oldest turns dropped, context-window.ts): the same for every configuration measured, so each
 * counts the same turns as beyond the window.
 */
function droppedTurns(record: SessionRecord, index: number, contextSize: number): number {
  const server = mcpServerNameOf(record.spec);
  const turns = mcpHistoryTurns(record.turns.slice(0, index));
  const call = mcpCallOfAction(record.turns[index]?.action);
  if (call === undefined) return 0;
  const first = promptWindow({
    turnLengths: turns.map((turn) => byteIds(turn.echo).length + byteIds(turn.target).length + 1),
    echoLength: byteIds(renderMcpCall(call)).length,
    headLength: mcpSequenceHead(server.name).length,
    contextSize,
    outputReserve: MCP_TYPICAL_OUTPUT_TOKENS,
    echoReserve: echoReserve(contextSize),
  });
  return first ?? turns.length;
}

/** The graph before each turn of a session (calls as server-memory applies them). */
function graphsBefore(record: SessionRecord): MemoryGraph[] {
  const graphs: MemoryGraph[] = [];
  let graph = EMPTY_MEMORY_GRAPH;
  for (const turn of record.turns) {
    graphs.push(graph);
    const call = mcpCallOfAction(turn.action);
    if (call !== undefined) graph = applyMemoryCall(graph, call.name, call.arguments).graph;
  }
  return graphs;
}

/**
 * The groups a turn counts in: WITHIN when its whole history fit; else BEYOND, and RECALLS when its recorded
 * result names (as a JSON string) an entity of the graph before it that neither the kept turns (calls and
 * results) nor its own call mention: something only the dropped turns said; turns beyond the window also count
 * in a row of their family (`  beyond: FAMILY`).
 */
function groupsFor(record: SessionRecord, index: number, dropped: number, graphs: MemoryGraph[]): string[] {
  if (dropped === 0) return [WITHIN];
  const turn = record.turns[index] as Turn;
  const visible = [
    ...record.turns
      .slice(dropped, index)
      .map((kept) => `${JSON.stringify(kept.action)}\n${kept.observation}`),
    JSON.stringify(turn.action),
  ].join('\n');
  const graph = graphs[index] ?? EMPTY_MEMORY_GRAPH;
  const recalls = graph.entities.some(
    (entity) => turn.observation.includes(JSON.stringify(entity.name)) && !visible.includes(entity.name),
  );
  const family = `  beyond: ${familyOfTurn(turn)}`;
  return recalls ? [BEYOND, RECALLS, family] : [BEYOND, family];
}

export interface Measured {
  readonly tally: Tally;
  /** Turns with a state turn in their prompt, and those whose state turn left part of the graph out. */
  stateTurns: number;
  partialStates: number;
}

function noteState(result: Measured, events: readonly SessionEvent[]): void {
  const state = events.find((event) => event.type === 'local.state');
  if (state === undefined) return;
  result.stateTurns++;
  const omitted = state.data?.omittedEntities;
  if (typeof omitted === 'number' && omitted > 0) result.partialStates++;
}

/** Every turn predicted from the recorded history before it, against the recorded result. */
export async function teacherForced(
  engine: LocalEngine,
  sessions: readonly SessionRecord[],
  label: string,
): Promise<Measured> {
  const result: Measured = { tally: new Tally(), stateTurns: 0, partialStates: 0 };
  for (const [position, record] of sessions.entries()) {
    const graphs = graphsBefore(record);
    for (const [index, turn] of record.turns.entries()) {
      const prediction = await engine.predict(teacherForcedRequest(record, index));
      noteState(result, prediction.events);
      const groups = groupsFor(record, index, droppedTurns(record, index, engine.contextSize), graphs);
      result.tally.add(familyOfTurn(turn), turn.observation, prediction.observation, groups);
    }
    process.stderr.write(`\r  ${label} teacher-forced ${position + 1}/${sessions.length}`);
  }
  process.stderr.write('\n');
  return result;
}

/** Whole sessions through a real Session on the model's own results, against the recorded ones. */
export async function closedLoop(
  engine: LocalEngine,
  sessions: readonly SessionRecord[],
  label: string,
): Promise<Measured> {
  const result: Measured = { tally: new Tally(), stateTurns: 0, partialStates: 0 };
  for (const [position, record] of sessions.entries()) {
    const graphs = graphsBefore(record);
    const env = await createEnv(record.spec, { engine });
    await env.reset({ seed: record.seed });
    for (const [index, turn] of record.turns.entries()) {
      const step = await env.step(turn.action);
      const events = step.info.turn.events;
      noteState(result, events);
      const groups = groupsFor(record, index, droppedTurns(record, index, engine.contextSize), graphs);
      result.tally.add(familyOfTurn(turn), turn.observation, step.observation, groups);
    }
    await env.close();
    process.stderr.write(`\r  ${label} closed loop ${position + 1}/${sessions.length}`);
  }
  process.stderr.write('\n');
  return result;
}
