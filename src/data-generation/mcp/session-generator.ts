import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { isAgentWorldError } from '../../core/errors.js';
import type { SessionRecord } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { mcpDomain } from '../../domains/mcp/index.js';
import { McpServerEngine } from '../../engines/real/mcp/mcp-server-engine.js';
import { Session } from '../../session/session.js';
import type { GrammarMode } from '../grammar-mode.js';
import { SeededRandom } from '../terminal/random.js';
import { FAMILY_EVENT, GENERATED_TIMESTAMP } from '../terminal/session-generator.js';
import { type CallFamily, type DrawnCall, drawCall } from './call-grammar.js';
import { readMemoryGraph } from './memory-graph.js';
import { MEMORY_SERVER_PACKAGE, memoryServerCommand, memoryServerVersion } from './memory-server.js';
import { MemoryVocabulary } from './memory-vocabulary.js';
import { MEMORY_SERVER_NAME, memorySessionSpec } from './session-spec.js';

export interface McpSessionGeneratorOptions {
  readonly seed: number;
  /** `training` (default) or `extension`, which adds the held-out families of extension-calls.ts. */
  readonly grammar?: GrammarMode;
  /** Sessions with fewer kept turns are dropped (default 3). */
  readonly minTurns?: number;
  /** Upper bound of the drawn session length (default 14). */
  readonly maxTurns?: number;
  /** Bound on the bytes of all actions and observations of a session (default 6000). */
  readonly maxSessionBytes?: number;
  /** An observation longer than this (bytes) ends the session before that turn (default 1500). */
  readonly maxObservationBytes?: number;
  /** Per-call time limit; a slower call drops the session (default 10000). */
  readonly callTimeoutMs?: number;
}

/**
 * A call the protocol refused before any tool ran (unknown tool, arguments failing the input schema). It is
 * not a turn: the Session refuses it with the mcp domain's text, and the generator asks the real server the
 * same call to see whether the two texts agree.
 */
export interface RejectedCall {
  readonly family: CallFamily;
  readonly action: DrawnCall['action'];
  /** The text the mcp domain says a real server answers. */
  readonly expected: string;
  /** What the real server answered. */
  readonly actual: string;
  readonly agrees: boolean;
}

export type McpDropReason = 'timeout' | 'too-short' | 'server-failed';

export type McpSessionOutcome =
  | {
      readonly kind: 'generated';
      readonly index: number;
      readonly record: SessionRecord;
      readonly rejected: readonly RejectedCall[];
    }
  | {
      readonly kind: 'dropped';
      readonly index: number;
      readonly reason: McpDropReason;
      readonly message: string;
    };

/**
 * The id of session `index` of a seed; extension-grammar sessions say so (training ones keep the plain form, so
 * a training session's id and bytes do not depend on the extension existing).
 */
export function generatedMcpSessionId(
  seed: number,
  index: number,
  grammar: GrammarMode = 'training',
): string {
  return `datagen-mcp-memory-${grammar === 'extension' ? 'extension-' : ''}s${seed}-${index}`;
}

/** The key of a session's random stream (extension sessions draw from a stream of their own). */
function randomKey(seed: number, index: number, grammar: GrammarMode): string {
  return `agentworld-datagen-mcp:${grammar === 'extension' ? 'extension:' : ''}${seed}:${index}`;
}

let cachedSpec: WorldSpec | undefined;

/**
 * A server-memory process kept between the sessions of one lane: the server keeps its whole graph in its memory
 * file and reads it on every call, so removing the file gives the next session an empty graph without starting a
 * new process (most of a session's cost). The slot's server lives as long as `lifetime`, a signal of its own that
 * follows the lane's; a session that timed out or broke the server gets a fresh one next time.
 */
export interface McpServerSlot {
  server: { readonly engine: McpServerEngine; readonly directory: string } | undefined;
  readonly lifetime: AbortController;
}

/** A slot holding no server yet, whose server ends when `signal` aborts. */
export function emptyMcpServerSlot(signal?: AbortSignal): McpServerSlot {
  const lifetime = new AbortController();
  signal?.addEventListener('abort', () => lifetime.abort(signal.reason), { once: true });
  return { server: undefined, lifetime };
}

/** Ends a slot's server and removes its directory. */
export async function releaseMcpServer(slot: McpServerSlot): Promise<void> {
  const server = slot.server;
  slot.server = undefined;
  if (server === undefined) return;
  await server.engine.close();
  rmSync(server.directory, { recursive: true, force: true });
}

const MEMORY_FILE = 'memory.jsonl';

/** The slot's server with an empty graph, started when the slot has none. */
async function acquireServer(
  slot: McpServerSlot,
  options: McpSessionGeneratorOptions,
): Promise<{ readonly engine: McpServerEngine; readonly directory: string }> {
  const current = slot.server;
  if (current !== undefined) {
    // The server writes through a temporary file renamed over the memory file: remove both kinds.
    for (const name of readdirSync(current.directory)) rmSync(join(current.directory, name), { force: true });
    return current;
  }
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-datagen-mcp-'));
  try {
    const engine = await McpServerEngine.start(memoryServerCommand(join(directory, MEMORY_FILE)), {
      serverName: MEMORY_SERVER_NAME,
      ...(options.callTimeoutMs === undefined ? {} : { callTimeoutMs: options.callTimeoutMs }),
      signal: slot.lifetime.signal,
    });
    slot.server = { engine, directory };
    return slot.server;
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

let cachedSystemPrompt: string | undefined;

/** Per kept turn: the family drawn and whether the server flagged the result as an error. */
interface KeptTurn {
  readonly family: CallFamily;
  readonly isError: boolean;
}

/**
 * Generates session `index` of `options.seed`, a pure function of (seed, index) for a given server version: a
 * server-memory process with an empty graph file (the lane's, when `server` is given, else one of its own) answers
 * every drawn call for real, through the real Session (so prompts, prompt hashes, ledger and the mcp checks are those of any recorded session).
 */
export async function generateMcpSession(
  index: number,
  options: McpSessionGeneratorOptions,
  outerOptions: CallOptions & { readonly server?: McpServerSlot } = {},
): Promise<McpSessionOutcome> {
  throwIfAborted(outerOptions.signal);
  // The SDK leaves an abort listener on every signal it is given: give it one that lives as long as the session.
  const sessionSignal = new AbortController();
  const follow = (): void => sessionSignal.abort(outerOptions.signal?.reason);
  outerOptions.signal?.addEventListener('abort', follow, { once: true });
  const callOptions: CallOptions = { signal: sessionSignal.signal };
  const grammar = options.grammar ?? 'training';
  const random = new SeededRandom(randomKey(options.seed, index, grammar));
  const words = new MemoryVocabulary(random);
  const minTurns = options.minTurns ?? 3;
  const targetTurns = random.int(minTurns, Math.max(minTurns, options.maxTurns ?? 14));
  const maxSessionBytes = options.maxSessionBytes ?? 6000;
  const maxObservationBytes = options.maxObservationBytes ?? 1500;
  const slot = outerOptions.server ?? emptyMcpServerSlot(sessionSignal.signal);
  // A borrowed server stays for the lane's next session unless this session may have left it broken.
  let keepServer = outerOptions.server !== undefined;
  let engine: McpServerEngine;
  let memoryFile: string;
  try {
    try {
      const server = await acquireServer(slot, options);
      engine = server.engine;
      memoryFile = join(server.directory, MEMORY_FILE);
      cachedSpec ??= memorySessionSpec(await engine.listTools(callOptions));
    } catch (error) {
      keepServer = false;
      if (isAgentWorldError(error, 'ABORTED')) throw error;
      return { kind: 'dropped', index, reason: 'server-failed', message: String(error) };
    }
    const spec = cachedSpec;
    cachedSystemPrompt ??= mcpDomain.systemPrompt(spec);
    const session = new Session({
      spec,
      domain: mcpDomain,
      engine,
      id: generatedMcpSessionId(options.seed, index, grammar),
      systemPrompt: cachedSystemPrompt,
    });
    await session.reset({ seed: options.seed, signal: callOptions.signal });
    const kept: KeptTurn[] = [];
    const rejected: RejectedCall[] = [];
    let previous: CallFamily | undefined;
    let bytes = 0;
    // Refused calls do not count as turns; the bound keeps a run of them from going on for ever.
    for (let draws = 0; kept.length < targetTurns && draws < targetTurns * 3; draws += 1) {
      const drawn = drawCall(
        random,
        words,
        { graph: readMemoryGraph(memoryFile), turn: kept.length + 1, previous },
        grammar,
      );
      previous = drawn.family;
      let observation: string;
      try {
        observation = (await session.step(drawn.action, { signal: callOptions.signal })).observation;
      } catch (error) {
        if (isAgentWorldError(error, 'UNKNOWN_TOOL') || isAgentWorldError(error, 'INVALID_ARGUMENTS')) {
          const real = await engine.call(drawn.action, callOptions);
          rejected.push({
            family: drawn.family,
            action: drawn.action,
            expected: error.message,
            actual: real.observation,
            agrees: real.observation === error.message,
          });
          continue;
        }
        if (isAgentWorldError(error, 'ENGINE_TIMEOUT')) {
          keepServer = false;
          return {
            kind: 'dropped',
            index,
            reason: 'timeout',
            message: `${drawn.action.name}: ${String(error)}`,
          };
        }
        if (isAgentWorldError(error, 'ENGINE_ERROR')) {
          keepServer = false;
          return { kind: 'dropped', index, reason: 'server-failed', message: String(error) };
        }
        keepServer = false;
        throw error;
      }
      const cost = Buffer.byteLength(JSON.stringify(drawn.action)) + Buffer.byteLength(observation);
      if (Buffer.byteLength(observation) > maxObservationBytes || bytes + cost > maxSessionBytes) break;
      bytes += cost;
      kept.push({
        family: drawn.family,
        isError: engine.lastOutcome?.isError ?? false,
      });
    }
    if (kept.length < minTurns) {
      return {
        kind: 'dropped',
        index,
        reason: 'too-short',
        message: `only ${kept.length} turns fit the byte budget`,
      };
    }
    await session.close();
    const record = session.toRecord({
      generator: 'agentworld datagen mcp',
      server: `${MEMORY_SERVER_PACKAGE}@${memoryServerVersion()}`,
      seed: String(options.seed),
      index: String(index),
      ...(grammar === 'extension' ? { grammar } : {}),
    });
    return { kind: 'generated', index, record: normaliseRecord(record, kept), rejected };
  } finally {
    outerOptions.signal?.removeEventListener('abort', follow);
    if (!keepServer) await releaseMcpServer(slot);
  }
}

/** Keeps the kept turns, fixes the clock fields and labels every turn with its family and error flag. */
function normaliseRecord(record: SessionRecord, kept: readonly KeptTurn[]): SessionRecord {
  return {
    ...record,
    createdAt: GENERATED_TIMESTAMP,
    turns: record.turns.slice(0, kept.length).map((turn, position) => ({
      ...turn,
      events: [
        ...turn.events,
        {
          type: FAMILY_EVENT,
          data: { family: kept[position]?.family ?? 'unknown', isError: kept[position]?.isError ?? false },
        },
      ],
      timing: { startedAt: GENERATED_TIMESTAMP, totalMs: 0, engineMs: 0, overheadMs: 0 },
    })),
  };
}
