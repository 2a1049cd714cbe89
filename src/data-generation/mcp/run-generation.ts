import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { OrderedShardWriter } from '../terminal/ordered-shard-writer.js';
import { SUMMARY_FILE } from '../terminal/run-generation.js';
import { addMcpOutcome, emptyMcpSummary, type McpGenerationSummary } from './generation-summary.js';
import { memoryServerVersion } from './memory-server.js';
import { generateMcpSession, type McpSessionGeneratorOptions } from './session-generator.js';

export interface McpGenerationOptions {
  readonly outDirectory: string;
  /** Sessions firstIndex … firstIndex + count - 1. */
  readonly count: number;
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

/** Generates sessions into `outDirectory/shard-<k>.jsonl` and writes `summary.json` at the end. */
export async function runMcpGeneration(
  options: McpGenerationOptions,
  callOptions: CallOptions = {},
): Promise<McpGenerationResult> {
  throwIfAborted(callOptions.signal);
  mkdirSync(options.outDirectory, { recursive: true });
  const started = Date.now();
  const firstIndex = options.firstIndex ?? 0;
  const lanes = Math.max(1, Math.min(options.workers, options.count));
  const summary = emptyMcpSummary();
  const runLane = async (lane: number): Promise<void> => {
    const writer = new OrderedShardWriter(options.outDirectory, lane);
    try {
      for (let slot = 0, offset = lane; offset < options.count; slot += 1, offset += lanes) {
        throwIfAborted(callOptions.signal);
        const outcome = await generateMcpSession(firstIndex + offset, options.session, callOptions);
        const line = outcome.kind === 'generated' ? JSON.stringify(outcome.record) : null;
        writer.put(slot, line);
        addMcpOutcome(summary, outcome, line === null ? 0 : Buffer.byteLength(line) + 1);
        options.onProgress?.(summary);
      }
    } finally {
      writer.close();
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane)));
  const elapsedSeconds = (Date.now() - started) / 1000;
  writeFileSync(
    join(options.outDirectory, SUMMARY_FILE),
    `${JSON.stringify(
      {
        generator: 'agentworld datagen mcp',
        server: `@modelcontextprotocol/server-memory@${memoryServerVersion()}`,
        seed: options.session.seed,
        firstIndex,
        count: options.count,
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
