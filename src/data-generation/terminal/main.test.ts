import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type SessionRecord, SessionRecordSchema } from '../../core/turn.js';
import { findBwrap } from '../../engines/real/sandbox/find-bwrap.js';
import { TRAINING_FAMILY_NAMES } from './families/training-families.js';

const run = promisify(execFile);
const mainScript = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
const bwrapPath = findBwrap();
const skip =
  bwrapPath === undefined ? 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' : false;
const COUNT = 16;
const SEED = 5;

/** Runs the real CLI in its own process. */
async function generate(out: string, workers: number, concurrency: number): Promise<void> {
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      mainScript,
      '--out',
      out,
      '--count',
      String(COUNT),
      '--seed',
      String(SEED),
      '--workers',
      String(workers),
      '--concurrency',
      String(concurrency),
      '--quiet',
    ],
    { timeout: 600_000 }, // a hang guard: a busy machine makes it slower, not wrong
  );
}

/** Every JSON line of every shard, by session id. */
function linesById(out: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const name of readdirSync(out).filter((file) => /^shard-\d+\.jsonl$/.test(file))) {
    for (const line of readFileSync(join(out, name), 'utf8').split('\n')) {
      if (line === '') continue;
      lines.set((JSON.parse(line) as { id: string }).id, line);
    }
  }
  return lines;
}

/** The shell's identity a generated record's spec gives. */
function identityOf(record: SessionRecord): { user: string; host: string; home: string; cwd: string } {
  return record.spec.initialState.data as { user: string; host: string; home: string; cwd: string };
}

/** With user `user` on host `sim`: `user@sim:~/a$ ` → `~/a` (root's prompt ends in `# `). */
function promptDirectory(prompt: string, record: SessionRecord): string {
  const { user, host } = identityOf(record);
  const symbol = user === 'root' ? '#' : '\\$';
  const match = new RegExp(`^${user}@${host.replace(/[.-]/g, '\\$&')}:(.*)${symbol} $`).exec(prompt);
  assert.ok(match, `not a prompt: ${JSON.stringify(prompt)}`);
  return match[1] as string;
}

/** How bash shows a directory in the prompt (`\\w`): the home directory as `~`. */
function shownDirectory(directory: string, home: string): string {
  if (directory === home) return '~';
  return directory.startsWith(`${home}/`) ? `~${directory.slice(home.length)}` : directory;
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

function familyOf(turn: SessionRecord['turns'][number]): { family: string; exitStatus: number } {
  const event = turn.events.find((item) => item.type === 'datagen.family');
  assert.ok(event?.data, 'every turn names its family');
  return event.data as { family: string; exitStatus: number };
}

describe('datagen CLI (real sessions)', { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), 'agentworld-datagen-test-'));
  const first = join(root, 'first');
  const second = join(root, 'second');
  let records: SessionRecord[] = [];

  before(async () => {
    // Two runs in separate processes, split differently over workers: the sessions must not depend on it.
    await Promise.all([generate(first, 2, 2), generate(second, 1, 3)]);
    records = [...linesById(first).values()].map((line) => SessionRecordSchema.parse(JSON.parse(line)));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes one shard per worker and a summary', () => {
    assert.deepEqual(readdirSync(first).sort(), ['shard-0.jsonl', 'shard-1.jsonl', 'summary.json']);
    const summary = JSON.parse(readFileSync(join(first, 'summary.json'), 'utf8')) as {
      summary: { sessions: number; turns: number };
    };
    assert.equal(summary.summary.sessions, records.length);
    assert.ok(records.length >= COUNT - 2, `only ${records.length} of ${COUNT} sessions`);
    assert.equal(
      summary.summary.turns,
      records.reduce((sum, record) => sum + record.turns.length, 0),
    );
  });

  it('regenerates byte-identical sessions in another process', () => {
    const again = linesById(second);
    const original = linesById(first);
    assert.deepEqual([...again.keys()].sort(), [...original.keys()].sort());
    for (const [id, line] of original) assert.equal(again.get(id), line, id);
  });

  it('records valid terminal sessions in the recorder layout', () => {
    for (const record of records) {
      assert.equal(record.spec.domain, 'terminal');
      assert.equal(record.spec.dialect, 'terminus');
      const identity = identityOf(record);
      assert.equal(
        promptDirectory(record.initialObservation, record),
        shownDirectory(identity.cwd, identity.home),
      );
      assert.ok(record.turns.length >= 4 && record.turns.length <= 24);
      let prompt = record.initialObservation;
      let bytes = 0;
      for (const turn of record.turns) {
        const action = turn.action as Array<{ keystrokes: string; duration: number }>;
        assert.equal(action.length, 1);
        const keystrokes = action[0]?.keystrokes ?? '';
        assert.match(keystrokes, /\n$/);
        assert.equal(action[0]?.duration, 1);
        assert.equal(turn.provenance.source, 'real');
        assert.match(turn.provenance.promptHash, /^[0-9a-f]{64}$/);
        assert.ok(TRAINING_FAMILY_NAMES.includes(familyOf(turn).family));
        // The previous prompt, the command as typed (continuation lines after "> "), then the output.
        const typed = keystrokes.slice(0, -1).split('\n').join('\n> ');
        assert.ok(turn.observation.startsWith(`${prompt}${typed}\n`), turn.observation);
        prompt = lastLine(turn.observation);
        promptDirectory(prompt, record);
        bytes += turn.observation.length + keystrokes.length;
      }
      assert.ok(bytes <= 1900, `${record.id}: ${bytes} bytes`);
    }
  });

  it('shows the new directory in the prompt after a cd', () => {
    let checked = 0;
    for (const record of records) {
      const identity = identityOf(record);
      let directory = shownDirectory(identity.cwd, identity.home);
      for (const turn of record.turns) {
        const keystrokes = (turn.action as Array<{ keystrokes: string }>)[0]?.keystrokes ?? '';
        const after = promptDirectory(lastLine(turn.observation), record);
        const target = /^cd ([A-Za-z0-9_-][A-Za-z0-9._-]*)\n$/.exec(keystrokes)?.[1];
        if (target !== undefined && familyOf(turn).exitStatus === 0) {
          assert.equal(after, `${directory === '/' ? '' : directory}/${target}`, keystrokes);
          checked += 1;
        }
        if (/^cd\n$|^cd ~\n$/.test(keystrokes)) assert.equal(after, '~');
        directory = after;
      }
    }
    assert.ok(checked >= 2, `only ${checked} cd turns checked`);
  });

  it('varies the shell: the classic user, root in a container workspace and named users', () => {
    const identities = records.map(identityOf);
    assert.ok(identities.some((identity) => identity.user === 'user' && identity.host === 'sim'));
    assert.ok(identities.some((identity) => identity.user === 'root' && identity.cwd === '/workspace'));
    assert.ok(identities.some((identity) => !['user', 'root'].includes(identity.user)));
    for (const identity of identities) {
      assert.equal(identity.home, identity.user === 'root' ? '/root' : `/home/${identity.user}`);
    }
  });

  it('holds real failures: permission denied and command not found', () => {
    const observations = records.flatMap((record) => record.turns.map((turn) => turn.observation));
    assert.ok(observations.some((text) => /: Permission denied\n/.test(text)));
    assert.ok(observations.some((text) => /^bash: [^:\n]+: command not found$/m.test(text)));
    const failed = records
      .flatMap((record) => record.turns)
      .filter((turn) => familyOf(turn).exitStatus !== 0);
    const share = failed.length / records.reduce((sum, record) => sum + record.turns.length, 0);
    assert.ok(share > 0.08 && share < 0.35, `failure share ${share}`);
  });
});
