import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auroc, chooseThreshold, flagRates, type ScoredTurn } from './confidence-calibration.js';

const turn = (minProbability: number, right: boolean): ScoredTurn => ({ minProbability, right });

describe('confidence calibration measures', () => {
  it('AUROC: 1 when every wrong turn scores below every right one, 0 reversed, 0.5 for ties', () => {
    assert.equal(auroc([turn(0.2, false), turn(0.3, false), turn(0.9, true), turn(0.99, true)]), 1);
    assert.equal(auroc([turn(0.9, false), turn(0.2, true)]), 0);
    assert.equal(auroc([turn(0.5, false), turn(0.5, true)]), 0.5);
    // One of the two wrong turns below both right ones, the other between them: (2 + 1) / 4.
    assert.equal(auroc([turn(0.1, false), turn(0.6, false), turn(0.5, true), turn(0.9, true)]), 0.75);
    assert.ok(Number.isNaN(auroc([turn(0.5, true)])));
  });

  it('the chosen threshold flags at most the allowed share of right turns, as many wrong ones as it can', () => {
    // 20 right turns at 0.80, 0.81, … 0.99 and wrong turns at 0.3, 0.7 and 0.95.
    const right = Array.from({ length: 20 }, (_, index) => turn(0.8 + index / 100, true));
    const turns = [...right, turn(0.3, false), turn(0.7, false), turn(0.95, false)];
    const threshold = chooseThreshold(turns, 0.05);
    assert.equal(threshold, 0.81);
    const rates = flagRates(turns, threshold);
    assert.equal(rates.flaggedRight, 1 / 20);
    assert.equal(rates.flaggedWrong, 2 / 3);
    assert.equal(rates.flaggedAccuracy, 1 / 3);
    assert.equal(rates.unflaggedAccuracy, 19 / 20);
    assert.equal(chooseThreshold(turns, 0), 0.8);
    assert.equal(flagRates(turns, 0.8).flaggedRight, 0);
    assert.equal(chooseThreshold([turn(0.4, false)], 0.05), 0);
  });
});
