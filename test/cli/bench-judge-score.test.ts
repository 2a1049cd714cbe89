/**
 * `agentworld bench judge` and `agentworld bench score` end to end: rows answered by `bench infer` against a
 * scripted world model, judged by a scripted OpenAI-compatible judge, scored; resume after kill -9; a merge with
 * a differently configured judge refused, the difference named; unparseable judge replies retried then failed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BenchRow, JudgedLine, RunManifest } from '../../src/fidelity/schemas.js';
import { ScoreReportSchema } from '../../src/fidelity/score/schema.js';
import {
  type ScriptedModelServer,
  type ScriptedReply,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import { CLI_HANG_GUARD_MS, cliEnvironment, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const folder = temporaryFolder('bench-judge');
let worldModel: ScriptedModelServer;
let judge: ScriptedModelServer;
/** Row ids in the order the judge was asked about them. */
const judged: number[] = [];
/** Rows whose judge reply is never parseable. */
const GARBAGE_ROW = 5;
/** The row whose world model answers with empty content (no generation). */
const EMPTY_ROW = 3;
let judgeReply: (rowId: number) => ScriptedReply;

function verdict(score: number): string {
  return `Compared line by line.\n<final_evaluation>\n\`\`\`json\n{"strengths": ["row"], "weaknesses": [], "scores": {"format": ${score}, "factuality": ${score}, "consistency": ${score}, "realism": ${score}, "quality": ${score}}}\n\`\`\`\n</final_evaluation>`;
}

/** mcp rows (even ids) score 5 everywhere, terminal rows 3; the garbage row never parses. */
function normalReply(rowId: number): ScriptedReply {
  if (rowId === GARBAGE_ROW) return { type: 'raw', content: 'Looks fine to me, 4 out of 5.' };
  return { type: 'raw', content: verdict(rowId % 2 === 0 ? 5 : 3) };
}

before(async () => {
  worldModel = await startScriptedModelServer({
    acceptAnyModel: true,
    script: (request) => {
      const last = request.messages[request.messages.length - 1]?.content ?? '';
      const rowId = Number(/row (\d+)/.exec(last)?.[1] ?? -1);
      return rowId === EMPTY_ROW ? { type: 'raw', content: '' } : `screen ${rowId}`;
    },
  });
  judge = await startScriptedModelServer({
    acceptAnyModel: true,
    script: (request) => {
      const user = request.messages[request.messages.length - 1]?.content ?? '';
      const rowId = Number(/row (\d+)/.exec(user)?.[1] ?? -1);
      judged.push(rowId);
      return judgeReply(rowId);
    },
  });
  judgeReply = normalReply;
});
after(async () => {
  await worldModel.close();
  await judge.close();
  folder.remove();
});

function row(id: number): BenchRow {
  const turn = 1 + (id % 3);
  return {
    task: id % 2 === 0 ? 'mcp' : 'terminal',
    id,
    prompt: [1, 2, 3].map(
      (index) => `### Turn ${index}\n**Action:**\n\`\`\`\nrow ${id} step ${index}\n\`\`\``,
    ),
    // mcp rows' ground truth is what the world model answers (exact); terminal rows' is not.
    response: [1, 2, 3].map(
      (index) =>
        `**Environment Observation:**\n${id % 2 === 0 && index === turn ? `screen ${id}` : `real ${id}.${index}`}`,
    ),
    current_prompt: `### Turn ${turn}\n**Action:**\n\`\`\`\nrow ${id} step ${turn}\n\`\`\``,
    system_str: 'You simulate an environment.',
    turn_idx: turn,
    total_turns: 3,
  };
}

const ROWS = 8;
let infer = '';

function lines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as T);
}

const judgeArgs = (out: string, extra: readonly string[] = []): string[] => [
  'bench',
  'judge',
  '--predictions',
  infer,
  '--out',
  out,
  '--judge-url',
  judge.url,
  '--judge-model',
  'judge-a',
  '--max-retries',
  '2',
  '--no-progress',
  ...extra,
];

describe('agentworld bench judge and bench score', () => {
  before(async () => {
    const data = join(folder.path, 'rows.jsonl');
    writeFileSync(
      data,
      Array.from({ length: ROWS }, (_, index) => `${JSON.stringify(row(index + 1))}\n`).join(''),
    );
    infer = join(folder.path, 'infer.jsonl');
    const run = await runCli([
      'bench',
      'infer',
      '--data',
      data,
      '--out',
      infer,
      '--model-url',
      worldModel.url,
      '--model',
      'world-model',
      '--max-retries',
      '0',
      '--no-progress',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /done 7, failed 1/);
  });

  it('judges a run end to end and scores it: both Overalls, failed rows counted, never scored', async () => {
    const out = join(folder.path, 'judged.jsonl');
    judged.length = 0;
    judgeReply = normalReply;
    const run = await runCli(judgeArgs(out));
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /judged 6, failed 2 \(1 without a generation, 1 unparseable judge replies\), resumed 0 of 8 selected \(terminal 4, mcp 4\)/,
    );
    // No request for the row without a generation; the unparseable row was asked --max-retries times.
    assert.ok(!judged.includes(EMPTY_ROW));
    assert.equal(judged.filter((id) => id === GARBAGE_ROW).length, 2);
    assert.equal(judged.length, 8);

    const results = lines<JudgedLine>(out);
    assert.equal(results.length, ROWS);
    const byId = new Map(results.map((line) => [line.id, line]));
    assert.equal(byId.get(EMPTY_ROW)?.judgeError?.message, 'No model generation');
    assert.equal(byId.get(GARBAGE_ROW)?.failed, true);
    assert.equal(byId.get(GARBAGE_ROW)?.judgeError?.code, 'MODEL_OUTPUT_INVALID');
    assert.equal(byId.get(GARBAGE_ROW)?.judgeRaw, 'Looks fine to me, 4 out of 5.');
    assert.deepEqual(byId.get(2)?.judge?.scores, {
      format: 5,
      factuality: 5,
      consistency: 5,
      realism: 5,
      quality: 5,
    });

    // The judge saw the domain's system prompt, the prediction and the marker-free ground truth.
    const body = judge.completionBodies[0] as {
      messages: Array<{ role: string; content: string }>;
      temperature: number;
    };
    assert.equal(body.messages[0]?.role, 'system');
    assert.equal(body.temperature, 0.6);
    assert.match(body.messages[1]?.content ?? '', /```\nscreen \d+\n```/);

    const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')) as RunManifest;
    assert.equal(manifest.stage, 'judge');
    assert.equal(manifest.model.name, 'world-model');
    assert.equal(manifest.judge?.name, 'judge-a');
    assert.equal(manifest.judge?.promptSource, 'builtin');
    assert.equal(Object.keys(manifest.judge?.promptHashes ?? {}).length, 8);
    assert.deepEqual(manifest.judge?.parameters, {
      temperature: 0.6,
      maxTokens: 32768,
      tokenField: 'max_tokens',
    });

    const scored = await runCli(['bench', 'score', out, '--json', '--bootstrap', '200']);
    assert.equal(scored.code, 0, scored.stderr);
    const report = ScoreReportSchema.parse(JSON.parse(scored.stdout));
    assert.equal(report.judged, true);
    assert.deepEqual(report.rows, { total: 8, valid: 6, failed: 2, skipped: 0, duplicates: 0 });
    assert.deepEqual(report.failures, { NO_GENERATION: 1, MODEL_OUTPUT_INVALID: 1 });
    const mcp = report.domains.find((domain) => domain.domain === 'mcp');
    const terminal = report.domains.find((domain) => domain.domain === 'terminal');
    assert.equal(mcp?.judge?.total.score, 100);
    assert.equal(terminal?.judge?.total.score, 50);
    assert.equal(terminal?.valid, 2);
    assert.equal(report.overall.macro?.total.score, 75);
    // Micro: 4 rows at 5 and 2 at 3 → mean 13/3.
    assert.ok(Math.abs((report.overall.micro?.total.score ?? 0) - ((13 / 3 - 1) / 4) * 100) < 1e-9);
    assert.ok(report.overall.macro?.total.ci !== undefined);
    assert.equal(report.bootstrap?.resamples, 200);
    // Judge-free columns beside the judge's: mcp predictions equal their ground truth, terminal ones do not.
    assert.equal(mcp?.judgeFree.exactShare, 1);
    assert.equal(terminal?.judgeFree.exactShare, 0);

    const table = await runCli(['bench', 'score', out]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /Overall \(macro, mean of 2 domains — the published table's Overall\): 75\.00/,
    );
    assert.match(table.stdout, /Overall \(micro, sample-weighted — what eval\.py score prints\): 83\.33/);
    assert.match(table.stdout, /rows 8: valid 6, failed 2/);

    const unjudged = await runCli(['bench', 'score', infer, '--json']);
    assert.equal(unjudged.code, 0, unjudged.stderr);
    const inferReport = ScoreReportSchema.parse(JSON.parse(unjudged.stdout));
    assert.equal(inferReport.judged, false);
    assert.equal(inferReport.overall.macro, null);
    assert.equal(inferReport.domains.find((domain) => domain.domain === 'mcp')?.judgeFree.exactShare, 1);

    // Run again: everything is final, nothing is asked.
    judged.length = 0;
    const again = await runCli(judgeArgs(out));
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /judged 0, failed 0, resumed 8 of 8 selected/);
    assert.equal(judged.length, 0);
  });

  it('refuses to add rows judged differently to a judged file, naming the difference', async () => {
    const out = join(folder.path, 'mismatch.jsonl');
    judgeReply = normalReply;
    const first = await runCli(judgeArgs(out, ['--limit', '2']));
    assert.equal(first.code, 0, first.stderr);
    const before = readFileSync(out, 'utf8');

    const otherModel = await runCli([...judgeArgs(out), '--judge-model', 'judge-b']);
    assert.equal(otherModel.code, 1);
    assert.match(otherModel.stderr, /judge\.name: "judge-a" ≠ "judge-b"/);

    const otherTemperature = await runCli(judgeArgs(out, ['--temperature', '0.2']));
    assert.equal(otherTemperature.code, 1);
    assert.match(otherTemperature.stderr, /judge\.parameters\.temperature: 0\.6 ≠ 0\.2/);

    const prompts = join(folder.path, 'prompts');
    for (const domain of ['mcp', 'terminal']) {
      mkdirSync(join(prompts, domain), { recursive: true });
      writeFileSync(join(prompts, domain, 'judge_system_prompt.txt'), `official ${domain} judge`);
    }
    const otherPrompts = await runCli(judgeArgs(out, ['--judge-prompts', prompts]));
    assert.equal(otherPrompts.code, 1);
    assert.match(otherPrompts.stderr, /judge\.promptHashes\.mcp: "[0-9a-f]{64}" ≠ "[0-9a-f]{64}"/);
    assert.equal(readFileSync(out, 'utf8'), before);

    // The same prompts from a directory are accepted into a fresh file and sent as the system message.
    judge.resetStats();
    const fresh = await runCli(
      judgeArgs(join(folder.path, 'official.jsonl'), ['--judge-prompts', prompts, '--limit', '2']),
    );
    assert.equal(fresh.code, 0, fresh.stderr);
    const systems = judge.completionBodies.map(
      (body) => (body as { messages: Array<{ content: string }> }).messages[0]?.content,
    );
    assert.ok(
      systems.every((content) => content === 'official terminal judge' || content === 'official mcp judge'),
    );
  });

  it('judges again on resume the rows whose judge was unreachable', async () => {
    const out = join(folder.path, 'down.jsonl');
    judgeReply = normalReply;
    await judge.setDown(true);
    let down: Awaited<ReturnType<typeof runCli>>;
    try {
      down = await runCli(judgeArgs(out, ['--limit', '3', '--max-retries', '1']));
    } finally {
      await judge.setDown(false);
    }
    assert.equal(down.code, 0, down.stderr);
    assert.match(
      down.stdout,
      /judged 0, failed 3 \(1 without a generation, 2 judge failures, judged again on resume when retryable\)/,
    );
    const unreachable = lines<JudgedLine>(out).filter((line) => line.judgeError?.retryable === true);
    assert.equal(unreachable.length, 2);
    assert.equal(unreachable[0]?.judgeError?.code, 'ENGINE_UNAVAILABLE');

    judged.length = 0;
    const resumed = await runCli(judgeArgs(out, ['--limit', '3', '--max-retries', '1']));
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /judged 2, failed 0, resumed 1 of 3 selected/);
    assert.deepEqual([...judged].sort(), [1, 2]);
    const scored = await runCli(['bench', 'score', out, '--json', '--bootstrap', '0']);
    const report = ScoreReportSchema.parse(JSON.parse(scored.stdout));
    assert.deepEqual(report.rows, { total: 3, valid: 2, failed: 1, skipped: 0, duplicates: 0 });
  });

  it("judges the reference eval.py's predictions.jsonl (dataset rows with gen)", async () => {
    const predictions = join(folder.path, 'predictions.jsonl');
    const gens = [
      '<think>x</think>\n<predicted_observation>\nscreen 2\n</predicted_observation>',
      '',
      'real 4.2',
    ];
    writeFileSync(
      predictions,
      [2, 3, 4].map((id, index) => `${JSON.stringify({ ...row(id), gen: gens[index] })}\n`).join(''),
    );
    const out = join(folder.path, 'from-reference.jsonl');
    judgeReply = normalReply;
    const run = await runCli([...judgeArgs(out), '--predictions', predictions]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /judged 2, failed 1 \(1 without a generation\), resumed 0 of 3 selected/);
    const results = lines<JudgedLine>(out);
    assert.equal(results.find((line) => line.id === 2)?.prediction, 'screen 2');
    assert.equal(results.find((line) => line.id === 2)?.metrics?.exact, true);
    assert.equal(results.find((line) => line.id === 3)?.judgeError?.message, 'No model generation');
  });

  it('resumes after kill -9 without asking the judge again about a judged row or writing it twice', async () => {
    const out = join(folder.path, 'kill.jsonl');
    judged.length = 0;
    let answered = 0;
    // The first three questions are answered; later ones hang until the process is killed.
    judgeReply = () => (answered++ < 3 ? { type: 'raw', content: verdict(4) } : { type: 'hang' });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...judgeArgs(out, ['--concurrency', '2'])],
      {
        cwd: REPO_ROOT,
        env: cliEnvironment({}, folder.path),
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    while (lines<JudgedLine>(out).filter((line) => line.judge !== undefined).length < 3) {
      assert.ok(Date.now() - started < CLI_HANG_GUARD_MS, 'the first run never committed three judged rows');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    assert.equal(await exited, null);
    const beforeKill = lines<JudgedLine>(out);
    const askedBefore = judged.length;

    judgeReply = () => ({ type: 'raw', content: verdict(4) });
    const resumed = await runCli(judgeArgs(out, ['--concurrency', '2']));
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`resumed ${beforeKill.length} of 8 selected`));
    const askedAgain = judged.slice(askedBefore);
    for (const line of beforeKill)
      assert.ok(!askedAgain.includes(line.id), `row ${line.key} was judged again`);
    const keys = lines<JudgedLine>(out).map((line) => line.key);
    assert.equal(keys.length, ROWS);
    assert.equal(new Set(keys).size, ROWS);
  });
});
