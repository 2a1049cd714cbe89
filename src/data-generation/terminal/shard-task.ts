import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { addOutcome, emptySummary, type GenerationSummary } from './generation-summary.js';
import { laneSignal } from './lane-signal.js';
import { OrderedShardWriter } from './ordered-shard-writer.js';
import {
  emptySandboxSlot,
  generateSession,
  releaseSandbox,
  type SandboxSlot,
  type SessionGeneratorOptions,
} from './session-generator.js';

/** One worker's share of a run: every `workers`-th session index, starting at `firstIndex + shard`. */
export interface ShardTask {
  readonly shard: number;
  readonly workers: number;
  readonly firstIndex: number;
  /** Sessions of the whole run (indices firstIndex … firstIndex + count - 1); undefined: until the deadline. */
  readonly count?: number | undefined;
  /** Epoch milliseconds after which no new session starts. */
  readonly deadline?: number | undefined;
  /** Sessions this worker runs at the same time. */
  readonly concurrency: number;
  readonly outDirectory: string;
  readonly session: SessionGeneratorOptions;
}

/** When this many sessions in a row fail to start a shell, the sandbox is broken: stop with an error. */
const MAX_SHELL_FAILURES_IN_A_ROW = 5;

/**
 * Runs a shard: generates its sessions, `concurrency` at a time, and writes them to `shard-<k>.jsonl` in index
 * order as they finish. `onProgress` gets the running summary after every session.
 */
export async function runShardTask(
  task: ShardTask,
  onProgress: (summary: GenerationSummary) => void,
  options: CallOptions = {},
): Promise<GenerationSummary> {
  const summary = emptySummary();
  const lanes = Math.max(1, task.concurrency);
  // Every lane waits on the signal at once (one listener each): they share a signal of their own.
  const shared = laneSignal(options.signal, lanes);
  const writer = new OrderedShardWriter(task.outDirectory, task.shard);
  let nextSlot = 0;
  let shellFailuresInARow = 0;
  let fatal: unknown;
  const indexOf = (slot: number): number => task.firstIndex + task.shard + slot * task.workers;
  const more = (): boolean => {
    if (fatal !== undefined || options.signal?.aborted === true) return false;
    if (task.count !== undefined && indexOf(nextSlot) >= task.firstIndex + task.count) return false;
    if (task.deadline !== undefined && Date.now() >= task.deadline) return false;
    return true;
  };
  const lane = async (): Promise<void> => {
    const sandbox: SandboxSlot = emptySandboxSlot();
    try {
      await runLane(sandbox);
    } finally {
      await releaseSandbox(sandbox);
    }
  };
  const runLane = async (sandbox: SandboxSlot): Promise<void> => {
    while (more()) {
      const slot = nextSlot;
      nextSlot += 1;
      try {
        const outcome = await generateSession(indexOf(slot), task.session, {
          ...options,
          signal: shared.signal,
          sandbox,
        });
        const line = outcome.kind === 'generated' ? JSON.stringify(outcome.record) : null;
        writer.put(slot, line);
        addOutcome(summary, outcome, line === null ? 0 : Buffer.byteLength(line) + 1);
        if (outcome.kind === 'dropped' && outcome.reason === 'shell-failed') {
          shellFailuresInARow += 1;
          if (shellFailuresInARow >= MAX_SHELL_FAILURES_IN_A_ROW) {
            fatal = new AgentWorldError(
              'ENGINE_UNAVAILABLE',
              `The sandbox could not start ${shellFailuresInARow} times in a row: ${outcome.message}`,
            );
          }
        } else shellFailuresInARow = 0;
        onProgress(summary);
      } catch (error) {
        writer.put(slot, null);
        fatal ??= error;
      }
    }
  };
  try {
    const running = Array.from({ length: lanes }, () => lane());
    // The lanes follow the caller's signal until the last one has ended, even after one failed.
    void Promise.allSettled(running).then(() => shared.dispose());
    await Promise.all(running);
  } finally {
    writer.close();
  }
  if (fatal !== undefined) throw fatal;
  throwIfAborted(options.signal);
  return summary;
}
