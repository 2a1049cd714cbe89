import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promptWindow } from './context-window.js';

/** A 2,048-token context, as the shipped model has; 38 head tokens; echoes reserve 96. */
const base = { contextSize: 2048, headLength: 38, echoLength: 30, echoReserve: 96 };

describe('promptWindow', () => {
  it('keeps a whole session that fits beside a typical output, as the model saw sessions in training', () => {
    const turnLengths = Array.from({ length: 14 }, () => 100); // 1,400 tokens of history
    assert.equal(promptWindow({ ...base, turnLengths, outputReserve: 256 }), 0);
    // Keeping the largest output free instead (768) would drop the start of the session and its state.
    assert.ok((promptWindow({ ...base, turnLengths, outputReserve: 768 }) ?? 0) > 0);
  });

  it('moves the window in a jump to half the budget when the history no longer fits', () => {
    const turnLengths = Array.from({ length: 20 }, () => 100);
    // Budget 2,048 − 256 − 38 − 96 = 1,658: the 17th turn overflows it, the window drops to half (9 turns out),
    // and the next turns extend that window instead of moving it again.
    assert.equal(promptWindow({ ...base, turnLengths: turnLengths.slice(0, 16), outputReserve: 256 }), 0);
    assert.equal(promptWindow({ ...base, turnLengths: turnLengths.slice(0, 17), outputReserve: 256 }), 9);
    assert.equal(promptWindow({ ...base, turnLengths, outputReserve: 256 }), 9);
  });

  it('drops as many more turns as a long echo needs, and gives up only when the echo alone is too long', () => {
    const turnLengths = [500, 500, 500];
    assert.equal(promptWindow({ ...base, turnLengths, echoLength: 30, outputReserve: 256 }), 0);
    assert.equal(promptWindow({ ...base, turnLengths, echoLength: 600, outputReserve: 256 }), 1);
    assert.equal(promptWindow({ ...base, turnLengths, echoLength: 1800, outputReserve: 256 }), undefined);
  });
});
