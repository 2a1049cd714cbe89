import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { programWrites } from './program-writes.js';

describe('programWrites: what a program outside the twin may change', () => {
  it('knows tar’s archive and extraction directory', () => {
    assert.deepEqual(programWrites('tar', ['czf', 'o.tar.gz', 'orbit'], '/w'), ['/w/o.tar.gz']);
    assert.deepEqual(programWrites('tar', ['-xzf', 'o.tar.gz', '-C', 'out'], '/w'), ['/w/out']);
    assert.deepEqual(programWrites('tar', ['tzf', 'o.tar.gz'], '/w'), []);
    assert.equal(programWrites('tar', ['--create', 'x'], '/w'), undefined);
  });

  it('knows gzip’s operands and their .gz, and that -c and checksums write nothing', () => {
    assert.deepEqual(programWrites('gzip', ['-k', 'a.txt'], '/w'), ['/w/a.txt', '/w/a.txt.gz']);
    assert.deepEqual(programWrites('gunzip', ['-c', 'a.txt.gz'], '/w'), []);
    assert.deepEqual(programWrites('sha256sum', ['a', 'b'], '/w'), []);
    assert.equal(programWrites('python3', ['x.py'], '/w'), undefined);
    assert.equal(programWrites('gzip', ['-r', 'dir'], '/w'), undefined);
  });
});
