/**
 * `agentworld bench turing` end to end: a predictions file built from rows exported from the bundled example
 * sessions (synthetic predictions: most altered, some equal to the ground truth byte for byte, one failed
 * generation, one malformed line), a scripted OpenAI-compatible judge over real HTTP, the real CLI.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stripObservationMarker } from '../../src/engines/lwm/extract.js';
import { benchRows } from '../../src/export/bench.js';
import { type InferLine, InferLineSchema, rowKey } from '../../src/fidelity/schemas.js';
import {
  simulatedPosition,
  type TuringLine,
  TuringLineSchema,
  type TuringReport,
  TuringReportSchema,
} from '../../src/fidelity/turing/index.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import {
  type ScriptedModelServer,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../src/testing/scripted-model-server/index.js';
import { CLI_HANG_GUARD_MS, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const JUDGE = 'scripted-turing-judge';

/** Infer lines for every turn of the example sessions of two domains; every 4th prediction is exact. */
function predictionLines(): InferLine[] {
  const lines: InferLine[] = [];
  for (const domain of ['terminal', 'mcp']) {
    const path = join(REPO_ROOT, 'examples', 'sessions', `${domain}.jsonl`);
    for (const record of parseSessionLines(readFileSync(path, 'utf8'), path)) {
      const rows = benchRows(
        record,
        record.turns.map((turn) => turn.index),
      );
      for (const row of rows) {
        const truth = stripObservationMarker(row.response[row.turn_idx - 1] ?? '');
        const prediction = lines.length % 4 === 0 ? truth : `${truth}\n(simulated row ${lines.length})`;
        lines.push(
          InferLineSchema.parse({
            ...row,
            format: 'agentworld.bench.infer',
            version: 1,
            key: rowKey(row),
            gen: `<predicted_observation>\n${prediction}\n</predicted_observation>`,
            prediction,
            failed: false,
            latencyMs: 5,
            attempts: 1,
            finishedAt: '2026-12-07T12:00:00.000Z',
          }),
        );
      }
    }
  }
  return lines;
}

function readTuringLines(path: string): TuringLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => TuringLineSchema.parse(JSON.parse(line)));
}

function userMessage(request: ScriptedRequest): string {
  return request.messages.find((message) => message.role === 'user')?.content ?? '';
}

describe('agentworld bench turing', { timeout: CLI_HANG_GUARD_MS * 6 }, () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let server: ScriptedModelServer;
  let predictions: string;
  let lines: InferLine[];
  /** The rows shown to the judge: every line but the failed generation. */
  let answerable: InferLine[];

  before(async () => {
    folder = temporaryFolder('bench-turing');
    lines = predictionLines();
    assert.ok(lines.length >= 12, `only ${lines.length} example rows`);
    answerable = lines.slice(1);
    const failedGeneration = {
      ...lines[0],
      gen: '',
      prediction: '',
      failed: true,
      error: { code: 'ENGINE_UNAVAILABLE', message: 'no answer', retryable: true },
    };
    predictions = join(folder.path, 'predictions.jsonl');
    writeFileSync(
      predictions,
      [
        JSON.stringify(failedGeneration),
        '{"this is": "not an infer line"}',
        ...answerable.map((line) => JSON.stringify(line)),
      ]
        .join('\n')
        .concat('\n'),
    );
    server = await startScriptedModelServer({ model: JUDGE });
  });
  after(async () => {
    await server?.close();
    folder?.remove();
  });

  async function turing(out: string, extra: readonly string[] = []) {
    return runCli([
      'bench',
      'turing',
      '--predictions',
      predictions,
      '--judge-url',
      server.url,
      '--judge-model',
      JUDGE,
      '--out',
      out,
      '--json',
      ...extra,
    ]);
  }

  it('a judge that always answers A is fooled exactly where the prediction was shown as A', async () => {
    server.resetStats();
    server.setScript(() => ({
      type: 'raw',
      content: 'Both are close; the first one feels real.\n\\boxed{A}',
    }));
    const out = join(folder.path, 'always-a.jsonl');
    const run = await turing(out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /:2: skipped: not a bench infer or judge line/);
    const report: TuringReport = TuringReportSchema.parse(JSON.parse(run.stdout));
    const verdicts = readTuringLines(out);

    // One verdict per answerable row: the failed generation was never shown.
    assert.deepEqual(verdicts.map((line) => line.key).sort(), answerable.map((line) => line.key).sort());
    assert.equal(server.completionBodies.length, answerable.length);
    assert.equal(report.rows, answerable.length);

    // The order is the seed's draw, recorded per row.
    for (const verdict of verdicts) assert.equal(verdict.simulatedShownAs, simulatedPosition(0, verdict.key));
    const distinct = answerable.filter(
      (line) => line.prediction !== stripObservationMarker(line.response[line.turn_idx - 1] ?? ''),
    );
    const shownAsA = distinct.filter((line) => simulatedPosition(0, line.key) === 'A').length;
    assert.ok(shownAsA > 0 && shownAsA < distinct.length, 'the seed put the prediction in both positions');
    assert.equal(report.overall.answered, distinct.length);
    assert.equal(report.overall.fooled.count, shownAsA);
    assert.equal(report.overall.fooled.rate, shownAsA / distinct.length);
    const { low, high, rate } = report.overall.fooled;
    assert.ok(low !== null && high !== null && rate !== null && low <= rate && rate <= high);
    // Position bias: every verdict named A.
    assert.equal(report.overall.pickedA.rate, 1);
    // Exact predictions are counted apart.
    const identical = answerable.length - distinct.length;
    assert.ok(identical > 0);
    assert.equal(report.overall.identical.answered, identical);
    assert.equal(verdicts.filter((line) => line.identical).length, identical);
    // Per domain, the counts add up.
    assert.deepEqual(Object.keys(report.domains), ['mcp', 'terminal']);
    const perDomain = Object.values(report.domains).reduce((sum, entry) => sum + entry.fooled.count, 0);
    assert.equal(perDomain, shownAsA);

    // The judge saw the prediction and the real observation, each in the position recorded.
    const byKey = new Map(answerable.map((line) => [line.key, line]));
    const requests = server.requests
      .filter((request) => request.path.endsWith('/chat/completions'))
      .map((request) => request.body as { messages: { role: string; content: string }[] });
    for (const body of requests) {
      const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
      assert.match(user, /\\boxed\{A\} or \\boxed\{B\}/);
      const match = /\(simulated row (\d+)\)/.exec(user);
      if (match === null) continue;
      const line = lines[Number(match[1])];
      assert.ok(line && byKey.has(line.key));
      const simulatedAt = user.indexOf(`(simulated row ${match[1]})`);
      const responseB = user.indexOf('# Response B');
      assert.equal(simulatedAt < responseB ? 'A' : 'B', simulatedPosition(0, line.key));
    }
  });

  it('resumes: a rerun asks only the rows not yet decided, and never writes a row twice', async () => {
    server.resetStats();
    server.setScript((request) => ({
      type: 'raw',
      content: userMessage(request).length % 2 === 0 ? 'Answer: \\boxed{B}' : '$\\boxed{a}$',
    }));
    const out = join(folder.path, 'resumed.jsonl');
    // The first six rows: the failed generation (never shown) and five answerable ones.
    const first = await turing(out, ['--limit', '6']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(readTuringLines(out).length, 5);
    assert.equal(server.completionBodies.length, 5);

    const second = await turing(out);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /5 kept from an earlier run/);
    assert.equal(server.completionBodies.length, answerable.length);
    const keys = readTuringLines(out).map((line) => line.key);
    assert.equal(keys.length, answerable.length);
    assert.equal(new Set(keys).size, keys.length);

    const third = await turing(out);
    assert.equal(third.code, 0, third.stderr);
    assert.equal(server.completionBodies.length, answerable.length, 'nothing asked again');
    assert.deepEqual(JSON.parse(third.stdout), JSON.parse(second.stdout));

    // Another seed would draw other orders: refused, the difference named.
    const reseeded = await turing(out, ['--seed', '9']);
    assert.equal(reseeded.code, 1);
    assert.match(reseeded.stderr, /seed: 0 ≠ 9/);
  });

  it('a reply naming neither response is asked again, then failed and never scored', async () => {
    server.resetStats();
    server.setScript(() => ({ type: 'raw', content: 'I honestly cannot tell these two apart.' }));
    const out = join(folder.path, 'unreadable.jsonl');
    const run = await turing(out, ['--limit', '3', '--max-retries', '3']);
    assert.equal(run.code, 0, run.stderr);
    const report = TuringReportSchema.parse(JSON.parse(run.stdout));
    const verdicts = readTuringLines(out);
    assert.equal(verdicts.length, 2, 'the first of the three rows has no prediction');
    assert.equal(server.completionBodies.length, 2 * 3);
    for (const verdict of verdicts) {
      assert.equal(verdict.failed, true);
      assert.equal(verdict.attempts, 3);
      assert.equal(verdict.choice, undefined);
      assert.equal(verdict.error?.code, 'MODEL_OUTPUT_INVALID');
    }
    assert.equal(report.overall.failed, 2);
    assert.equal(report.overall.answered + report.overall.identical.answered, 0);
    assert.equal(report.overall.fooled.rate, null);

    // Two unreadable replies, then a verdict: decided on the third attempt.
    server.resetStats();
    server.setScript([
      { type: 'raw', content: 'hmm' },
      { type: 'raw', content: '<think>\\boxed{A}</think>still unsure' },
      { type: 'raw', content: 'Response B is the real one.' },
    ]);
    const retried = join(folder.path, 'retried.jsonl');
    const second = await turing(retried, ['--limit', '2', '--concurrency', '1']);
    assert.equal(second.code, 0, second.stderr);
    const [decided] = readTuringLines(retried);
    assert.equal(decided?.failed, false);
    assert.equal(decided?.choice, 'B');
    assert.equal(decided?.attempts, 3);
  });
});
