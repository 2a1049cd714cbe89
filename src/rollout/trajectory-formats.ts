import { z } from 'zod';
import { ProvenanceSchema, SessionEventSchema, type Turn } from '../core/turn.js';
import type { DecisionRecord, EpisodeLine } from './types.js';

/*
 * What trainers consume, made from committed episodes (infrastructure episodes are never scored, so never
 * exported). Both formats keep, per agent step, where the observation came from (provenance: simulated, real,
 * replayed, cached, injected, repaired) and the perturbations injected into it, so a trainer can mask or weight
 * simulated steps. Nothing is rewritten: the messages are the policy's own, as it sent and saw them.
 */

// ---------------------------------------------------------------------------------------------------------
// (a) OpenAI-messages JSONL: one object per episode, `{ messages, tools?, reward, … }`.

const OpenAiToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

export const OpenAiMessageSchema = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
    content: z.union([z.string(), z.null(), z.array(z.record(z.string(), z.unknown()))]).optional(),
    tool_calls: z.array(OpenAiToolCallSchema).optional(),
    tool_call_id: z.string().optional(),
    name: z.string().optional(),
  })
  .loose()
  .refine((message) => message.role !== 'tool' || typeof message.tool_call_id === 'string', {
    message: 'a tool message needs tool_call_id',
  });

export const OpenAiToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Per-decision facts beside the messages: what a trainer masks or weights on. */
export const StepAnnotationSchema = z.object({
  step: z.number().int().nonnegative(),
  turn_index: z.number().int().positive().optional(),
  invalid: z.string().optional(),
  provenance: ProvenanceSchema.optional(),
  /** True when the observation this step received was not produced by the real tool. */
  simulated: z.boolean(),
  perturbations: z.array(SessionEventSchema),
  events: z.array(SessionEventSchema),
});

export const OpenAiTrajectorySchema = z.object({
  messages: z.array(OpenAiMessageSchema).min(1),
  tools: z.array(OpenAiToolSchema).optional(),
  reward: z.number(),
  task_id: z.string(),
  episode_index: z.number().int().nonnegative(),
  group_id: z.string(),
  member: z.number().int().nonnegative(),
  seed: z.number().int(),
  blame: z.enum(['success', 'failure', 'invalid-action']),
  terminated: z.boolean(),
  truncated: z.boolean(),
  steps: z.array(StepAnnotationSchema),
});
export type OpenAiTrajectory = z.infer<typeof OpenAiTrajectorySchema>;

/** Scored episodes only (infrastructure ones carry no reward). */
export function isScored(line: EpisodeLine): line is EpisodeLine & { reward: number } {
  return line.blame !== 'infrastructure' && line.reward !== undefined;
}

export function toOpenAiTrajectory(line: EpisodeLine & { reward: number }): OpenAiTrajectory {
  return {
    messages: (line.messages.length > 0
      ? line.messages
      : messagesFromDecisions(line)) as OpenAiTrajectory['messages'],
    ...(line.tools === undefined ? {} : { tools: line.tools as OpenAiTrajectory['tools'] }),
    reward: line.reward,
    task_id: line.taskId,
    episode_index: line.episodeIndex,
    group_id: line.groupId,
    member: line.member,
    seed: line.seed,
    blame: line.blame as OpenAiTrajectory['blame'],
    terminated: line.terminated,
    truncated: line.truncated,
    steps: line.decisions.map((decision) => annotate(line, decision)),
  };
}

/** The OpenAI-messages JSONL text of a run's scored episodes. */
export function toOpenAiJsonl(lines: readonly EpisodeLine[]): string {
  return lines
    .filter(isScored)
    .map((line) => `${JSON.stringify(toOpenAiTrajectory(line))}\n`)
    .join('');
}

/** For a policy that kept no conversation (a scripted one): the exchange rebuilt from its decisions. */
function messagesFromDecisions(line: EpisodeLine): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [];
  const first = [line.record?.spec.task, line.record?.initialObservation].filter(Boolean).join('\n\n');
  messages.push({ role: 'user', content: first });
  for (const decision of line.decisions) {
    messages.push({ role: 'assistant', content: decision.reply });
    const feedback = decision.invalid ?? turnOf(line, decision)?.observation;
    if (feedback !== undefined) messages.push({ role: 'user', content: feedback });
  }
  return messages;
}

function turnOf(line: EpisodeLine, decision: DecisionRecord): Turn | undefined {
  if (decision.turnIndex === undefined) return undefined;
  return line.record?.turns.find((turn) => turn.index === decision.turnIndex);
}

function annotate(line: EpisodeLine, decision: DecisionRecord): z.infer<typeof StepAnnotationSchema> {
  const turn = turnOf(line, decision);
  const events = turn?.events ?? [];
  return {
    step: decision.step,
    ...(decision.turnIndex === undefined ? {} : { turn_index: decision.turnIndex }),
    ...(decision.invalid === undefined ? {} : { invalid: decision.invalid }),
    ...(turn === undefined ? {} : { provenance: turn.provenance }),
    simulated: turn !== undefined && turn.provenance.source !== 'real',
    perturbations: events.filter((event) => event.type.startsWith('perturbation.')),
    events,
  };
}

// ---------------------------------------------------------------------------------------------------------
// (b) ATIF: the Agent Trajectory Interchange Format of Harbor / Terminal-Bench, restated from its RFC
// (laude-institute/harbor docs/rfcs/0001-trajectory-format.md, v1.4; read from the mirror in
// OpenAgentsInc/openagents docs/atif/0001-trajectory-format.md at commit d39efb6f16b8c5efc3ffa84578400f948f9800a1).
// Required: schema_version, session_id, agent {name, version}, steps [{step_id (from 1), source
// (system|user|agent), message}]; tool_calls [{tool_call_id, function_name, arguments (object)}], observation
// {results [{source_call_id?, content?}]}, metrics {prompt_tokens, completion_tokens, cached_tokens, …},
// final_metrics and `extra` objects (root, agent, step) are optional.

export const ATIF_SCHEMA_VERSION = 'ATIF-v1.4';

const ExtraSchema = z.record(z.string(), z.unknown());

export const AtifToolCallSchema = z.object({
  tool_call_id: z.string(),
  function_name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});

export const AtifObservationSchema = z.object({
  results: z.array(
    z.object({
      source_call_id: z.string().nullable().optional(),
      content: z.string().optional(),
      subagent_trajectory_ref: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  ),
});

export const AtifMetricsSchema = z.object({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
  cached_tokens: z.number().int().nonnegative().optional(),
  cost_usd: z.number().optional(),
  extra: ExtraSchema.optional(),
});

export const AtifStepSchema = z
  .object({
    step_id: z.number().int().positive(),
    timestamp: z.string().optional(),
    source: z.enum(['system', 'user', 'agent']),
    model_name: z.string().optional(),
    message: z.string(),
    reasoning_content: z.string().optional(),
    tool_calls: z.array(AtifToolCallSchema).optional(),
    observation: AtifObservationSchema.optional(),
    metrics: AtifMetricsSchema.optional(),
    extra: ExtraSchema.optional(),
  })
  .refine(
    (step) => step.source === 'agent' || (step.tool_calls === undefined && step.metrics === undefined),
    { message: 'tool_calls and metrics belong to agent steps' },
  );

export const AtifTrajectorySchema = z
  .object({
    schema_version: z.string().regex(/^ATIF-v1\.\d+$/),
    session_id: z.string().min(1),
    agent: z.object({
      name: z.string(),
      version: z.string(),
      model_name: z.string().optional(),
      extra: ExtraSchema.optional(),
    }),
    steps: z.array(AtifStepSchema).min(1),
    notes: z.string().optional(),
    final_metrics: z
      .object({
        total_prompt_tokens: z.number().int().nonnegative().optional(),
        total_completion_tokens: z.number().int().nonnegative().optional(),
        total_cached_tokens: z.number().int().nonnegative().optional(),
        total_cost_usd: z.number().optional(),
        total_steps: z.number().int().nonnegative().optional(),
        extra: ExtraSchema.optional(),
      })
      .optional(),
    extra: ExtraSchema.optional(),
  })
  .refine((trajectory) => trajectory.steps.every((step, index) => step.step_id === index + 1), {
    message: 'step_id must count from 1 in order',
  });
export type AtifTrajectory = z.infer<typeof AtifTrajectorySchema>;
type AtifStep = z.infer<typeof AtifStepSchema>;

/** One scored episode as an ATIF trajectory; per-step provenance and perturbation events in each step's `extra`. */
export function toAtifTrajectory(line: EpisodeLine & { reward: number }): AtifTrajectory {
  const steps: AtifStep[] = [];
  const system = line.messages.find((message) => message.role === 'system');
  if (typeof system?.content === 'string')
    steps.push({ step_id: 1, source: 'system', message: system.content });
  const opening = [line.record?.spec.task, line.record?.initialObservation].filter(Boolean).join('\n\n');
  steps.push({
    step_id: steps.length + 1,
    source: 'user',
    message: opening,
    ...(line.record === undefined ? {} : { timestamp: line.record.createdAt }),
  });
  let prompt = 0;
  let completion = 0;
  let cached = 0;
  for (const decision of line.decisions) {
    const turn = turnOf(line, decision);
    const callId = `call_${line.groupId}_${line.member}_${decision.step}`;
    const call =
      decision.action === undefined || decision.invalid !== undefined
        ? undefined
        : { tool_call_id: callId, ...toolCallOf(decision.action, line.record?.spec.dialect ?? 'action') };
    const content = decision.invalid ?? turn?.observation;
    const usage = decision.usage;
    prompt += usage?.promptTokens ?? 0;
    completion += usage?.completionTokens ?? 0;
    cached += usage?.cachedPromptTokens ?? 0;
    steps.push({
      step_id: steps.length + 1,
      source: 'agent',
      message: decision.reply,
      ...(turn === undefined ? {} : { timestamp: turn.timing.startedAt }),
      ...(call === undefined ? {} : { tool_calls: [call] }),
      ...(content === undefined
        ? {}
        : {
            observation: {
              results: [{ ...(call === undefined ? {} : { source_call_id: callId }), content }],
            },
          }),
      ...(usage === undefined
        ? {}
        : {
            metrics: {
              prompt_tokens: usage.promptTokens,
              completion_tokens: usage.completionTokens,
              ...(usage.cachedPromptTokens === undefined ? {} : { cached_tokens: usage.cachedPromptTokens }),
            },
          }),
      extra: { agentworld: annotate(line, decision), done: decision.done },
    });
  }
  return {
    schema_version: ATIF_SCHEMA_VERSION,
    session_id: line.record?.id ?? `${line.groupId}#${line.member}`,
    agent: { name: line.policyId, version: '1', extra: { policy_seed: line.policySeed } },
    steps,
    final_metrics: {
      total_prompt_tokens: prompt,
      total_completion_tokens: completion,
      total_cached_tokens: cached,
      total_steps: steps.length,
      extra: {
        reward: line.reward,
        blame: line.blame,
        terminated: line.terminated,
        truncated: line.truncated,
        ...(line.truncatedBy === undefined ? {} : { truncated_by: line.truncatedBy }),
        verifiers: line.verifiers,
      },
    },
    extra: {
      task_id: line.taskId,
      episode_index: line.episodeIndex,
      group_id: line.groupId,
      member: line.member,
      seed: line.seed,
      ...(line.finalAnswer === undefined ? {} : { final_answer: line.finalAnswer }),
    },
  };
}

/** An action as one ATIF tool call: a tool-dialect call keeps its name and arguments; others are wrapped. */
function toolCallOf(
  action: unknown,
  dialect: string,
): { function_name: string; arguments: Record<string, unknown> } {
  if (action !== null && typeof action === 'object' && !Array.isArray(action)) {
    const record = action as Record<string, unknown>;
    const name =
      typeof record.name === 'string'
        ? record.name
        : typeof record.tool === 'string'
          ? record.tool
          : undefined;
    const args = record.arguments ?? record.args;
    if (name !== undefined && args !== null && typeof args === 'object' && !Array.isArray(args))
      return { function_name: name, arguments: args as Record<string, unknown> };
    return { function_name: name ?? dialect, arguments: record };
  }
  return { function_name: dialect, arguments: { action } };
}

/** The ATIF trajectories of a run's scored episodes, as one JSON array. */
export function toAtifJson(lines: readonly EpisodeLine[]): string {
  return `${JSON.stringify(lines.filter(isScored).map(toAtifTrajectory), null, 2)}\n`;
}
