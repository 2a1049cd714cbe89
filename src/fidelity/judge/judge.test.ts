import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import {
  type ScriptedModelServer,
  type ScriptedReply,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../testing/index.js';
import { INFER_LINE_FORMAT, type InferLine, rowKey } from '../schemas.js';
import { createJudgeClient, type JudgeClientOptions } from './client.js';
import { judgeLine } from './judge-line.js';
import { fenced, judgeMessages, removeObservationMarker } from './messages.js';
import { builtinJudgePrompts, loadJudgePrompts } from './prompt-set.js';
import { BUILTIN_JUDGE_SYSTEM_PROMPTS } from './prompts/index.js';

const VERDICT =
  'Close match.\n<final_evaluation>\n```json\n{"strengths": ["same listing"], "weaknesses": [], "scores": {"format": 5, "factuality": 4, "consistency": 5, "realism": 4, "quality": 4}}\n```\n</final_evaluation>';

function line(overrides: Partial<InferLine> = {}): InferLine {
  const row = {
    task: 'terminal',
    id: 7,
    prompt: [
      '### Turn 1\n**Action:**\n```bash\ncd /tmp\n```',
      '### Turn 2\n**Action:**\n```bash\nls\n```\n\nPlease analyze the input above and predict.',
    ],
    response: [
      '**Environment Observation:**\nroot@box:/tmp# ',
      '**Environment Observation:**\na.txt  b.txt\nroot@box:/tmp# ',
    ],
    current_prompt: '### Turn 2\n**Action:**\n```bash\nls\n```',
    system_str: 'world model system prompt',
    turn_idx: 2,
    total_turns: 4,
  };
  return {
    ...row,
    format: INFER_LINE_FORMAT,
    version: 1,
    key: rowKey(row),
    gen: '<think>ls lists</think><predicted_observation>a.txt\nroot@box:/tmp# </predicted_observation>',
    prediction: 'a.txt\nroot@box:/tmp# ',
    failed: false,
    latencyMs: 1,
    attempts: 1,
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('judge messages', () => {
  it('builds the reference blocks: earlier turns raw, the action without the suffix, prediction and marker-free truth', () => {
    const messages = judgeMessages(line(), builtinJudgePrompts());
    assert.ok(messages);
    assert.equal(messages[0]?.role, 'system');
    assert.equal(messages[0]?.content, BUILTIN_JUDGE_SYSTEM_PROMPTS.terminal);
    const user = messages[1]?.content ?? '';
    assert.ok(
      user.includes(
        '### Turn 1\n**Action:**\n```bash\ncd /tmp\n```\n**Environment Observation:**\nroot@box:/tmp# ',
      ),
    );
    assert.ok(user.includes('### Turn 2\n**Action:**\n```bash\nls\n```'));
    assert.ok(!user.includes('Please analyze the input above'));
    assert.ok(user.includes('```\na.txt\nroot@box:/tmp# \n```'));
    assert.ok(user.includes('```\na.txt  b.txt\nroot@box:/tmp# \n```'));
    // The ground truth block carries no marker; the history keeps its markers.
    const truthBlock = user.slice(user.indexOf('(ground truth)'));
    assert.ok(!truthBlock.slice(0, 200).includes('**Environment Observation:**'));
    assert.match(user, /<final_evaluation>/);
    assert.ok(!user.includes('{context}') && !user.includes('{ground_truth}'));
  });

  it('leaves the context block out on the first turn', () => {
    const first = line({ turn_idx: 1, current_prompt: '' });
    const user = judgeMessages(first, builtinJudgePrompts())?.[1]?.content ?? '';
    assert.ok(!user.includes('earlier turns'));
    // current_prompt empty: the last prompt stands in for it.
    assert.ok(user.includes('cd /tmp'));
  });

  it('fences content with more backticks than it holds, and removes markers as the reference does', () => {
    assert.equal(fenced('a ``` b'), '````\na ``` b\n````');
    assert.equal(fenced('plain'), '```\nplain\n```');
    assert.equal(removeObservationMarker('**Environment Observation:**\nx'), 'x');
    assert.equal(removeObservationMarker('a **Environment Observation:** b'), 'a  b');
  });

  it('has no ground truth block beyond the response array', () => {
    assert.equal(judgeMessages(line({ turn_idx: 3 }), builtinJudgePrompts()), undefined);
  });
});

describe('judge prompts', () => {
  it('hashes the seven built-in prompts and the user template', () => {
    const prompts = builtinJudgePrompts();
    assert.equal(prompts.source, 'builtin');
    assert.deepEqual(Object.keys(prompts.hashes).sort(), [
      'android',
      'mcp',
      'os',
      'search',
      'swe',
      'terminal',
      'user',
      'web',
    ]);
    assert.equal(prompts.hashes.mcp, sha256(BUILTIN_JUDGE_SYSTEM_PROMPTS.mcp as string));
    for (const prompt of Object.values(BUILTIN_JUDGE_SYSTEM_PROMPTS)) {
      for (const dimension of ['Format', 'Factuality', 'Consistency', 'Realism', 'Quality'])
        assert.ok(prompt.includes(dimension), `a prompt lacks ${dimension}`);
    }
  });

  it('loads a directory laid out like the official prompts/ and refuses a missing domain', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'agentworld-judge-prompts-'));
    try {
      mkdirSync(join(directory, 'terminal'));
      writeFileSync(
        join(directory, 'terminal', 'judge_system_prompt.txt'),
        'official terminal judge {not a slot}',
      );
      const prompts = await loadJudgePrompts(directory, ['terminal']);
      assert.equal(prompts.systemPrompt('terminal'), 'official terminal judge {not a slot}');
      assert.equal(prompts.systemPrompt('web'), '');
      assert.equal(prompts.hashes.terminal, sha256('official terminal judge {not a slot}'));
      assert.equal(prompts.source, directory);
      await assert.rejects(loadJudgePrompts(directory, ['terminal', 'mcp']), (error) => {
        assert.ok(isAgentWorldError(error, 'CONFIG_INVALID'));
        assert.match(error.message, /mcp/);
        return true;
      });
      writeFileSync(
        join(directory, 'judge_user_prompt.txt'),
        'PRED {predicted_observation} GT {ground_truth} {"json": 1}',
      );
      const custom = await loadJudgePrompts(directory, ['terminal']);
      const user = judgeMessages(line(), custom)?.[1]?.content ?? '';
      assert.match(user, /^PRED \*\*Simulated observation/);
      assert.ok(user.endsWith('{"json": 1}'));
      writeFileSync(join(directory, 'judge_user_prompt.txt'), 'no slots here');
      await assert.rejects(loadJudgePrompts(directory, ['terminal']), /lacks \{predicted_observation\}/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('judging a row against a scripted judge server', () => {
  let server: ScriptedModelServer;
  let script: (request: ScriptedRequest) => ScriptedReply = () => ({ type: 'raw', content: VERDICT });
  before(async () => {
    server = await startScriptedModelServer({ acceptAnyModel: true, script: (request) => script(request) });
  });
  after(async () => {
    await server.close();
  });

  const clientOptions = (overrides: Partial<JudgeClientOptions> = {}): JudgeClientOptions => ({
    baseUrl: server.url,
    model: 'judge',
    temperature: 0.6,
    maxTokens: 1000,
    reasoningModel: false,
    timeoutMs: 60_000,
    ...overrides,
  });
  const options = (overrides: Partial<JudgeClientOptions> = {}) => ({
    client: createJudgeClient(clientOptions(overrides)),
    prompts: builtinJudgePrompts(),
    maxAttempts: 3,
    backoff: { retryBaseMs: 1, retryMaxMs: 2, retryAfterMaxMs: 2 },
  });

  it('scores a row, sending temperature and max_tokens as eval.py does', async () => {
    server.resetStats();
    script = () => ({ type: 'raw', content: VERDICT });
    const judged = await judgeLine(line(), options());
    assert.equal(judged.failed, false);
    assert.deepEqual(judged.judge?.scores, {
      format: 5,
      factuality: 4,
      consistency: 5,
      realism: 4,
      quality: 4,
    });
    assert.equal(judged.judge?.totalScore, 4.4);
    assert.equal(judged.judge?.raw, VERDICT);
    assert.equal(judged.format, 'agentworld.bench.judged');
    const body = server.completionBodies[0];
    assert.equal(body?.temperature, 0.6);
    assert.equal(body?.max_tokens, 1000);
    assert.equal(body?.max_completion_tokens, undefined);
  });

  it('fails a row without a generation without calling the judge', async () => {
    server.resetStats();
    const judged = await judgeLine(line({ gen: '', failed: true }), options());
    assert.equal(judged.failed, true);
    assert.equal(judged.judgeError?.message, 'No model generation');
    assert.equal(server.completionBodies.length, 0);
  });

  it('samples an unparseable reply again, then fails the row keeping the last reply', async () => {
    server.resetStats();
    script = () => ({ type: 'raw', content: 'I think it is fine. Score: 4' });
    const judged = await judgeLine(line(), options());
    assert.equal(judged.failed, true);
    assert.equal(judged.judgeError?.code, 'MODEL_OUTPUT_INVALID');
    assert.equal(judged.judgeError?.retryable, false);
    assert.match(judged.judgeError?.message ?? '', /3 replies .* could not be parsed \(No JSON object/);
    assert.equal(judged.judgeRaw, 'I think it is fine. Score: 4');
    assert.equal(judged.judge, undefined);
    assert.equal(server.completionBodies.length, 3);
  });

  it('recovers when a later reply parses', async () => {
    server.resetStats();
    let calls = 0;
    script = () => ({ type: 'raw', content: calls++ === 0 ? '<final_evaluation>{' : VERDICT });
    const judged = await judgeLine(line(), options());
    assert.equal(judged.failed, false);
    assert.equal(judged.judge?.attempts, 2);
  });

  it('retries server errors with backoff and marks a judge that stays down retryable', async () => {
    server.resetStats();
    let failures = 0;
    script = () => (failures++ < 2 ? { type: 'error', status: 503 } : { type: 'raw', content: VERDICT });
    assert.equal((await judgeLine(line(), options())).failed, false);
    assert.equal(server.completionBodies.length, 3);
    server.resetStats();
    script = () => ({ type: 'error', status: 500 });
    const down = await judgeLine(line(), options());
    assert.equal(down.failed, true);
    assert.equal(down.judgeError?.retryable, true);
    assert.equal(server.completionBodies.length, 3);
    server.resetStats();
    script = () => ({ type: 'error', status: 401, message: 'bad key' });
    const refused = await judgeLine(line(), options());
    assert.equal(refused.judgeError?.retryable, false);
    assert.equal(server.completionBodies.length, 1);
  });

  it('adapts to a reasoning model that refuses max_tokens and temperature', async () => {
    server.resetStats();
    script = (request) => {
      if ('max_tokens' in request.body)
        return {
          type: 'error',
          status: 400,
          message:
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        };
      if ('temperature' in request.body)
        return {
          type: 'error',
          status: 400,
          message:
            "Unsupported value: 'temperature' does not support 0.6 with this model. Only the default (1) value is supported.",
        };
      return { type: 'raw', content: VERDICT };
    };
    const adapted = options();
    const judged = await judgeLine(line(), adapted);
    assert.equal(judged.failed, false);
    assert.equal(adapted.client.notices().length, 2);
    const last = server.completionBodies[server.completionBodies.length - 1];
    assert.equal(last?.max_completion_tokens, 1000);
    assert.equal('temperature' in (last ?? {}), false);

    server.resetStats();
    const upFront = options({ reasoningModel: true });
    assert.equal((await judgeLine(line(), upFront)).failed, false);
    assert.equal(server.completionBodies.length, 1);
    assert.deepEqual(upFront.client.manifest.parameters, {
      temperature: null,
      maxTokens: 1000,
      tokenField: 'max_completion_tokens',
    });
  });
});
