import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { ANONYMOUS_OWNER } from '../../src/server/sessions/owner.js';
import { SessionRepository } from '../../src/server/sessions/session-repository.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { openStore } from '../../src/store/index.js';
import { startPostgresServer } from '../helpers/index.js';
import { CLI_HANG_GUARD_MS, cliEnvironment, REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const shell = (line: string): string => JSON.stringify([{ keystrokes: `${line}\n`, duration: 1 }]);

function readOut(path: string): SessionRecord[] {
  return parseSessionLines(readFileSync(path, 'utf8'), path);
}

async function storedTurns(storePath: string, id: string): Promise<{ turns: number; closed: boolean }> {
  const store = await openStore(storePath);
  try {
    const stored = await new SessionRepository(store).load(id);
    assert.ok(stored, `session ${id} is in the store`);
    return { turns: stored.record.turns.length, closed: stored.record.closed };
  } finally {
    await store.close();
  }
}

describe('agentworld record', { timeout: CLI_HANG_GUARD_MS * 3 }, () => {
  let folder: ReturnType<typeof temporaryFolder>;
  before(() => {
    folder = temporaryFolder('record');
  });
  after(() => folder.remove());

  it('records a real terminal session (bash in bubblewrap) from an actions file to the store and --out', async () => {
    const actions = join(folder.path, 'terminal.jsonl');
    writeFileSync(actions, `${shell('echo hi')}\n\n${shell('cd /tmp && pwd')}\n`);
    const out = join(folder.path, 'terminal-out.jsonl');
    const store = join(folder.path, 'terminal.db');
    const run = await runCli(['record', 'terminal', '--actions', actions, '--out', out, '--store', store]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^hi$/m);
    const records = readOut(out);
    assert.equal(records.length, 1);
    const [record] = records as [SessionRecord];
    assert.equal(record.closed, true);
    assert.equal(record.turns.length, 2);
    assert.match(record.turns[0]?.observation ?? '', /^hi$/m);
    assert.match(record.turns[1]?.observation ?? '', /^\/tmp$/m);
    for (const turn of record.turns) {
      assert.equal(turn.provenance.source, 'real');
      assert.equal(turn.provenance.engine, 'real');
      assert.ok(turn.timing.totalMs >= 0 && typeof turn.timing.startedAt === 'string');
    }
    assert.equal(record.labels.recordedBy, 'agentworld record');
    assert.deepEqual(await storedTurns(store, record.id), { turns: 2, closed: true });
  });

  it('records into PostgreSQL named by AGENTWORLD_STORE, turn by turn, and prints the URL without its password', async () => {
    const postgres = await startPostgresServer();
    try {
      const url = await postgres.createDatabase();
      const withPassword = url.replace('postgres@', 'postgres:not-shown@');
      const actions = join(folder.path, 'postgres.jsonl');
      writeFileSync(actions, `${shell('echo hi')}\n${shell('pwd')}\n`);
      const run = await runCli(['record', 'terminal', '--actions', actions], {
        env: { AGENTWORLD_STORE: withPassword },
      });
      assert.equal(run.code, 0, run.stderr);
      assert.ok(!run.stderr.includes('not-shown'), run.stderr);
      assert.match(run.stderr, /postgres:\*\*\*@127\.0\.0\.1/);
      const store = await openStore(url);
      try {
        const [summary] = await store.listSessionsByOwner(ANONYMOUS_OWNER, { includeClosed: true });
        assert.ok(summary !== undefined, 'the session is in PostgreSQL');
        assert.deepEqual(await storedTurns(url, summary.id), { turns: 2, closed: true });
      } finally {
        await store.close();
      }
    } finally {
      await postgres.destroy();
    }
  });

  it('stops at a malformed action line, naming it, and keeps the turns before it in both', async () => {
    const actions = join(folder.path, 'bad.jsonl');
    writeFileSync(
      actions,
      `${shell('echo one')}\n${shell('echo two')}\nnot json at all\n${shell('echo never')}\n`,
    );
    const out = join(folder.path, 'bad-out.jsonl');
    const store = join(folder.path, 'bad.db');
    const run = await runCli(['record', 'terminal', '--actions', actions, '--out', out, '--store', store]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /bad\.jsonl:3: not a JSON action/);
    const [record] = readOut(out) as [SessionRecord];
    assert.equal(record.turns.length, 2);
    assert.equal(record.closed, false);
    assert.doesNotMatch(JSON.stringify(record.turns), /never/);
    assert.deepEqual(await storedTurns(store, record.id), { turns: 2, closed: false });
  });

  it('keeps the committed turns when killed (SIGKILL), and a re-run does not duplicate them', async () => {
    const out = join(folder.path, 'kill-out.jsonl');
    const store = join(folder.path, 'kill.db');
    const home = temporaryFolder('record-home');
    try {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'record',
          'terminal',
          '--actions',
          '-',
          '--out',
          out,
          '--store',
          store,
        ],
        { cwd: REPO_ROOT, env: cliEnvironment({}, home.path), stdio: ['pipe', 'pipe', 'pipe'] },
      );
      const closed = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('close', (_code, signal) => resolve(signal)),
      );
      child.stdout.resume();
      child.stderr.resume();
      child.stdin.write(`${shell('echo first')}\n${shell('echo second')}\n`);
      // Wait (hang guard only) until both turns are committed, then kill without warning; stdin stays open.
      const deadline = Date.now() + CLI_HANG_GUARD_MS;
      while (!(existsSync(out) && readOut(out)[0]?.turns.length === 2)) {
        assert.ok(Date.now() < deadline, 'the two turns were never committed');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child.kill('SIGKILL');
      assert.equal(await closed, 'SIGKILL');
    } finally {
      home.remove();
    }
    const [killed] = readOut(out) as [SessionRecord];
    assert.equal(readOut(out).length, 1);
    assert.equal(killed.turns.length, 2);
    assert.equal(killed.closed, false);
    assert.deepEqual(await storedTurns(store, killed.id), { turns: 2, closed: false });

    const rerun = await runCli(['record', 'terminal', '--actions', '-', '--out', out, '--store', store], {
      stdin: `${shell('echo again')}\n`,
    });
    assert.equal(rerun.code, 0, rerun.stderr);
    const records = readOut(out);
    assert.equal(records.length, 2);
    assert.equal(new Set(records.map((record) => record.id)).size, 2);
    assert.equal(records[0]?.id, killed.id);
    assert.equal(records[0]?.turns.length, 2);
    assert.equal(records[1]?.turns.length, 1);
    assert.deepEqual(await storedTurns(store, killed.id), { turns: 2, closed: false });
    assert.deepEqual(await storedTurns(store, records[1]?.id as string), { turns: 1, closed: true });
  });

  it('records an mcp world against the real everything server, several sessions with seeds', async () => {
    const actions = join(folder.path, 'mcp.json');
    writeFileSync(
      actions,
      JSON.stringify([{ name: 'echo', arguments: { message: 'recorded hello' } }], null, 2),
    );
    const out = join(folder.path, 'mcp-out.jsonl');
    const run = await runCli([
      'record',
      'mcp',
      '--real-server',
      'everything',
      '--actions',
      actions,
      '--out',
      out,
      '--no-store',
      '--sessions',
      '2',
      '--seed',
      '5',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const records = readOut(out);
    assert.deepEqual(
      records.map((record) => record.seed),
      [5, 6],
    );
    for (const record of records) {
      assert.equal(record.closed, true);
      assert.equal(record.turns.length, 1);
      assert.equal(record.turns[0]?.provenance.source, 'real');
      assert.match(record.turns[0]?.observation ?? '', /recorded hello/);
    }
  });
});
