import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { laneSignal } from '../terminal/lane-signal.js';
import { OrderedShardWriter } from '../terminal/ordered-shard-writer.js';
import { SUMMARY_FILE } from '../terminal/run-generation.js';
import { addMcpOutcome, emptyMcpSummary, type McpGenerationSummary } from './generation-summary.js';
import { memoryServerVersion } from './memory-server.js';
import {
  emptyMcpServerSlot,
  generateMcpSession,
  type McpSessionGeneratorOptions,
  releaseMcpServer,
} from './session-generator.js';

export interface McpGenerationOptions {
  readonly outDirectory: string;
  /** Sessions firstIndex … firstIndex + count - 1; undefined: until the duration is up. */
  readonly count?: number | undefined;
  /** Stop starting sessions after this many seconds (each lane finishes the session it is in). */
  readonly durationSeconds?: number | undefined;
  readonly firstIndex?: number;
  /**
   * Lanes: sessions generated at once, each with its own server process (so the work spreads over the cores),
   * and one shard per lane. Session i lands in shard i mod lanes; a session's bytes never depend on the lanes.
   */
  readonly workers: number;
  readonly session: McpSessionGeneratorOptions;
  readonly onProgress?: (summary: McpGenerationSummary) => void;
}

export interface McpGenerationResult {
  readonly summary: McpGenerationSummary;
  readonly elapsedSeconds: number;
}

/**
 * Generates sessions into `outDirectory/shard-<k>.jsonl`, each line written as soon as its session is done (so a
 * reader can follow the shards while they grow), and writes `summary.json` at the end.
 */
export async function runMcpGeneration(
  options: McpGenerationOptions,
  callOptions: CallOptions = {},
): Promise<McpGenerationResult> {
  throwIfAborted(callOptions.signal);
  const count = options.count;
  if (count === undefined && options.durationSeconds === undefined) {
    throw new AgentWorldError('INVALID_REQUEST', 'Give a session count, a duration, or both.');
  }
  mkdirSync(options.outDirectory, { recursive: true });
  const started = Date.now();
  const deadline =
    options.durationSeconds === undefined ? undefined : started + options.durationSeconds * 1000;
  const firstIndex = options.firstIndex ?? 0;
  const lanes = Math.max(1, count === undefined ? options.workers : Math.min(options.workers, count));
  const summary = emptyMcpSummary();
  const more = (offset: number): boolean =>
    (count === undefined || offset < count) && (deadline === undefined || Date.now() < deadline);
  // Every lane's session listens on the signal at once (one listener each): the lanes share a signal of their own.
  const shared = laneSignal(callOptions.signal, lanes);
  const runLane = async (lane: number): Promise<void> => {
    const writer = new OrderedShardWriter(options.outDirectory, lane);
    // One server-memory process serves the lane's sessions, each starting from an empty graph.
    const server = emptyMcpServerSlot(shared.signal);
    try {
      for (let slot = 0, offset = lane; more(offset); slot += 1, offset += lanes) {
        throwIfAborted(shared.signal);
        const outcome = await generateMcpSession(firstIndex + offset, options.session, {
          signal: shared.signal,
          server,
        });
        const line = outcome.kind === 'generated' ? JSON.stringify(outcome.record) : null;
        writer.put(slot, line);
        addMcpOutcome(summary, outcome, line === null ? 0 : Buffer.byteLength(line) + 1);
        options.onProgress?.(summary);
      }
    } finally {
      writer.close();
      await releaseMcpServer(server);
    }
  };
  const running = Array.from({ length: lanes }, (_, lane) => runLane(lane));
  // The lanes follow the caller's signal until the last one has ended, even after one failed.
  void Promise.allSettled(running).then(() => shared.dispose());
  await Promise.all(running);
  const elapsedSeconds = (Date.now() - started) / 1000;
  writeFileSync(
    join(options.outDirectory, SUMMARY_FILE),
    `${JSON.stringify(
      {
        generator: 'agentworld datagen mcp',
        server: `@modelcontextprotocol/server-memory@${memoryServerVersion()}`,
        seed: options.session.seed,
        grammar: options.session.grammar ?? 'training',
        firstIndex,
        count: count ?? null,
        durationSeconds: options.durationSeconds ?? null,
        workers: lanes,
        summary,
        elapsedSeconds,
        sessionsPerSecond: elapsedSeconds > 0 ? summary.sessions / elapsedSeconds : 0,
      },
      null,
      2,
    )}\n`,
  );
  return { summary, elapsedSeconds };
}
