import type { z } from 'zod';
import type { CallOptions } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { sweDialectOf } from '../../domains/swe/dialects/index.js';
import { createEnv } from '../../session/create-env.js';
import type { Session } from '../../session/session.js';
import type { RealCheckVerifierSchema } from '../task-schema.js';
import { quote, result, type Verifier, type VerifierOptions } from './types.js';

type RealCheckVerifier = z.infer<typeof RealCheckVerifierSchema>;

const EXIT_MARKER = /__AW_EXIT_(\d+)__/g;
/** What the check command's exit status is printed as (`%s`, so the typed line itself never matches). */
const PRINT_EXIT = `printf '\\n__AW_EXIT_%s__\\n' "$?"`;
/** The real terminal waits at most this long for one keystroke batch. */
const TERMINAL_MAX_WAIT_SECONDS = 60;

/** The swe dialects' shell tools. */
const SWE_SHELL_TOOL = {
  'mini-swe-agent': 'bash',
  'swe-agent': 'bash',
  'claude-code': 'Bash',
  'gemini-cli': 'run_shell_command',
} as const;

/** The action that runs `command` in the world's shell and prints its exit status after it. */
export function checkAction(spec: WorldSpec, command: string, timeoutSeconds: number): unknown {
  if (spec.domain === 'terminal') {
    // C-c first: a command the agent left running (or a line it typed without Enter) must not swallow the check.
    return [
      { keystrokes: 'C-c', duration: 0.1 },
      { keystrokes: `${command}\n`, duration: Math.min(timeoutSeconds, TERMINAL_MAX_WAIT_SECONDS) },
      { keystrokes: `${PRINT_EXIT}\n`, duration: 5 },
    ];
  }
  const name = SWE_SHELL_TOOL[sweDialectOf(spec)];
  return { name, arguments: { command: `${command}\n${PRINT_EXIT}` } };
}

/** The exit status the check printed (the last marker), or undefined when it never finished. */
export function exitStatusOf(observation: string): number | undefined {
  const matches = [...observation.matchAll(EXIT_MARKER)];
  const last = matches.at(-1);
  return last === undefined ? undefined : Number(last[1]);
}

/** Anything that stops the replay on the real engine is the infrastructure's failure, never the agent's. */
function infraFailure(error: unknown, what: string): AgentWorldError {
  if (isAgentWorldError(error, 'ABORTED')) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AgentWorldError('ENGINE_UNAVAILABLE', `real-check: ${what}: ${message}`, {
    cause: error,
    retryable: true,
  });
}

/**
 * Replays the episode's actions on a fresh real engine of the world's domain (bash in bubblewrap for terminal, a
 * git repository in bubblewrap for swe), then runs the check command in that same sandbox: its exit status is
 * compared with `expectExit`. The spec's perturbations are left out: they change what the agent saw, never the
 * sandbox's files. Engine and session are closed whatever happens.
 */
export async function runRealCheck(
  verifier: RealCheckVerifier,
  spec: WorldSpec,
  actions: readonly unknown[],
  seed: number,
  options: VerifierOptions,
): Promise<{ exitStatus: number | undefined; observation: string }> {
  const call: CallOptions = { signal: options.signal };
  let engine: Engine;
  try {
    if (options.createRealEngine !== undefined) engine = options.createRealEngine(spec.domain);
    else {
      // Loaded on first use: the real executors (bubblewrap, Chromium) stay out of task loading.
      const { createRealEngine } = await import('../../engines/real/index.js');
      engine = createRealEngine(spec.domain, options.real);
    }
  } catch (error) {
    throw infraFailure(error, `no real ${spec.domain} engine`);
  }
  let session: Session | undefined;
  try {
    const replaySpec: WorldSpec = {
      ...spec,
      perturbations: [],
      maxTurns: Math.max(spec.maxTurns, actions.length + 1),
    };
    try {
      await engine.prepare?.(replaySpec, call);
      session = await createEnv(replaySpec, { engine, signal: options.signal });
      await session.reset({ seed, signal: options.signal });
    } catch (error) {
      throw infraFailure(error, `the real ${spec.domain} engine did not start`);
    }
    for (const [index, action] of actions.entries()) {
      try {
        await session.step(action, call);
      } catch (error) {
        throw infraFailure(error, `replaying action ${index + 1} of ${actions.length}`);
      }
    }
    let observation: string;
    try {
      observation = (await session.step(checkAction(spec, verifier.command, verifier.timeoutSeconds), call))
        .observation;
    } catch (error) {
      throw infraFailure(error, 'running the check command');
    }
    return { exitStatus: exitStatusOf(observation), observation };
  } finally {
    await session?.close().catch(() => undefined);
    await engine.close().catch(() => undefined);
  }
}

export const realCheckVerifier: Verifier<RealCheckVerifier> = {
  type: 'real-check',
  domains: ['terminal', 'swe'],
  async verify(verifier, context, options) {
    const actions = context.record.turns.map((turn) => turn.action);
    const { exitStatus, observation } = await runRealCheck(
      verifier,
      context.spec,
      actions,
      context.record.seed,
      options,
    );
    const tail = observation.replace(EXIT_MARKER, '').trim().split('\n').slice(-6).join('\n');
    if (exitStatus === undefined) {
      return result(
        verifier,
        0,
        `${quote(verifier.command)} did not finish within ${verifier.timeoutSeconds} s after ${actions.length} replayed action(s); output ${quote(tail, 300)}`,
      );
    }
    const ok = exitStatus === verifier.expectExit;
    return result(
      verifier,
      ok ? 1 : 0,
      `${quote(verifier.command)} exited ${exitStatus} (expected ${verifier.expectExit}) after ${actions.length} replayed action(s); output ${quote(tail, 300)}`,
    );
  },
};
