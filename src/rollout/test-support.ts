/*
 * Test support for the rollout tests (not shipped from index.ts): a scripted policy that implements `Policy`, a
 * stub scorer that implements `ScoreEpisode`, engines that implement `Engine` (one that echoes, one that is
 * down), and the recorded terminal session the replay engine answers from.
 */

import type { Engine, Prediction, PredictRequest } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import type { SessionRecord, Usage } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import { createReplayEngine, type ReplayEngine } from '../engines/replay/index.js';
import type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from '../policies/policy.js';
import { readSessionFile } from '../session/session-file.js';
import type { EpisodeScore, ScoreEpisode, VerifyContext } from '../tasks/scoring.js';
import { TaskSchema } from '../tasks/task-schema.js';
import type { LoadedTask } from './types.js';

export const TERMINAL_SESSIONS = new URL('../../examples/sessions/terminal.jsonl', import.meta.url).pathname;

export async function terminalReplay(): Promise<{
  engine: ReplayEngine;
  spec: WorldSpec;
  recorded: SessionRecord;
}> {
  const engine = await createReplayEngine({ files: [TERMINAL_SESSIONS] });
  const recorded = (await readSessionFile(TERMINAL_SESSIONS))[0] as SessionRecord;
  return { engine, spec: engine.listSpecs()[0] as WorldSpec, recorded };
}

export function loadedTask(id: string, spec: WorldSpec, extra: Record<string, unknown> = {}): LoadedTask {
  const task = TaskSchema.parse({
    id,
    instruction: spec.task ?? 'do the task',
    spec: 'terminal',
    verifiers: [{ type: 'final-answer', match: 'exact', expected: 'done' }],
    ...extra,
  });
  return { task, spec };
}

/** One scripted reply: an action, an invalid reply, or done (optionally with an answer). */
export type ScriptStep =
  | { readonly action: unknown; readonly done?: boolean; readonly answer?: string }
  | { readonly invalid: string }
  | { readonly done: true; readonly answer?: string };

export interface ScriptedPolicyLog {
  readonly turns: PolicyTurn[];
  readonly seeds: number[];
}

/**
 * A policy that replies from a script (the last step repeats when the script runs out). Its conversation is
 * kept as OpenAI messages with tool calls, as an adapter's would be. `onDecide` runs before each reply (a test
 * advances its clock there, or throws to play a policy server that is down).
 */
export function scriptedPolicyFactory(
  script: readonly ScriptStep[],
  options: {
    readonly usage?: Usage;
    readonly onDecide?: (turn: PolicyTurn) => void;
    readonly log?: ScriptedPolicyLog;
    /** Varies the replies per seed (so group members differ), as sampling would. */
    readonly vary?: boolean;
  } = {},
): PolicyFactory {
  return (spec, instruction, seed) => {
    options.log?.seeds.push(seed);
    const messages: Record<string, unknown>[] = [
      { role: 'system', content: `You operate a ${spec.domain} world.` },
      { role: 'user', content: instruction },
    ];
    const policy: Policy = {
      id: 'scripted',
      async decide(turn, call): Promise<PolicyDecision> {
        if (call?.signal?.aborted) throw new AgentWorldError('ABORTED', 'aborted');
        options.log?.turns.push(turn);
        options.onDecide?.(turn);
        const feedback = turn.invalidActionError ?? turn.observation;
        if (turn.step > 0) {
          const last = messages.at(-1);
          if (last?.role === 'assistant' && Array.isArray(last.tool_calls))
            messages.push({ role: 'tool', tool_call_id: `call-${turn.step - 1}`, content: feedback });
          else messages.push({ role: 'user', content: feedback });
        }
        const step = script[Math.min(turn.step, script.length - 1)] as ScriptStep;
        const usage = options.usage === undefined ? {} : { usage: options.usage };
        if ('invalid' in step) {
          const reply = `not json ${seed}`;
          messages.push({ role: 'assistant', content: reply });
          return { reply, invalid: step.invalid, done: false, ...usage };
        }
        if (!('action' in step)) {
          const reply = step.answer ?? 'done';
          messages.push({ role: 'assistant', content: reply });
          return { reply, done: true, finalAnswer: step.answer, ...usage };
        }
        const reply = JSON.stringify({ commands: step.action, seed: options.vary ? seed : undefined });
        messages.push({
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: `call-${turn.step}`, type: 'function', function: { name: 'terminus', arguments: reply } },
          ],
        });
        return {
          action: step.action,
          reply,
          done: step.done ?? false,
          finalAnswer: step.answer,
          ...usage,
        };
      },
      messages: () => messages,
    };
    return policy;
  };
}

/** A scorer stub: reward 1 when the answer is `done` and at least one turn was stepped; counts its calls. */
export function stubScorer(): ScoreEpisode & { readonly calls: VerifyContext[] } {
  const calls: VerifyContext[] = [];
  const score = async (context: VerifyContext): Promise<EpisodeScore> => {
    calls.push(context);
    const passed = context.finalAnswer === 'done' && context.record.turns.length > 0;
    return {
      reward: passed ? 1 : 0,
      success: passed,
      verifiers: [{ type: 'final-answer', score: passed ? 1 : 0, passed, detail: 'stub', weight: 1 }],
    };
  };
  return Object.assign(score, { calls });
}

/** An engine that echoes the keystrokes back as the terminal would show them. */
export function echoEngine(): Engine {
  return {
    id: 'echo',
    kind: 'model',
    identity: () => ({ engine: 'echo' }),
    async predict(request: PredictRequest): Promise<Prediction> {
      const keys = (request.action as { keystrokes: string }[]).map((key) => key.keystrokes).join('');
      return {
        observation: `$ ${keys}$ `,
        provenance: { source: 'simulated', engine: 'echo', model: 'echo', promptHash: request.promptHash },
        events: [],
      };
    },
    close: async () => undefined,
  };
}

/** An engine whose server is down: every predict fails with ENGINE_UNAVAILABLE (retryable). */
export function downEngine(): Engine & { calls: number } {
  const engine = {
    id: 'down',
    kind: 'model' as const,
    calls: 0,
    identity: () => ({ engine: 'down' }),
    async predict(): Promise<Prediction> {
      engine.calls += 1;
      throw new AgentWorldError('ENGINE_UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:1');
    },
    close: async () => undefined,
  };
  return engine;
}

/**
 * Wraps an engine so that, after `answered` predictions, every prediction hangs until its signal fires (a world
 * model that stopped answering). Without a signal it hangs for good.
 */
export function hangingAfter(engine: Engine, answered: number): Engine {
  let calls = 0;
  return {
    id: engine.id,
    kind: engine.kind,
    identity: () => engine.identity(),
    async predict(request, options) {
      calls += 1;
      if (calls <= answered) return engine.predict(request, options);
      return new Promise<Prediction>((_, reject) => {
        options?.signal?.addEventListener(
          'abort',
          () => reject(new AgentWorldError('ABORTED', 'The operation was aborted.')),
          { once: true },
        );
      });
    },
    close: () => engine.close(),
  };
}
