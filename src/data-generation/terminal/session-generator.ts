import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { isAgentWorldError } from '../../core/errors.js';
import type { SessionRecord } from '../../core/turn.js';
import { terminalDomain } from '../../domains/terminal/index.js';
import { PtyShell } from '../../engines/real/terminal/pty-shell.js';
import { SandboxShellEngine } from '../../engines/real/terminal/sandbox-shell-engine.js';
import { Session } from '../../session/session.js';
import { type DrawnCommand, drawCommand, type FamilyEmphasis, type GrammarMode } from './grammar.js';
import { GrammarView, type ShellVariable } from './grammar-view.js';
import { SeededRandom } from './random.js';
import { drawShellIdentity, isPrivileged, type ShellIdentity } from './session-identity.js';
import { generatedSessionSpec } from './session-spec.js';
import { Vocabulary } from './vocabulary.js';
import { readWorkspaceState } from './workspace-state.js';

/** The clock fields of generated records are fixed, so a session is the same bytes wherever it is made. */
export const GENERATED_TIMESTAMP = '2026-01-01T00:00:00.000Z';
export const FAMILY_EVENT = 'datagen.family';

export interface SessionGeneratorOptions {
  readonly seed: number;
  readonly grammar: GrammarMode;
  /** Family weights for a training stream (see FamilyEmphasis); sessions then depend on it too. */
  readonly emphasis?: FamilyEmphasis;
  readonly bwrapPath: string;
  /** Sessions with fewer kept turns are dropped (default 4). */
  readonly minTurns?: number;
  /** Upper bound of the drawn session length (default 24). */
  readonly maxTurns?: number;
  /** Bound on the bytes of all commands and observations of a session (default 1900). */
  readonly maxSessionBytes?: number;
  /** An observation longer than this (bytes) or than 40 lines ends the session before that turn (default 800). */
  readonly maxObservationBytes?: number;
  /** Per-command time limit; a command that takes longer drops the session (default 5000). */
  readonly commandTimeoutMs?: number;
}

/**
 * The sandboxes kept between the sessions of one lane of a worker, one that runs as root and one that runs as an
 * ordinary user (each made when first needed): each session gets a fresh bash, empty writable directories and
 * its identity in the one its user needs, and a new sandbox is made only when the old one broke (e.g. a command
 * timed out).
 */
export interface SandboxSlot {
  privileged: PtyShell | undefined;
  ordinary: PtyShell | undefined;
}

/** A slot holding no sandbox yet. */
export function emptySandboxSlot(): SandboxSlot {
  return { privileged: undefined, ordinary: undefined };
}

/** Ends one of a slot's sandboxes (`which`), or both. */
export async function releaseSandbox(slot: SandboxSlot, which?: keyof SandboxSlot): Promise<void> {
  for (const key of which === undefined ? (['privileged', 'ordinary'] as const) : [which]) {
    const shell = slot[key];
    slot[key] = undefined;
    await shell?.close();
  }
}

async function acquireShell(
  slot: SandboxSlot,
  identity: ShellIdentity,
  options: SessionGeneratorOptions,
  callOptions: CallOptions,
): Promise<PtyShell> {
  const privileged = isPrivileged(identity);
  const key = privileged ? 'privileged' : 'ordinary';
  const current = slot[key];
  if (current?.reusable === true) {
    try {
      await current.startSession({ identity, signal: callOptions.signal });
      return current;
    } catch (error) {
      if (isAgentWorldError(error, 'ABORTED')) throw error;
    }
  }
  await releaseSandbox(slot, key);
  const shell = await PtyShell.start({
    bwrapPath: options.bwrapPath,
    privileged,
    identity,
    signal: callOptions.signal,
  });
  slot[key] = shell;
  return shell;
}

export type DropReason = 'timeout' | 'too-short' | 'shell-failed';

export type SessionOutcome =
  | { readonly kind: 'generated'; readonly index: number; readonly record: SessionRecord }
  | {
      readonly kind: 'dropped';
      readonly index: number;
      readonly reason: DropReason;
      readonly message: string;
    };

const MAX_OBSERVATION_LINES = 40;

/** The id of session `index` of a seed and grammar. */
export function generatedSessionId(grammar: GrammarMode, seed: number, index: number): string {
  return `datagen-terminal-${grammar}-s${seed}-${index}`;
}

/**
 * Generates session `index` of `options.seed`: a pure function of (seed, index, grammar) on a given machine.
 * A fresh sandboxed bash (in the slot's sandbox when one is given) runs every drawn command for real, through the real Session (so turn prompts, prompt
 * hashes and the terminal checks are the ones any recorded session has).
 */
export async function generateSession(
  index: number,
  options: SessionGeneratorOptions,
  callOptions: CallOptions & { readonly sandbox?: SandboxSlot } = {},
): Promise<SessionOutcome> {
  throwIfAborted(callOptions.signal);
  const random = new SeededRandom(`agentworld-datagen-terminal:${options.grammar}:${options.seed}:${index}`);
  const words = new Vocabulary(random);
  const targetTurns = random.int(options.minTurns ?? 4, options.maxTurns ?? 24);
  const maxSessionBytes = options.maxSessionBytes ?? 1900;
  const maxObservationBytes = options.maxObservationBytes ?? 800;
  const identity = drawShellIdentity(options.grammar, options.seed, index);
  const spec = generatedSessionSpec(identity);
  const systemPrompt = terminalDomain.systemPrompt(spec);

  const slot: SandboxSlot = callOptions.sandbox ?? emptySandboxSlot();
  let shell: PtyShell;
  try {
    shell = await acquireShell(slot, identity, options, callOptions);
  } catch (error) {
    if (isAgentWorldError(error, 'ABORTED')) throw error;
    return { kind: 'dropped', index, reason: 'shell-failed', message: String(error) };
  }
  const engine = new SandboxShellEngine(shell, options.commandTimeoutMs ?? 5000);
  try {
    const session = new Session({
      spec,
      domain: terminalDomain,
      engine,
      id: generatedSessionId(options.grammar, options.seed, index),
      systemPrompt,
    });
    await session.reset({ seed: options.seed, signal: callOptions.signal });
    const families: DrawnCommand[] = [];
    const exitStatuses: number[] = [];
    const variables = new Map<string, ShellVariable>();
    let cwd = identity.workspace;
    let previousCwd: string | undefined;
    let bytes = 0;
    let kept = 0;
    while (kept < targetTurns) {
      const view = new GrammarView(random, words, {
        state: readWorkspaceState(shell.workspaceDirectory),
        cwd,
        identity,
        previousCwd,
        variables,
        turn: kept + 1,
      });
      const command = drawCommand(view, options.grammar, options.emphasis);
      const keystrokes = `${command.text}\n`;
      let observation: string;
      try {
        const step = await session.step([{ keystrokes, duration: 1 }], { signal: callOptions.signal });
        observation = step.observation;
      } catch (error) {
        if (isAgentWorldError(error, 'ENGINE_TIMEOUT')) {
          return { kind: 'dropped', index, reason: 'timeout', message: `${command.text}: ${String(error)}` };
        }
        throw error;
      }
      const cost = Buffer.byteLength(keystrokes) + Buffer.byteLength(observation);
      const lines = observation.split('\n').length;
      if (bytes + cost > maxSessionBytes || cost > maxObservationBytes || lines > MAX_OBSERVATION_LINES)
        break;
      bytes += cost;
      kept += 1;
      families.push(command);
      const result = engine.lastResult;
      exitStatuses.push(result?.exitStatus ?? -1);
      if (result !== undefined) {
        if (result.cwd !== cwd) {
          previousCwd = cwd;
          cwd = result.cwd;
        }
        if (result.exitStatus === 0) {
          for (const change of command.variables ?? []) {
            if (change.value === undefined) variables.delete(change.name);
            else variables.set(change.name, { value: change.value, exported: change.exported });
          }
        }
      }
    }
    if (kept < (options.minTurns ?? 4)) {
      return {
        kind: 'dropped',
        index,
        reason: 'too-short',
        message: `only ${kept} turns fit the byte budget`,
      };
    }
    await session.close();
    const record = session.toRecord({
      generator: 'agentworld datagen terminal',
      grammar: options.grammar,
      ...(options.emphasis === undefined ? {} : { emphasis: JSON.stringify(options.emphasis) }),
      seed: String(options.seed),
      index: String(index),
    });
    return { kind: 'generated', index, record: normaliseRecord(record, families, exitStatuses, kept) };
  } finally {
    await engine.close();
    // A borrowed sandbox stays for the next session unless this one broke it; an own one always ends.
    if (callOptions.sandbox === undefined) await releaseSandbox(slot);
    else if (!shell.reusable) await releaseSandbox(slot, isPrivileged(identity) ? 'privileged' : 'ordinary');
  }
}

/**
 * Keeps the first `kept` turns, fixes the clock fields and labels every turn with its command family and the
 * command's exit status.
 */
function normaliseRecord(
  record: SessionRecord,
  commands: readonly DrawnCommand[],
  exitStatuses: readonly number[],
  kept: number,
): SessionRecord {
  return {
    ...record,
    createdAt: GENERATED_TIMESTAMP,
    turns: record.turns.slice(0, kept).map((turn, position) => ({
      ...turn,
      events: [
        ...turn.events,
        {
          type: FAMILY_EVENT,
          data: { family: commands[position]?.family ?? 'unknown', exitStatus: exitStatuses[position] ?? -1 },
        },
      ],
      timing: { startedAt: GENERATED_TIMESTAMP, totalMs: 0, engineMs: 0, overheadMs: 0 },
    })),
  };
}
