import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { readRealCorpusManifest } from '../../src/corpus/index.js';
import { writeFormulaModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { readSessionFile } from '../../src/session/session-file.js';
import { ANSI_ESCAPE, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

async function bundledRecords(): Promise<SessionRecord[]> {
  const folder = join(REPO_ROOT, 'examples', 'sessions');
  const records: SessionRecord[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.jsonl'))) {
    records.push(...(await readSessionFile(join(folder, file))));
  }
  return records;
}

const SUMMARY =
  /^Replayed (\d+) sessions, (\d+) turns: checks (\d+) passed, (\d+) failed; (\d+) turns differ from their recordings\.$/m;

const CORPUS_PART =
  /^ {2}(\S+): (\d+) sessions, (\d+) turns · checks (\d+) passed, (\d+) failed · (\d+) differ · \d+ task families \(.+\)$/;

const EMBEDDED_SUMMARY =
  /^Embedded model: (\d+) commands simulated by the embedded model (\S+) on this CPU — not a real shell; model loaded in \d+ ms, \d+ ms per step \(median; slowest \d+ ms\): checks (\d+) passed, (\d+) failed(?:; \d+ commands unsupported)?\.$/m;

const EMBEDDED_SUMMARY_OR_SKIP = new RegExp(`${EMBEDDED_SUMMARY.source}|^Embedded model: skipped — \\S`, 'm');

describe('agentworld demo', { concurrency: 2 }, () => {
  it('replays every bundled recording: labelled REPLAY, 0 differing turns, 0 failed checks', async () => {
    const [run, records] = await Promise.all([runCli(['demo', '--no-embedded']), bundledRecords()]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout.split('\n')[0] ?? '', /REPLAY/);
    assert.doesNotMatch(run.stdout, ANSI_ESCAPE);
    const summary = SUMMARY.exec(run.stdout);
    assert.ok(summary, `summary line in:\n${run.stdout.slice(-500)}`);
    const [, sessions, turns, passed, failed, differing] = summary.map(Number);
    assert.equal(sessions, records.length);
    assert.equal(
      turns,
      records.reduce((sum, record) => sum + record.turns.length, 0),
    );
    assert.ok((passed ?? 0) > 0);
    assert.equal(failed, 0);
    assert.equal(differing, 0);
    assert.doesNotMatch(run.stdout, /DIFFERS/);
    assert.doesNotMatch(run.stdout, /Embedded model/, '--no-embedded leaves the embedded model out');
    const headers = run.stdout.split('\n').filter((line) => line.startsWith('=== '));
    assert.equal(headers.length, records.length);
  });

  it('--quiet prints only the title and the summaries; an unknown --domain is refused', async () => {
    const [quiet, unknown, manifest] = await Promise.all([
      runCli(['demo', '--quiet']),
      runCli(['demo', '--domain', 'nowhere']),
      readRealCorpusManifest(),
    ]);
    assert.equal(quiet.code, 0, quiet.stdout + quiet.stderr);
    const lines = quiet.stdout.split('\n').filter((line) => line.trim() !== '');
    const parts = Object.entries(manifest.parts);
    assert.equal(lines.length, 4 + parts.length, quiet.stdout);
    assert.match(lines[1] ?? '', SUMMARY);
    assert.match(lines[2] ?? '', new RegExp(`^The real corpus — ${manifest.sessions} sessions `));
    // One line per corpus part: every session replayed, its turns as recorded, no failed check.
    parts.forEach(([name, part], position) => {
      const line = CORPUS_PART.exec(lines[3 + position] ?? '');
      assert.ok(line, `part line for ${name} in:\n${quiet.stdout}`);
      assert.equal(line[1], name);
      assert.equal(Number(line[2]), part.sessions);
      assert.equal(Number(line[3]), part.turns);
      assert.ok(Number(line[4]) > 0);
      assert.equal(Number(line[5]), 0, `${name}: failed checks`);
      assert.equal(Number(line[6]), 0, `${name}: turns that differ`);
    });
    // With the shipped model and node-llama-cpp: its summary; without either: one line saying why it was skipped.
    assert.match(lines[3 + parts.length] ?? '', EMBEDDED_SUMMARY_OR_SKIP);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /nowhere/);
    assert.match(unknown.stderr, /terminal/);
  });

  it('stops quietly when its reader closes the pipe early (`agentworld demo | head -1`)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled|Error/, stderr);
    assert.equal(code, 0);
  });
});

const llamaInstalled = await nodeLlamaCppInstalled();

describe('agentworld demo: the embedded-model part', { concurrency: 2 }, () => {
  const folder = temporaryFolder('demo-embedded');
  const formulaModel = join(folder.path, 'formula.gguf');
  before(async () => {
    // A tiny model with formula weights (no trained model needed): its screens are noise, but every step
    // goes through node-llama-cpp and the real Session.
    await writeFormulaModel(formulaModel);
  });
  after(() => folder.remove());

  it('a model that cannot load is skipped in one line, and the demo still succeeds', async () => {
    const missing = join(folder.path, 'no-such-model.gguf');
    const [absent, records] = await Promise.all([
      runCli(['demo', '--quiet', '--domain', 'terminal', '--local-model', missing]),
      bundledRecords(),
    ]);
    assert.equal(absent.code, 0, absent.stdout + absent.stderr);
    const terminal = records.filter((record) => record.spec.domain === 'terminal');
    assert.ok(terminal.length > 0);
    assert.equal(
      Number(SUMMARY.exec(absent.stdout)?.[1]),
      terminal.length,
      '--domain terminal: its sessions only',
    );
    assert.match(absent.stdout, /; 0 turns differ/);
    const skipLines = absent.stdout.split('\n').filter((line) => line.startsWith('Embedded model'));
    assert.equal(skipLines.length, 1, absent.stdout);
    assert.match(skipLines[0] ?? '', /^Embedded model: skipped — .*no-such-model\.gguf/);
    assert.doesNotMatch(absent.stdout, EMBEDDED_SUMMARY);
  });

  it('runs a closed-loop terminal session on node-llama-cpp, labelled as simulated, with per-step latency', {
    skip: !llamaInstalled && 'node-llama-cpp is not installed',
  }, async () => {
    const run = await runCli(['demo', '--domain', 'terminal', '--local-model', formulaModel]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, ANSI_ESCAPE);
    const lines = run.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('=== terminal · example-terminal-embedded · '));
    assert.ok(header > 0, 'the embedded session has its own header');
    const replayHeaders = lines.slice(0, header).filter((line) => line.startsWith('=== '));
    assert.ok(replayHeaders.length > 0);
    for (const replayed of replayHeaders) assert.match(replayed, /^=== terminal · .* · recorded with /);
    assert.match(
      lines[header] ?? '',
      /simulated by the embedded model formula\.gguf@[0-9a-f]{12} on this CPU — not a real shell$/,
    );
    assert.ok(lines.indexOf('user@sim:~$ ', header) > header, 'the first screen is the trained prompt');
    const part = lines.slice(header);
    const actions = part.filter((line) => line.startsWith('--- action '));
    assert.equal(actions.length, 6);
    assert.match(actions[0] ?? '', /"mkdir notes\\n"/);
    const steps = part.filter((line) => /^turn \d+ · simulated by local model=formula\.gguf@/.test(line));
    assert.equal(steps.length, 6, 'every step names the engine and the model');
    for (const step of steps) assert.match(step, / · \d+\.\d ms/, 'with its latency');
    const echoes = part.filter(
      (line) => line.startsWith('user@sim:~$ ') && line.length > 'user@sim:~$ '.length,
    );
    assert.ok(echoes.length >= 6, 'each command is echoed after the prompt');
    const summary = EMBEDDED_SUMMARY.exec(run.stdout);
    assert.ok(summary, run.stdout.slice(-600));
    assert.equal(summary[1], '6');
    assert.match(summary[2] ?? '', /^formula\.gguf@[0-9a-f]{12}$/);
  });
});
