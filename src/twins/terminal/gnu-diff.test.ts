import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalDiff } from './gnu-diff.js';

// Expected texts are GNU diffutils 3.8's output for the same files (Debian 12).
describe('normalDiff: GNU diff normal format', () => {
  it('prints one change, deletion or addition hunk after the identical ends', () => {
    assert.equal(normalDiff('a\nb\nc\njade\n', 'a\nb\nc\n'), '4d3\n< jade\n');
    assert.equal(normalDiff('a\nb\nc\n', 'a\nb\nc\njade\n'), '3a4\n> jade\n');
    assert.equal(normalDiff('x\ny\nz\n', 'x\nY1\nY2\nz\n'), '2c2,3\n< y\n---\n> Y1\n> Y2\n');
    assert.equal(normalDiff('', 'x\ny\n'), '0a1,2\n> x\n> y\n');
    assert.equal(normalDiff('a\n', 'a\n'), '');
  });

  it('marks a last line without a newline', () => {
    assert.equal(normalDiff('a\nb', 'a\nc\n'), '2c2\n< b\n\\ No newline at end of file\n---\n> c\n');
  });

  it('declines when the changed part has lines in common (GNU’s hunks depend on its algorithm)', () => {
    assert.equal(normalDiff('p\nq\nr\ns\n', 'q\np\nr\nt\n'), undefined);
    assert.equal(normalDiff('only\n', 'only'), undefined);
  });
});
