/**
 * `agentworld bench report` end to end: judged and infer files built from rows exported from the bundled example
 * sessions (synthetic predictions and judge scores, valid under the line schemas), the real CLI writes the page,
 * and Debian's Chromium (through playwright-core) shows it with every request intercepted: the test reads what
 * the page shows, checks that nothing but the page itself is requested, and that a `<script>` inside a
 * prediction stays text.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { benchRows } from '../../src/export/bench.js';
import { judgeFreeMetrics } from '../../src/fidelity/metrics/index.js';
import { manifestPath } from '../../src/fidelity/run/index.js';
import {
  type BenchRow,
  type InferLine,
  InferLineSchema,
  JUDGE_DIMENSIONS,
  type JudgedLine,
  JudgedLineSchema,
  type JudgeScores,
  RunManifestSchema,
  rowKey,
} from '../../src/fidelity/schemas.js';
import { TuringLineSchema } from '../../src/fidelity/turing/index.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { CLI_HANG_GUARD_MS, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
// CI installs Chromium, so there a missing browser is a failure; elsewhere the test says why it skips.
const skip =
  !available && process.env.CI !== 'true' ? `${CHROMIUM} is not installed (apt-get install chromium)` : false;

const PAGE_URL = 'http://report.invalid/report.html';
const MODEL = 'Qwen/Qwen-AgentWorld-35B-A3B';
const JUDGE = 'gpt-5.2-2025-12-11';
const PROMPT_HASH = 'c0ffee'.repeat(10).concat('0badf00d');
const INJECTION = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">';

function exampleRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const domain of ['terminal', 'mcp', 'swe']) {
    const path = join(REPO_ROOT, 'examples', 'sessions', `${domain}.jsonl`);
    for (const record of parseSessionLines(readFileSync(path, 'utf8'), path)) {
      rows.push(
        ...benchRows(
          record,
          record.turns.map((turn) => turn.index),
        ),
      );
    }
  }
  return rows;
}

function truthOf(row: BenchRow): string {
  return (row.response[row.turn_idx - 1] ?? '').replace(/^\*\*Environment Observation:\*\*\n/, '').trim();
}

function inferLine(row: BenchRow, prediction: string, withMetrics: boolean): InferLine {
  return InferLineSchema.parse({
    ...row,
    format: 'agentworld.bench.infer',
    version: 1,
    key: rowKey(row),
    gen: `<predicted_observation>\n${prediction}\n</predicted_observation>`,
    prediction,
    failed: false,
    ...(withMetrics ? { metrics: judgeFreeMetrics(row, prediction) } : {}),
    latencyMs: 12,
    attempts: 1,
    finishedAt: '2026-12-07T12:00:00.000Z',
  });
}

/** Synthetic scores that vary by row, so means are not trivial. */
function scoresFor(index: number, turnIdx: number): JudgeScores {
  return {
    format: 5,
    factuality: index % 2 === 0 ? 4 : 2,
    consistency: Math.max(1, 5 - Math.floor(turnIdx / 2)),
    realism: 3 + (index % 3 === 0 ? 1 : 0),
    quality: index % 5 === 0 ? 0 : 3,
  };
}

function totalOf(scores: JudgeScores): number {
  const counted = JUDGE_DIMENSIONS.map((dimension) => scores[dimension]).filter((value) => value > 0);
  return counted.length === 0 ? 0 : counted.reduce((sum, value) => sum + value, 0) / counted.length;
}

interface Fixture {
  readonly judged: JudgedLine[];
  /** The row whose prediction misremembers `gamma` as `GAMMA`, scored lowest. */
  readonly worstKey: string;
  readonly injectedKey: string;
}

function judgedFixture(): Fixture {
  const rows = exampleRows();
  const worst = rows.find((row) => row.task === 'terminal' && truthOf(row).includes('\ngamma\n'));
  const injected = rows.find((row) => row.task === 'mcp');
  const failed = rows.find((row) => row.task === 'swe');
  assert.ok(worst && injected && failed);
  const judged = rows.map((row, index): JudgedLine => {
    const truth = truthOf(row);
    let prediction = index % 3 === 0 ? truth : `${truth}\n(simulated detail ${index})`;
    let scores = scoresFor(index, row.turn_idx);
    if (row === worst) {
      prediction = truth.replace('\ngamma\n', '\nGAMMA\n');
      scores = { format: 1, factuality: 1, consistency: 1, realism: 1, quality: 1 };
    }
    if (row === injected) {
      prediction = `${truth}\n${INJECTION}`;
      scores = { format: 2, factuality: 2, consistency: 2, realism: 2, quality: 2 };
    }
    const base = inferLine(row, prediction, true);
    if (row === failed) {
      return JudgedLineSchema.parse({
        ...base,
        format: 'agentworld.bench.judged',
        failed: true,
        judgeError: { code: 'MODEL_OUTPUT_INVALID', message: 'Judge scoring failed', retryable: true },
      });
    }
    return JudgedLineSchema.parse({
      ...base,
      format: 'agentworld.bench.judged',
      judge: {
        scores,
        totalScore: totalOf(scores),
        strengths: ['keeps the prompt'],
        weaknesses: row === worst ? ['misremembers the file contents: GAMMA'] : [],
        raw: '<final_evaluation>…</final_evaluation>',
        attempts: 1,
      },
    });
  });
  return { judged, worstKey: rowKey(worst), injectedKey: rowKey(injected) };
}

/** norm(mean of the non-zero values), as the reference computes a column. */
function expectedScore(values: readonly number[]): number {
  const counted = values.filter((value) => value !== 0);
  const mean = counted.reduce((sum, value) => sum + value, 0) / counted.length;
  return ((mean - 1) / 4) * 100;
}

interface Loaded {
  readonly page: Page;
  readonly requests: string[];
}

describe('agentworld bench report', { skip, timeout: CLI_HANG_GUARD_MS * 3 }, () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let browser: Browser;
  let fixture: Fixture;

  before(async () => {
    folder = temporaryFolder('bench-report');
    fixture = judgedFixture();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    folder?.remove();
  });

  /** Opens the page with every request intercepted: the page itself is served, anything else is recorded and refused. */
  async function open(html: string): Promise<Loaded> {
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.route('**/*', async (route) => {
      if (route.request().url() === PAGE_URL) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else {
        await route.abort();
      }
    });
    await page.goto(PAGE_URL, { waitUntil: 'load' });
    return { page, requests };
  }

  it('shows a judged run: bars per domain and dimension, drift per turn, the worst diff, the manifest; nothing else loads and no script runs', async () => {
    const judgedPath = join(folder.path, 'judged.jsonl');
    writeFileSync(judgedPath, `${fixture.judged.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const manifest = RunManifestSchema.parse({
      format: 'agentworld.bench.manifest',
      version: 1,
      stage: 'judge',
      agentworldVersion: '0.1.0',
      createdAt: '2026-12-07T12:00:00.000Z',
      data: { sources: ['examples/sessions'], rowsHash: 'f'.repeat(64) },
      model: {
        engine: 'lwm',
        name: MODEL,
        baseUrl: 'http://127.0.0.1:8000/v1',
        parameters: { temperature: 0.6 },
      },
      judge: {
        name: JUDGE,
        parameters: { temperature: 0.6, maxTokens: 32768 },
        promptHashes: { terminal: PROMPT_HASH, user: 'a'.repeat(64) },
        promptSource: 'builtin',
      },
    });
    writeFileSync(manifestPath(judgedPath), JSON.stringify(manifest));
    // Turing verdicts for ten rows: the judge was fooled on the first four.
    const turingPath = join(folder.path, 'turing.jsonl');
    const verdicts = fixture.judged.slice(0, 10).map((line, index) =>
      TuringLineSchema.parse({
        format: 'agentworld.bench.turing',
        version: 1,
        key: line.key,
        task: line.task,
        id: line.id,
        turn_idx: line.turn_idx,
        total_turns: line.total_turns,
        simulatedShownAs: index % 2 === 0 ? 'A' : 'B',
        identical: false,
        failed: false,
        choice: index < 4 ? (index % 2 === 0 ? 'A' : 'B') : index % 2 === 0 ? 'B' : 'A',
        fooled: index < 4,
        raw: '\\boxed{A}',
        attempts: 1,
        latencyMs: 3,
        finishedAt: '2026-12-07T12:00:00.000Z',
      }),
    );
    writeFileSync(turingPath, `${verdicts.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const out = join(folder.path, 'report.html');
    const run = await runCli(['bench', 'report', judgedPath, turingPath, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const html = readFileSync(out, 'utf8');
    assert.doesNotMatch(
      html,
      /<script|<link|@import|url\(http/i,
      'the page itself loads nothing and runs nothing',
    );

    const { page, requests } = await open(html);
    try {
      // Judge bars: each domain's dimension shows the reference's normalised mean.
      const valid = fixture.judged.filter((line) => !line.failed && line.judge !== undefined);
      for (const domain of ['terminal', 'mcp', 'swe']) {
        const rows = valid.filter((line) => line.task === domain);
        for (const dimension of JUDGE_DIMENSIONS) {
          const expected = expectedScore(rows.map((line) => line.judge?.scores[dimension] ?? 0));
          const bar = page.locator(
            `svg[data-chart="bars"] rect[data-group="${domain}"][data-series="${dimension}"]`,
          );
          assert.equal(await bar.count(), 1, `${domain} ${dimension} bar`);
          assert.equal(Number(await bar.getAttribute('data-value')), Number(expected.toFixed(2)));
          const counted = rows.filter((line) => (line.judge?.scores[dimension] ?? 0) !== 0).length;
          assert.equal(
            await bar.locator('title').textContent(),
            `${domain} · ${dimension}: ${expected.toFixed(1)} (${counted} rows)`,
          );
        }
        const total = expectedScore(rows.map((line) => line.judge?.totalScore ?? 0));
        const totalBar = page.locator(
          `svg[data-chart="bars"] rect[data-group="${domain}"][data-series="total"]`,
        );
        assert.equal(Number(await totalBar.getAttribute('data-value')), Number(total.toFixed(2)));
      }
      const micro = expectedScore(valid.map((line) => line.judge?.totalScore ?? 0));
      const microBar = page.locator('rect[data-group="Overall (micro)"][data-series="total"]');
      assert.equal(Number(await microBar.getAttribute('data-value')), Number(micro.toFixed(2)));
      assert.equal(await page.locator('rect[data-group="Overall (macro)"][data-series="total"]').count(), 1);

      // Judge-free bars: the share of exact predictions per domain.
      const terminalLines = fixture.judged.filter((line) => line.task === 'terminal');
      const exact =
        terminalLines.filter((line) => line.metrics?.exact === true).length / terminalLines.length;
      const exactBar = page.locator(
        'svg[data-chart="bars"] rect[data-group="terminal"][data-series="exact"]',
      );
      assert.equal(Number(await exactBar.getAttribute('data-value')), Number((exact * 100).toFixed(2)));

      // Drift: one point per turn index, per domain.
      for (const domain of ['terminal', 'mcp', 'swe']) {
        const turns = [
          ...new Set(valid.filter((line) => line.task === domain).map((line) => line.turn_idx)),
        ].sort((a, b) => a - b);
        const points = page.locator(`svg[data-chart="drift"][data-domain="${domain}"] circle.point`);
        assert.equal(await points.count(), turns.length, `${domain} drift points`);
        const xs = await points.evaluateAll((nodes) =>
          nodes.map((node) => Number(node.getAttribute('data-x'))),
        );
        assert.deepEqual(xs, turns);
      }

      // The worst row comes first; its diff marks the changed text on both sides.
      const worst = page.locator('#worst article.worst').first();
      assert.equal(await worst.getAttribute('data-key'), fixture.worstKey);
      assert.deepEqual(await worst.locator('table.diff td.prediction ins').allTextContents(), ['GAMMA']);
      assert.deepEqual(await worst.locator('table.diff td.truth del').allTextContents(), ['gamma']);
      assert.equal(await worst.locator('table.diff tr.changed').count(), 1);

      // The injected markup is shown as text and never runs.
      const injected = page.locator(`#worst article.worst[data-key="${fixture.injectedKey}"]`);
      assert.match(
        (await injected.locator('td.prediction').allTextContents()).join('\n'),
        /<script>window\.__pwned = 1<\/script>/,
      );
      assert.equal(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
      assert.equal(await page.locator('#worst script, #worst img').count(), 0);

      // The manifest names the model, the judge and the prompt hash.
      const manifestText = (await page.locator('#manifest').textContent()) ?? '';
      assert.match(manifestText, new RegExp(MODEL.replace('/', '\\/')));
      assert.match(manifestText, new RegExp(JUDGE.replaceAll('.', '\\.')));
      assert.match(manifestText, new RegExp(PROMPT_HASH));

      // Accessible: every chart has a title and a description, every table a caption.
      const charts = await page
        .locator('svg.chart')
        .evaluateAll((nodes) =>
          nodes.map((node) => [
            node.getAttribute('role'),
            node.querySelector('title')?.textContent ?? '',
            node.querySelector('desc')?.textContent ?? '',
          ]),
        );
      assert.ok(charts.length >= 5);
      for (const [role, title, description] of charts) {
        assert.equal(role, 'img');
        assert.ok(title !== '' && description !== '');
      }
      const uncaptioned = await page
        .locator('table')
        .evaluateAll((nodes) => nodes.filter((node) => node.querySelector('caption') === null).length);
      assert.equal(uncaptioned, 0);

      // The turing section counts the verdicts.
      const turingOverall = page.locator('#turing table tbody tr').last();
      assert.match((await turingOverall.textContent()) ?? '', /^Overall40\.0%.*\(4\/10\)/);

      assert.deepEqual(requests, [PAGE_URL], 'no request besides the page itself');
    } finally {
      await page.context().close();
    }
  });

  it('shows an infer-only file: no judge columns, judge-free metrics, drift and worst rows by edit similarity', async () => {
    const rows = exampleRows().filter((row) => row.task === 'terminal');
    const lines = rows.map((row, index) => {
      const truth = truthOf(row);
      return inferLine(row, index === 2 ? truth.replaceAll('workspace', 'work') : truth, false);
    });
    const inferPath = join(folder.path, 'infer.jsonl');
    writeFileSync(inferPath, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n{"broken": true}\n`);
    const out = join(folder.path, 'infer-report.html');
    const run = await runCli(['bench', 'report', inferPath, '--out', out, '--worst', '3']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /not judged/);
    const { page, requests } = await open(readFileSync(out, 'utf8'));
    try {
      assert.match((await page.locator('#judge').textContent()) ?? '', /No row carries judge scores/);
      assert.equal(await page.locator('rect[data-series="factuality"]').count(), 0);
      const exactBar = page.locator('rect[data-group="terminal"][data-series="exact"]');
      const exact = (lines.length - 1) / lines.length;
      assert.equal(Number(await exactBar.getAttribute('data-value')), Number((exact * 100).toFixed(2)));
      const turns = new Set(lines.map((line) => line.turn_idx)).size;
      assert.equal(
        await page.locator('svg[data-chart="drift"][data-domain="terminal"] circle.point').count(),
        turns,
      );
      const worst = page.locator('#worst article.worst');
      assert.equal(await worst.count(), 3);
      assert.equal(await worst.first().getAttribute('data-key'), lines[2]?.key);
      assert.ok((await worst.first().locator('td.truth del').count()) > 0);
      assert.match((await page.locator('header').textContent()) ?? '', /1 line\(s\) skipped/);
      assert.deepEqual(requests, [PAGE_URL]);
    } finally {
      await page.context().close();
    }
  });
});
