import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longLines, modeString, timeText, UnknownFacts } from './gnu-ls-long.js';
import { materialize, type VirtualFiles } from './virtual-files.js';

// Expected texts as GNU ls (coreutils 9.1) prints them; the conformance suite checks the rest against real bash.
describe('ls -l facts', () => {
  it('spells modes as GNU does, special bits included', () => {
    assert.equal(modeString('file', 0o644), '-rw-r--r--');
    assert.equal(modeString('directory', 0o1777), 'drwxrwxrwt');
    assert.equal(modeString('file', 0o4754), '-rwsr-xr--');
    assert.equal(modeString('file', 0o2640), '-rw-r-S---');
  });

  it('shows a time within six months with its minute, an older or future one with its year', () => {
    const now = new Date(2026, 11, 7, 15, 31).getTime();
    assert.equal(timeText(new Date(2026, 11, 7, 9, 5).getTime(), now), 'Dec  7 09:05');
    assert.equal(timeText(new Date(2026, 0, 20, 9, 5).getTime(), now), 'Jan 20  2026');
    assert.equal(timeText(new Date(2026, 11, 8, 9, 5).getTime(), now), 'Dec  8  2026');
  });

  it('aligns the twin’s own entries with tmpfs sizes and declines an entry of unknown time', async () => {
    // A minute ago: shown with its minute (timeText above checks the formats themselves).
    const time = Date.now() - 60_000;
    const shown = timeText(time, Date.now());
    const files: VirtualFiles = new Map([
      ['/workspace', { kind: 'directory', mode: 0o755 }],
      ['/workspace/src', { kind: 'directory', mode: 0o755, mtimeMs: time }],
      [
        '/workspace/a.txt',
        { kind: 'file', mode: 0o644, content: new TextEncoder().encode('hello\n'), mtimeMs: time },
      ],
    ]);
    const fs = await materialize(files);
    const context = { fs, roots: ['/workspace'], before: files, user: 'root' };
    const { lines, blocks } = await longLines(context, [
      { name: 'a.txt', path: '/workspace/a.txt' },
      { name: 'src', path: '/workspace/src' },
    ]);
    assert.equal(blocks, 4);
    assert.equal(lines[0], `-rw-r--r-- 1 root root  6 ${shown} a.txt`);
    assert.equal(lines[1], `drwxr-xr-x 2 root root 40 ${shown} src`);
    await assert.rejects(longLines(context, [{ name: '.', path: '/workspace' }]), UnknownFacts);
    await assert.rejects(
      longLines({ ...context, user: 'user' }, [{ name: 'a.txt', path: '/workspace/a.txt' }]),
      UnknownFacts,
    );
  });
});
