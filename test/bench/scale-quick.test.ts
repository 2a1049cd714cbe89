/**
 * bench/scale end to end with its smallest configuration (`--quick`): a real PostgreSQL and Redis, `agentworld
 * worker` processes, env server processes behind the round-robin proxy, scripted model servers. It checks the
 * printed tables, that every queued item was completed exactly once, that every HTTP step was answered (each
 * session's consecutive steps on different servers), and that nothing the bench started is left running and no
 * temporary file is left behind. It measures nothing and asserts no time.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../cli/run-cli.js';

interface BenchRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every process seen below the bench while it ran, with its command line. */
  readonly descendants: ReadonlyMap<number, string>;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return undefined;
  }
}

/** Adds the live descendants of `root` to `seen`. */
function collectDescendants(root: number, seen: Map<number, string>): void {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent !== undefined) parents.set(Number(entry), parent);
  }
  const below = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!below.has(pid) && below.has(parent)) {
        below.add(pid);
        grew = true;
      }
    }
  }
  below.delete(root);
  for (const pid of below) {
    const command = commandOf(pid);
    if (command !== undefined && command !== '' && !seen.has(pid)) seen.set(pid, command);
  }
}

function runBench(args: readonly string[], temporary: string): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/scale/run.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, TMPDIR: temporary },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const descendants = new Map<number, string>();
    const watch = setInterval(() => collectDescendants(child.pid as number, descendants), 200);
    // A hang guard, not a speed requirement.
    const guard = setTimeout(() => child.kill('SIGINT'), 900_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(watch);
      clearTimeout(guard);
      resolve({ code, stdout, stderr, descendants });
    });
  });
}

/** The table lines of a part: from its numbered title to the next blank line. */
function partLines(stdout: string, number: number): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${number}. `));
  assert.ok(start >= 0, `part ${number} is printed:\n${stdout}`);
  const end = lines.findIndex((line, index) => index > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('bench/scale --quick (real processes)', () => {
  let temporary = '';
  let run: BenchRun;

  before(async () => {
    temporary = mkdtempSync(join(tmpdir(), 'agentworld-scale-test-'));
    // PostgreSQL runs as the postgres user when we are root: it must reach its data folder in here.
    chmodSync(temporary, 0o755);
    run = await runBench(['--quick'], temporary);
  });
  after(() => {
    rmSync(temporary, { recursive: true, force: true });
  });

  it('prints the machine, all three parts and done, and exits with 0', () => {
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^bench\/scale --quick .* parts: queue, store, http$/m);
    assert.match(run.stdout, /^machine: .*, \d+ CPU cores/m);
    assert.match(run.stdout, /\ndone\n$/);
  });

  it('queue: rows and episodes with 1 and 2 workers, ratios, and every item completed exactly once', () => {
    const lines = partLines(run.stdout, 1);
    assert.match(
      lines[0] as string,
      /agentworld worker processes \(--concurrency 1 each\).*200 ms; \d+ CPU cores/,
    );
    const rows = lines
      .map((line) =>
        /^(infer rows|rollout episodes)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)\s+(\S+)$/.exec(
          line,
        ),
      )
      .filter((match) => match !== null);
    assert.deepEqual(
      rows.map((match) => [match[1], Number(match[2]), Number(match[3])]),
      [
        ['infer rows', 1, 3],
        ['infer rows', 2, 6],
        ['rollout episodes', 1, 1],
        ['rollout episodes', 2, 2],
      ],
    );
    for (const match of rows) {
      // The per-worker split adds up to the items; with 2 workers each wrote at least one.
      const split = (match[8] as string).split('/').map(Number);
      assert.equal(
        split.reduce((sum, count) => sum + count, 0),
        Number(match[3]),
      );
      assert.ok(Number(match[5]) > 0, 'a rate is printed');
      assert.ok(Number(match[6]) > 0, 'a ratio to N × the one-worker rate is printed');
    }
    assert.ok(lines.some((line) => /^ {2}infer rows: (≥ 0\.8 × N up to|stops scaling at)/.test(line)));
    assert.ok(lines.some((line) => /^ {2}rollout episodes: (≥ 0\.8 × N up to|stops scaling at)/.test(line)));
    // Warm-up (2N rows, N episodes) and the measured runs (3N rows, N episodes): 7 jobs per worker.
    assert.ok(
      lines.includes(
        '  exactly once, 1 worker: yes (7 jobs enqueued, workers report 7 done, 0 already done, 0 failed; one result per item)',
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes(
        '  exactly once, 2 workers: yes (14 jobs enqueued, workers report 14 done, 0 already done, 0 failed; one result per item)',
      ),
      lines.join('\n'),
    );
  });

  it('store: appendTurn on SQLite and PostgreSQL, one writer and 16 sessions, with the ratio', () => {
    const lines = partLines(run.stdout, 2);
    const rows = lines
      .map((line) => /^(sqlite|postgres)\s+(1 \(seq\)|16)\s+(\d+)\s+([\d.]+)\s+(\d+)$/.exec(line))
      .filter((match) => match !== null);
    assert.deepEqual(
      rows.map((match) => [match[1], match[2], Number(match[3])]),
      [
        ['sqlite', '1 (seq)', 20],
        ['sqlite', '16', 32],
        ['postgres', '1 (seq)', 20],
        ['postgres', '16', 32],
      ],
    );
    assert.ok(lines.some((line) => /^ {2}PostgreSQL ÷ SQLite, one writer: [\d.]+$/.test(line)));
    assert.ok(lines.some((line) => /^ {2}PostgreSQL ÷ SQLite, 16 sessions at once: [\d.]+$/.test(line)));
  });

  it('http: 1 server direct, 1 and 2 servers via the proxy, every step answered, sessions moving between servers', () => {
    const lines = partLines(run.stdout, 3);
    const rows = lines
      .map((line) =>
        /^\s*(\d+) ms\s+(1 server direct|1 server via proxy|2 servers via proxy|2 servers, sticky proxy)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(.+)$/.exec(
          line,
        ),
      )
      .filter((match) => match !== null);
    assert.deepEqual(
      rows.map((match) => [Number(match[1]), match[2], Number(match[3]), Number(match[8])]),
      [
        [0, '1 server direct', 12, 0],
        [0, '1 server via proxy', 12, 0],
        [0, '2 servers via proxy', 12, 0],
        [0, '2 servers, sticky proxy', 12, 0],
        [200, '1 server direct', 8, 0],
        [200, '1 server via proxy', 8, 0],
        [200, '2 servers via proxy', 8, 0],
        [200, '2 servers, sticky proxy', 8, 0],
      ],
    );
    for (const match of rows) {
      const split = match[9] as string;
      if (match[2] === '1 server direct') assert.equal(split, '-');
      else if (match[2] === '1 server via proxy') assert.match(split, /^\d+ \(0\)$/);
      else if (match[2] === '2 servers, sticky proxy') {
        // Both servers took sessions, and no step of a known session moved.
        const counts = /^(\d+)\/(\d+) \((\d+)\)$/.exec(split);
        assert.ok(counts !== null, split);
        assert.ok(Number(counts[1]) > 0 && Number(counts[2]) > 0);
        assert.equal(Number(counts[3]), 0, `no step moved: ${split}`);
      } else {
        // Both servers took requests, and every step of a known session moved to the other server.
        const counts = /^(\d+)\/(\d+) \((\d+)\)$/.exec(split);
        assert.ok(counts !== null, split);
        assert.ok(Number(counts[1]) > 0 && Number(counts[2]) > 0);
        assert.ok(Number(counts[3]) >= Number(match[3]), `every step moved: ${split}`);
      }
    }
    assert.ok(
      lines.some((line) => /^ {2}model 0 ms: proxy cost [+−][\d.]+ ms p50; 2 servers ÷ 1 server/.test(line)),
    );
    assert.ok(
      lines.some((line) =>
        /^ {2}model 200 ms: proxy cost [+−][\d.]+ ms p50; 2 servers ÷ 1 server/.test(line),
      ),
    );
  });

  it('leaves no process it started running and no temporary file behind', () => {
    // PostgreSQL, Redis, workers, env servers, proxies and model servers were all seen while it ran.
    const commands = [...run.descendants.values()];
    for (const expected of [
      'postgres',
      'redis-server',
      ' worker ',
      'server-process.ts',
      'proxy-process.ts',
    ]) {
      assert.ok(
        commands.some((command) => command.includes(expected)),
        `${expected} ran:\n${commands.join('\n')}`,
      );
    }
    const left = [...run.descendants].filter(([pid, command]) => commandOf(pid) === command);
    assert.deepEqual(left, [], 'every process the bench started has exited');
    assert.ok(existsSync(temporary));
    // (tsx keeps its compile cache in TMPDIR/tsx-UID: not the bench's.)
    assert.deepEqual(
      readdirSync(temporary).filter((entry) => !entry.startsWith('tsx-')),
      [],
      'every temporary folder was removed',
    );
  });
});
