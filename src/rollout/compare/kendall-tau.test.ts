import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { kendallTauB, rankByScore } from './kendall-tau.js';

const close = (actual: number | undefined, expected: number): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
};

describe("Kendall's τ-b", () => {
  it('is 1 for the same order, −1 for the reversed one, whatever the scale', () => {
    close(kendallTauB([1, 2, 3], [0.1, 0.5, 0.9]).tau, 1);
    close(kendallTauB([1, 2, 3, 4], [40, 30, 20, 10]).tau, -1);
  });

  it('counts discordant pairs: one swap of four items is (5 − 1) / 6', () => {
    const result = kendallTauB([1, 2, 3, 4], [1, 3, 2, 4]);
    assert.deepEqual(
      { concordant: result.concordant, discordant: result.discordant, n: result.n },
      { concordant: 5, discordant: 1, n: 4 },
    );
    close(result.tau, 4 / 6);
  });

  it('corrects for ties as τ-b does (scipy.stats.kendalltau gives these values)', () => {
    // One tie in the first scoring: 5 / √(5 · 6).
    close(kendallTauB([1, 2, 2, 3], [1, 2, 3, 4]).tau, 5 / Math.sqrt(30));
    // Ties on both sides, one pair tied in both: (4 − 0) / √(5 · 5).
    const both = kendallTauB([1, 1, 2, 3], [1, 1, 2, 3]);
    assert.deepEqual(
      { tiesFirst: both.tiesFirst, tiesSecond: both.tiesSecond },
      { tiesFirst: 1, tiesSecond: 1 },
    );
    close(both.tau, 1);
    // scipy: kendalltau([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]) = 0.6666…
    close(kendallTauB([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]).tau, 6 / 9);
  });

  it('with two items is ±1, and undefined (never NaN) when nothing can be ranked', () => {
    close(kendallTauB([0.2, 0.8], [0, 1]).tau, 1);
    close(kendallTauB([0.2, 0.8], [1, 0]).tau, -1);
    assert.equal(kendallTauB([], []).tau, undefined);
    assert.equal(kendallTauB([0.5], [0.5]).tau, undefined);
    // Every policy scored the same on one side: no order to agree with.
    assert.equal(kendallTauB([1, 1, 1], [0, 0.5, 1]).tau, undefined);
    assert.equal(kendallTauB([0, 0.5, 1], [0, 0, 0]).tau, undefined);
  });

  it('refuses scorings of different lengths and non-finite scores', () => {
    assert.throws(
      () => kendallTauB([1, 2], [1]),
      (error) => isAgentWorldError(error, 'INVALID_REQUEST'),
    );
    assert.throws(
      () => kendallTauB([1, Number.NaN], [1, 2]),
      (error) => isAgentWorldError(error, 'INVALID_REQUEST'),
    );
  });
});

describe('rankByScore', () => {
  it('ranks highest first, ties share a rank (1224), unscored items are left out', () => {
    assert.deepEqual(
      rankByScore([
        { id: 'noop', score: 0 },
        { id: 'solution', score: 1 },
        { id: 'chat', score: undefined },
        { id: 'partial', score: 0.5 },
        { id: 'also-partial', score: 0.5 },
      ]),
      [
        { id: 'solution', score: 1, rank: 1 },
        { id: 'partial', score: 0.5, rank: 2 },
        { id: 'also-partial', score: 0.5, rank: 2 },
        { id: 'noop', score: 0, rank: 4 },
      ],
    );
  });
});
