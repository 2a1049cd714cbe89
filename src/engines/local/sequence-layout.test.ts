import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SessionRecordSchema } from '../../core/turn.js';
import { findPython } from './python-probe.js';
import {
  BOS_ID,
  buildSequence,
  byteIds,
  commandOfAction,
  EOS_ID,
  idsToText,
  renderEcho,
  SYSTEM_LINE,
  sessionSequence,
  splitObservation,
} from './sequence-layout.js';

const fixture = join(process.cwd(), 'training', 'fixtures', 'sessions.jsonl');
const records = readFileSync(fixture, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));

describe('terminal byte layout', () => {
  it('gives the same ids and loss mask as training/layout.py for every fixture session', (context) => {
    const interpreter = findPython();
    if (interpreter === undefined) {
      context.skip('python3 is not installed');
      return;
    }
    const dumped = spawnSync(interpreter, [join('training', 'layout.py'), 'dump', fixture], {
      encoding: 'utf8',
    });
    assert.equal(dumped.status, 0, dumped.stderr);
    const fromPython = dumped.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; ids: number[] | null; lossMask: number[] | null });
    assert.equal(fromPython.length, records.length);
    let compared = 0;
    for (const [index, record] of records.entries()) {
      const expected = fromPython[index];
      assert.equal(expected?.id, record.id);
      const sequence = sessionSequence(record);
      if (expected?.ids === null) {
        assert.equal(sequence, undefined, `${record.id} fits the layout in TypeScript only`);
        continue;
      }
      assert.deepEqual(sequence?.ids, expected?.ids, record.id);
      assert.deepEqual(sequence?.lossMask, expected?.lossMask, record.id);
      compared++;
    }
    assert.ok(compared >= 5, `compared ${compared} sessions`);
  });

  it('lays out a session as <s> system line, then echo, target and </s> per turn, loss on targets only', () => {
    const record = records.find((candidate) => candidate.id === 'fixture-files');
    assert.ok(record !== undefined);
    const sequence = sessionSequence(record);
    assert.ok(sequence !== undefined);
    assert.equal(sequence.ids[0], BOS_ID);
    const head = 1 + byteIds(SYSTEM_LINE).length;
    assert.equal(idsToText(sequence.ids.slice(1, head)), SYSTEM_LINE);
    const firstEcho = 'user@sim:~$ mkdir notes\n';
    assert.equal(idsToText(sequence.ids.slice(head, head + firstEcho.length)), firstEcho);
    assert.ok(sequence.lossMask.slice(0, head + firstEcho.length).every((bit) => bit === 0));
    const targetEnd = sequence.ids.indexOf(EOS_ID);
    assert.equal(idsToText(sequence.ids.slice(head + firstEcho.length, targetEnd)), 'user@sim:~$ ');
    assert.ok(sequence.lossMask.slice(head + firstEcho.length, targetEnd + 1).every((bit) => bit === 1));
    assert.equal(sequence.ids.filter((id) => id === EOS_ID).length, record.turns.length);
  });

  it('splits echo from target, multi-line commands and output without a final newline included', () => {
    assert.deepEqual(splitObservation('user@sim:~$ printf x\nxuser@sim:~$ ', 'printf x'), {
      echo: 'user@sim:~$ printf x\n',
      target: 'xuser@sim:~$ ',
    });
    const heredoc = "cat <<'EOF'\nline one\nEOF";
    assert.equal(renderEcho('p$ ', heredoc), "p$ cat <<'EOF'\n> line one\n> EOF\n");
    assert.deepEqual(splitObservation("p$ cat <<'EOF'\n> line one\n> EOF\nline one\np$ ", heredoc), {
      echo: "p$ cat <<'EOF'\n> line one\n> EOF\n",
      target: 'line one\np$ ',
    });
    assert.equal(splitObservation('p$ ls -a\n.\np$ ', 'ls'), undefined);
    assert.equal(splitObservation('ls\nfile\n', 'ls'), undefined);
  });

  it('accepts only one-command actions that press Enter', () => {
    assert.equal(commandOfAction([{ keystrokes: 'ls -a\n', duration: 1 }]), 'ls -a');
    assert.equal(commandOfAction([{ keystrokes: 'ls -a', duration: 1 }]), undefined);
    assert.equal(commandOfAction([{ keystrokes: 'C-c', duration: 1 }]), undefined);
    assert.equal(commandOfAction([{ keystrokes: '\n', duration: 1 }]), undefined);
    assert.equal(
      commandOfAction([
        { keystrokes: 'ls\n', duration: 1 },
        { keystrokes: 'pwd\n', duration: 1 },
      ]),
      undefined,
    );
  });

  it('encodes bytes, not characters', () => {
    assert.deepEqual(byteIds('é'), [3 + 0xc3, 3 + 0xa9]);
    assert.equal(idsToText([1, ...byteIds('naïve ✓'), 2]), 'naïve ✓');
    assert.equal(buildSequence([]).ids.length, 1 + SYSTEM_LINE.length);
  });
});
