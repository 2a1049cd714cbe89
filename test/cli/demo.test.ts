import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { readSessionFile } from '../../src/session/session-file.js';
import { ANSI_ESCAPE, REPO_ROOT, runCli } from './run-cli.js';

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

describe('agentworld demo', { concurrency: 2 }, () => {
  it('replays every bundled recording: labelled REPLAY, 0 differing turns, 0 failed checks', async () => {
    const [run, records] = await Promise.all([runCli(['demo']), bundledRecords()]);
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
    const headers = run.stdout.split('\n').filter((line) => line.startsWith('=== '));
    assert.equal(headers.length, records.length);
  });

  it('--domain terminal replays only the terminal sessions', async () => {
    const [run, records] = await Promise.all([runCli(['demo', '--domain', 'terminal']), bundledRecords()]);
    assert.equal(run.code, 0, run.stderr);
    const terminal = records.filter((record) => record.spec.domain === 'terminal');
    assert.ok(terminal.length > 0);
    const headers = run.stdout.split('\n').filter((line) => line.startsWith('=== '));
    assert.equal(headers.length, terminal.length);
    for (const header of headers) assert.match(header, /^=== terminal · /);
    assert.equal(Number(SUMMARY.exec(run.stdout)?.[1]), terminal.length);
    assert.match(run.stdout, /; 0 turns differ/);
  });

  it('--quiet prints only the title and the summary; an unknown --domain is refused', async () => {
    const [quiet, unknown] = await Promise.all([
      runCli(['demo', '--quiet']),
      runCli(['demo', '--domain', 'nowhere']),
    ]);
    assert.equal(quiet.code, 0);
    const lines = quiet.stdout.split('\n').filter((line) => line.trim() !== '');
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? '', SUMMARY);
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
