import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runEpisode } from './run-episode.js';
import { runGroup } from './run-group.js';
import { loadedTask, scriptedPolicyFactory, stubScorer, terminalReplay } from './test-support.js';
import {
  AtifTrajectorySchema,
  isScored,
  OpenAiTrajectorySchema,
  toAtifJson,
  toAtifTrajectory,
  toOpenAiJsonl,
  toOpenAiTrajectory,
} from './trajectory-formats.js';
import type { EpisodeLine } from './types.js';

const { engine, spec, recorded } = await terminalReplay();
const actions = recorded.turns.slice(0, 3).map((turn) => turn.action);
const usage = { promptTokens: 90, completionTokens: 10, totalTokens: 100, cachedPromptTokens: 40 };
const perturbed = {
  ...spec,
  perturbations: [{ perturbation: 'command-not-found', params: {}, when: { turn: 1 } }],
};

const episode = await runEpisode({
  loaded: loadedTask('formats', perturbed),
  engine,
  policyFactory: scriptedPolicyFactory(
    [
      { action: actions[0] },
      { invalid: 'Invalid JSON: missing "commands"' },
      { action: actions[1] },
      { done: true, answer: 'done' },
    ],
    { usage },
  ),
  score: stubScorer(),
  seed: 9,
});

function scored(line: EpisodeLine): EpisodeLine & { reward: number } {
  assert.ok(isScored(line));
  return line;
}

describe('trainer formats', () => {
  it('OpenAI-messages JSONL: the policy’s own messages with tool calls, reward, per-step provenance and perturbations', () => {
    const trajectory = OpenAiTrajectorySchema.parse(toOpenAiTrajectory(scored(episode)));
    assert.equal(trajectory.reward, 1);
    assert.deepEqual(trajectory.messages, episode.messages);
    assert.ok(trajectory.messages.some((message) => (message.tool_calls?.length ?? 0) > 0));
    assert.ok(trajectory.messages.some((message) => message.role === 'tool'));
    assert.equal(trajectory.steps.length, 4);
    assert.equal(trajectory.steps[0]?.provenance?.source, 'injected');
    assert.ok(trajectory.steps[0]?.perturbations.some((event) => event.type === 'perturbation.injected'));
    assert.equal(trajectory.steps[0]?.simulated, true);
    assert.equal(trajectory.steps[1]?.invalid, 'Invalid JSON: missing "commands"');
    assert.equal(trajectory.steps[2]?.provenance?.source, 'replayed');
    const atifArray = JSON.parse(toAtifJson([episode])) as unknown[];
    assert.equal(AtifTrajectorySchema.array().parse(atifArray).length, 1);
    const jsonl = toOpenAiJsonl([episode]);
    assert.equal(jsonl.split('\n').filter(Boolean).length, 1);
  });

  it('ATIF: validates, steps count from 1, tool calls paired with observations, provenance kept in extra', () => {
    const atif = AtifTrajectorySchema.parse(JSON.parse(JSON.stringify(toAtifTrajectory(scored(episode)))));
    assert.equal(atif.schema_version, 'ATIF-v1.4');
    assert.deepEqual(
      atif.steps.map((step) => step.source),
      ['system', 'user', 'agent', 'agent', 'agent', 'agent'],
    );
    const first = atif.steps[2];
    const call = first?.tool_calls?.[0];
    assert.ok(call !== undefined);
    assert.equal(first?.observation?.results[0]?.source_call_id, call.tool_call_id);
    assert.deepEqual(call.arguments, { action: actions[0] });
    assert.equal(first?.metrics?.cached_tokens, 40);
    const extra = first?.extra?.agentworld as { provenance: { source: string }; perturbations: unknown[] };
    assert.equal(extra.provenance.source, 'injected');
    assert.equal(extra.perturbations.length, 1);
    const invalid = atif.steps[3];
    assert.equal(invalid?.tool_calls, undefined);
    assert.equal(invalid?.observation?.results[0]?.content, 'Invalid JSON: missing "commands"');
    assert.equal(atif.final_metrics?.total_prompt_tokens, 360);
    assert.equal(atif.final_metrics?.extra?.reward, 1);
    assert.equal(atif.final_metrics?.total_steps, atif.steps.length);
  });

  it('every member of a group validates in both formats; infrastructure episodes are never exported', async () => {
    const group = await runGroup({
      loaded: loadedTask('formats-group', spec),
      engine,
      policyFactory: scriptedPolicyFactory([{ action: actions[0] }, { done: true, answer: 'done' }]),
      score: stubScorer(),
      episodeIndex: 2,
      seed: 1,
      groupSize: 3,
    });
    for (const member of group.members) {
      OpenAiTrajectorySchema.parse(toOpenAiTrajectory(scored(member)));
      AtifTrajectorySchema.parse(toAtifTrajectory(scored(member)));
    }
    const infra: EpisodeLine = { ...episode, blame: 'infrastructure', reward: undefined };
    assert.equal(isScored(infra), false);
    assert.equal(toOpenAiJsonl([infra]), '');
  });

  it('the schemas refuse what trainers would choke on', () => {
    const atif = toAtifTrajectory(scored(episode));
    assert.equal(
      AtifTrajectorySchema.safeParse({ ...atif, steps: atif.steps.map((step) => ({ ...step, step_id: 7 })) })
        .success,
      false,
    );
    const open = toOpenAiTrajectory(scored(episode));
    assert.equal(
      OpenAiTrajectorySchema.safeParse({ ...open, messages: [{ role: 'tool', content: 'x' }] }).success,
      false,
    );
  });
});
