import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { type ErrorCode, isAgentWorldError } from '../../core/errors.js';
import { type SessionRecord, SessionRecordSchema, type Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { createEnv } from '../../session/create-env.js';
import { createReplayEngine } from '../replay/index.js';
import { FORMULA_CONFIG, writeFormulaMcpModel, writeFormulaModel } from './formula-model.js';
import { createLocalEngine, type LocalEngine } from './local-engine.js';
import {
  buildMcpSequence,
  type McpLayoutCall,
  mcpCallOfAction,
  mcpPromptIds,
  mcpSequenceHead,
  renderMcpCall,
} from './mcp-sequence-layout.js';
import { mcpHistoryTurns } from './mcp-simulator.js';
import { mcpHistory, STATE_EVENT, stateArrangement } from './mcp-state.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';
import type { LocalEngineOptionsInput } from './options.js';
import { byteIds, EOS_ID, idsToText } from './sequence-layout.js';
import { UNSUPPORTED_EVENT } from './terminal-turns.js';

const installed = await nodeLlamaCppInstalled();
const directory = mkdtempSync(join(tmpdir(), 'agentworld-local-mcp-'));
const mcpModelPath = join(directory, 'formula-mcp.gguf');
const terminalModelPath = join(directory, 'formula-terminal.gguf');
after(() => rmSync(directory, { recursive: true, force: true }));

/** Three real server-memory sessions (training/README.md): 13, 14 and 3 turns (the 14-turn one is used). */
const records: SessionRecord[] = readFileSync(
  join(process.cwd(), 'training', 'fixtures', 'mcp-sessions.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
const [, longSession, shortSession] = records as [SessionRecord, SessionRecord, SessionRecord];
const memorySpec = shortSession.spec;
const SERVER = 'server-memory';

function specWithData(data: Record<string, unknown>): WorldSpec {
  return { ...memorySpec, initialState: { ...memorySpec.initialState, data } };
}

/** A request as a session builds it, for turn `history.length + 1`. */
function requestFor(spec: WorldSpec, history: readonly Turn[], action: unknown): PredictRequest {
  return {
    spec,
    sessionId: 'test',
    seed: 1,
    turnIndex: history.length + 1,
    action,
    messages: [],
    promptHash: '0'.repeat(64),
    history,
  };
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAgentWorldError(error), `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

interface ReferenceDecode {
  readonly ids: number[];
  readonly stopped: boolean;
}

/**
 * Greedy decoding straight on node-llama-cpp, without the engine: the whole prompt on a fresh sequence, stopped
 * at `</s>` or after `maxTokens` ids.
 */
async function referenceDecoder(path: string): Promise<{
  decode(prompt: number[], maxTokens: number): Promise<ReferenceDecode>;
  close(): Promise<void>;
}> {
  const specifier: string = 'node-llama-cpp';
  // biome-ignore lint/suspicious/noExplicitAny: node-llama-cpp is optional, so its types are not imported.
  const { getLlama } = (await import(specifier)) as any;
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error', progressLogs: false });
  const model = await llama.loadModel({ modelPath: path });
  const size = FORMULA_CONFIG.contextLength;
  const context = await model.createContext({
    contextSize: size,
    threads: 1,
    flashAttention: false,
    batchSize: size,
  });
  const sequence = context.getSequence();
  return {
    async decode(prompt, maxTokens) {
      await sequence.clearHistory();
      const ids: number[] = [];
      const options = { temperature: 0, yieldEogToken: true };
      for await (const output of sequence.evaluateWithMetadata(prompt, { confidence: true }, options)) {
        if (output.token === EOS_ID) return { ids, stopped: true };
        ids.push(output.token);
        if (ids.length >= maxTokens) break;
      }
      return { ids, stopped: false };
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}

describe('mcp history turns (no model)', () => {
  it('keeps every recorded call in order and leaves out unsupported turns and calls the layout cannot write', () => {
    const turns = shortSession.turns;
    const laid = mcpHistoryTurns(turns);
    assert.deepEqual(
      laid.map((turn) => turn.echo.slice(0, turn.echo.indexOf(' ', 5))),
      ['call create_entities', 'call open_nodes', 'call add_observations'],
    );
    assert.equal(laid[0]?.target, turns[0]?.observation);
    const first = turns[0] as Turn;
    const labelled = { ...first, events: [{ type: UNSUPPORTED_EVENT }] };
    const spaced = { ...first, action: { name: 'read graph', arguments: {} } };
    assert.deepEqual(mcpHistoryTurns([labelled, spaced, ...turns.slice(1)]), laid.slice(1));
  });
});

describe('local engine with an mcp-layout model (formula model on node-llama-cpp)', {
  skip: !installed && 'node-llama-cpp is not installed',
}, () => {
  const engines: Engine[] = [];
  let reference: Awaited<ReturnType<typeof referenceDecoder>>;
  async function engine(
    options: Partial<LocalEngineOptionsInput> = {},
    fallback?: Engine,
  ): Promise<LocalEngine> {
    const created = await createLocalEngine(
      { modelPath: mcpModelPath, maxTokens: 32, minTokenProbability: 0, ...options },
      fallback === undefined ? {} : { fallback },
    );
    engines.push(created);
    return created;
  }
  before(async () => {
    await writeFormulaMcpModel(mcpModelPath);
    await writeFormulaModel(terminalModelPath);
    reference = await referenceDecoder(mcpModelPath);
  });
  after(async () => {
    for (const created of engines) await created.close();
    await reference.close();
  });

  it('dispatches on the file layout: mcp files simulate mcp, terminal files terminals, each refuses the other', async () => {
    const mcp = await engine();
    assert.deepEqual(mcp.layout, {
      id: 'mcp-bytes-v1',
      domain: 'mcp',
      systemLine: 'agentworld mcp server-memory\n',
    });
    const terminal = await createLocalEngine({ modelPath: terminalModelPath, maxTokens: 32 });
    engines.push(terminal);
    assert.equal(terminal.layout.id, 'terminal-bytes-v1');
    const terminalSpec = { domain: 'terminal', task: 'Look around.' };
    const terminalEnv = await createEnv(terminalSpec, { engine: mcp });
    await terminalEnv.reset({ seed: 1 });
    await expectCode(
      terminalEnv.step([{ keystrokes: 'ls\n', duration: 1 }]),
      'UNSUPPORTED',
      /embedded MCP model cannot simulate the terminal domain \(it simulates the MCP server server-memory\)/,
    );
    const mcpEnv = await createEnv(memorySpec, { engine: terminal });
    await mcpEnv.reset({ seed: 1 });
    await expectCode(
      mcpEnv.step({ name: 'read_graph', arguments: {} }),
      'UNSUPPORTED',
      /terminal model .* mcp domain/,
    );
    assert.equal(mcp.stats().unsupported, 1);
    assert.equal(mcp.stats().simulatedCommands, 0);
  });

  it('feeds exactly the layout sequence of the whole history and the call, and returns the decoded text', async () => {
    const history = shortSession.turns.slice(0, 1);
    const action = (shortSession.turns[1] as Turn).action;
    const prompt = mcpPromptIds(SERVER, history, action) as number[];
    const expected = await reference.decode(prompt, 32);
    const local = await engine();
    const prediction = await local.predict(requestFor(memorySpec, history, action));
    assert.equal(prediction.usage?.promptTokens, prompt.length);
    assert.equal(prediction.usage?.cachedPromptTokens, 0);
    assert.equal(prediction.observation, idsToText(expected.ids));
    assert.equal(prediction.usage?.completionTokens, expected.ids.length + (expected.stopped ? 1 : 0));
    assert.deepEqual(prediction.provenance, {
      source: 'simulated',
      engine: 'local',
      model: local.model,
      promptHash: '0'.repeat(64),
    });
    assert.ok(!prediction.events.some((event) => event.type === 'local.window'));
  });

  it('drops the oldest whole turns of a session too long for the context and replays the graph after them', async () => {
    const history = longSession.turns.slice(0, 6);
    const action = (longSession.turns[6] as Turn).action;
    const whole = mcpPromptIds(SERVER, history, action) as number[];
    assert.ok(whole.length > FORMULA_CONFIG.contextLength, 'the history must not fit');
    const local = await engine();
    const prediction = await local.predict(requestFor(memorySpec, history, action));
    const window = prediction.events.find((event) => event.type === 'local.window');
    const dropped = window?.data?.droppedTurns;
    assert.ok(
      typeof dropped === 'number' && dropped > 0 && dropped <= history.length,
      JSON.stringify(window),
    );
    const state = prediction.events.find((event) => event.type === STATE_EVENT);
    assert.equal(state?.data?.droppedTurns, dropped);
    const echo = renderMcpCall(mcpCallOfAction(action) as McpLayoutCall);
    const arranged = stateArrangement(
      mcpHistory(history),
      mcpCallOfAction(action) as McpLayoutCall,
      'replay',
    ).arrange({
      contextSize: FORMULA_CONFIG.contextLength,
      headLength: mcpSequenceHead(SERVER).length,
      outputReserve: 32,
    });
    assert.equal(arranged?.firstTurn, dropped);
    const all = arranged?.turns ?? [];
    const stateTurns = all.slice(0, all.length - (history.length - dropped));
    assert.ok(stateTurns.length > 0 && stateTurns.every((turn) => turn.echo.startsWith('call create_')));
    const kept = [...buildMcpSequence(SERVER, arranged?.turns ?? []).ids, ...byteIds(echo)];
    assert.equal(prediction.usage?.promptTokens, kept.length);
    const expected = await reference.decode(kept, 32);
    assert.equal(prediction.observation, idsToText(expected.ids));
  });

  it('stops at </s> before maxTokens, and cuts a longer result at maxTokens with a local.truncated event', async () => {
    const history: Turn[] = [];
    const queries = Array.from({ length: 80 }, (_, index) => `q${index}`);
    let stopping: { query: string; ids: number[] } | undefined;
    let running: { query: string; ids: number[] } | undefined;
    for (const query of queries) {
      const prompt = mcpPromptIds(SERVER, history, {
        name: 'search_nodes',
        arguments: { query },
      }) as number[];
      const decoded = await reference.decode(prompt, 32);
      if (decoded.stopped && decoded.ids.length > 0) stopping ??= { query, ids: decoded.ids };
      if (!decoded.stopped) running ??= { query, ids: decoded.ids };
      if (stopping !== undefined && running !== undefined) break;
    }
    assert.ok(
      stopping !== undefined && running !== undefined,
      'the formula model gives both kinds of output',
    );

    const stops = await (await engine()).predict(
      requestFor(memorySpec, history, { name: 'search_nodes', arguments: { query: stopping.query } }),
    );
    assert.equal(stops.observation, idsToText(stopping.ids));
    assert.equal(stops.finishReason, 'stop');
    assert.equal(stops.usage?.completionTokens, stopping.ids.length + 1);
    assert.ok(!stops.events.some((event) => event.type === 'local.truncated'));

    const cut = await (await engine({ maxTokens: 5 })).predict(
      requestFor(memorySpec, history, { name: 'search_nodes', arguments: { query: running.query } }),
    );
    assert.equal(cut.observation, idsToText(running.ids.slice(0, 5)));
    assert.equal(cut.finishReason, 'length');
    assert.equal(cut.usage?.completionTokens, 5);
    assert.deepEqual(
      cut.events.find((event) => event.type === 'local.truncated'),
      {
        type: 'local.truncated',
        message: 'The result of `search_nodes` was cut at 5 bytes.',
        data: { maxTokens: 5 },
      },
    );
  });

  it('a session steps through the model and continues from its own history (cache reused)', async () => {
    const local = await engine();
    const env = await createEnv(memorySpec, { engine: local });
    await env.reset({ seed: 1 });
    const first = await env.step({ name: 'read_graph', arguments: {} });
    const second = await env.step({ name: 'search_nodes', arguments: { query: 'Ada' } });
    assert.equal(first.info.turn.provenance.engine, 'local');
    const prompt = mcpPromptIds(SERVER, env.turns.slice(0, 1), {
      name: 'search_nodes',
      arguments: { query: 'Ada' },
    });
    assert.equal(second.info.turn.usage?.promptTokens, prompt?.length);
    assert.ok((second.info.turn.usage?.cachedPromptTokens ?? 0) > 30, 'the first turn stays in the cache');
    assert.equal(local.stats().simulatedCommands, 2);
  });

  it('another server, a server with state, or a call the layout cannot write is UNSUPPORTED or the fallback', async () => {
    const strictless = await engine({ onUnsupported: 'observation' });
    const read = { name: 'read_graph', arguments: {} };
    await expectCode(
      strictless.predict(requestFor(specWithData({ serverName: 'server-filesystem' }), [], read)),
      'UNSUPPORTED',
      /cannot simulate the server server-filesystem \(it simulates the MCP server server-memory\)/,
    );
    await expectCode(
      strictless.predict(requestFor(specWithData({}), [], read)),
      'UNSUPPORTED',
      /a server the spec does not name/,
    );
    await expectCode(
      strictless.predict(requestFor(specWithData({ serverName: SERVER, resourceIds: ['Ada'] }), [], read)),
      'UNSUPPORTED',
      /starts with state \(initialState\.data resourceIds/,
    );
    await expectCode(
      strictless.predict(requestFor(memorySpec, [], { name: 'read graph', arguments: {} })),
      'UNSUPPORTED',
      /a call the layout cannot write/,
    );
    assert.equal(strictless.stats().unsupported, 4);

    // With a fallback engine (here a replay of the recorded session) the whole turn goes there, labelled.
    const withFallback = await engine({}, createReplayEngine({ sessions: [shortSession] }));
    const otherServer = specWithData({ serverName: 'another-memory' });
    const env = await createEnv(otherServer, { engine: withFallback });
    await env.reset({ seed: shortSession.seed });
    const answered = await env.step((shortSession.turns[0] as Turn).action);
    assert.equal(answered.observation, shortSession.turns[0]?.observation);
    assert.equal(answered.info.turn.provenance.engine, 'replay');
    assert.equal(answered.info.turn.events[0]?.type, 'local.fallback');
    assert.match(answered.info.turn.events[0]?.message ?? '', /the server another-memory/);
    assert.equal(withFallback.stats().fallbacks, 1);
    assert.equal(withFallback.stats().simulatedCommands, 0);
  });

  it('labels a low-confidence result, or hands it to the fallback, as for terminals', async () => {
    const call = (shortSession.turns[0] as Turn).action;
    const unsure = await (await engine({ minTokenProbability: 1 })).predict(requestFor(memorySpec, [], call));
    assert.equal(unsure.provenance.engine, 'local');
    assert.equal(unsure.events.at(-1)?.type, 'local.low-confidence');
    const withFallback = await engine(
      { minTokenProbability: 1 },
      createReplayEngine({ sessions: [shortSession] }),
    );
    const env = await createEnv(memorySpec, { engine: withFallback });
    await env.reset({ seed: shortSession.seed });
    const answered = await env.step(call);
    assert.equal(answered.observation, shortSession.turns[0]?.observation);
    assert.match(
      answered.info.turn.events[0]?.message ?? '',
      /^Answered by the replay engine: low confidence/,
    );
    assert.equal(withFallback.stats().simulatedCommands, 1, 'the model ran before the fallback answered');
  });

  it('times out as ENGINE_TIMEOUT and aborts as ABORTED, and answers afterwards', async () => {
    const slow = await engine({ maxTokens: 400, timeoutMs: 1 });
    const call = { name: 'search_nodes', arguments: { query: 'Ada' } };
    await expectCode(
      slow.predict(requestFor(memorySpec, shortSession.turns.slice(0, 2), call)),
      'ENGINE_TIMEOUT',
    );
    const local = await engine();
    const controller = new AbortController();
    const pending = local.predict(requestFor(memorySpec, [], call), { signal: controller.signal });
    controller.abort();
    await expectCode(pending, 'ABORTED');
    await expectCode(
      local.predict(requestFor(memorySpec, [], call), { signal: AbortSignal.abort() }),
      'ABORTED',
    );
    const answered = await local.predict(requestFor(memorySpec, [], call));
    assert.equal(answered.provenance.engine, 'local');
  });
});
