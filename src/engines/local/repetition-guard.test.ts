import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_REPETITION_LIMITS, type Repetition, RepetitionGuard } from './repetition-guard.js';
import { byteIds } from './sequence-layout.js';

const LINE_BREAK = byteIds('\n')[0] as number;

/** Feeds `text` byte by byte; the first repetition found and the bytes read up to it. */
function firstRepetition(text: string): { found: Repetition; at: number } | undefined {
  const guard = new RepetitionGuard(LINE_BREAK);
  const ids = byteIds(text);
  for (let index = 0; index < ids.length; index++) {
    const found = guard.push(ids[index] as number);
    if (found !== undefined) return { found, at: index + 1 };
  }
  return undefined;
}

const lsLong = Array.from(
  { length: 60 },
  (_, index) =>
    `-rw-r--r-- 1 root root ${1000 + index * 7} Oct 14 10:42 file-${String(index).padStart(3, '0')}.txt`,
).join('\n');

describe('RepetitionGuard: legit outputs do not trip it', () => {
  const legit: Record<string, string> = {
    'seq 1 100': Array.from({ length: 100 }, (_, index) => String(index + 1)).join('\n'),
    'yes | head -n 500': 'y\n'.repeat(500),
    'the same line 200 times (a log, a file of equal lines)': 'WARNING: retrying connection\n'.repeat(200),
    'a long ls -la listing': lsLong,
    'ls in columns': Array.from({ length: 80 }, (_, index) => `f${index}`).join('  '),
    '80-column separator rules around a test summary':
      `${'='.repeat(80)}\n1 passed in 0.01s\n${'-'.repeat(80)}\n`.repeat(10),
    'a progress bar of one row': `[${'#'.repeat(78)}]\n`,
    'pretty JSON with equal items': JSON.stringify(
      Array.from({ length: 40 }, () => ({ name: 'a', entityType: 'x', observations: [] })),
      null,
      2,
    ),
    'a 159-byte run inside one line': `x${'ab'.repeat(79)}a`,
    'a 32-byte unit 7 times (224 bytes) inside one line': `> ${'abcdefghijklmnopqrstuvwxyz012345'.repeat(7)}`,
    'a path typed 3 times in a row': '/home/user/project/src/'.repeat(3),
  };
  for (const [name, text] of Object.entries(legit)) {
    it(name, () => assert.equal(firstRepetition(text), undefined));
  }
});

describe('RepetitionGuard: runaway outputs trip it', () => {
  it('the issue 13 screen: /workspace/a/a/a… stops after 160 bytes of the run, which starts at the first /a', () => {
    const text = `root@64fd58b770d7:/workspace${'/a'.repeat(400)}`;
    const hit = firstRepetition(text);
    assert.ok(hit !== undefined);
    assert.equal(hit.found.period, 2);
    assert.equal(hit.found.span, DEFAULT_REPETITION_LIMITS.minSpan);
    assert.equal(text.slice(0, hit.found.start + hit.found.period), 'root@64fd58b770d7:/workspace/a');
  });

  it('a one-byte run, and a 32-byte unit repeated 8 times, within one line', () => {
    assert.equal(firstRepetition(`ok ${'z'.repeat(300)}`)?.found.period, 1);
    const unit = 'abcdefghijklmnopqrstuvwxyz012345';
    const hit = firstRepetition(`> ${unit.repeat(9)}`);
    assert.equal(hit?.found.period, 32);
    assert.equal(hit?.at, 2 + 8 * 32);
  });

  it('counts only within the current line: a line break starts over', () => {
    assert.equal(firstRepetition(`${'ab'.repeat(70)}\n${'ab'.repeat(70)}`), undefined);
    assert.ok(firstRepetition(`${'ab'.repeat(70)}\n${'ab'.repeat(80)}`) !== undefined);
  });
});
