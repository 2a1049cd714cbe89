import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JudgeFreeMetrics } from '../schemas.js';
import { auroc, confidenceReport } from './confidence.js';

const sample = (score: number, positive: boolean) => ({ score, positive });

describe('auroc', () => {
  it('is 1 for perfect separation, 0 for inverted, 0.5 for all tied, null for one class', () => {
    assert.equal(auroc([sample(0.9, true), sample(0.8, true), sample(0.2, false)]), 1);
    assert.equal(auroc([sample(0.1, true), sample(0.8, false)]), 0);
    assert.equal(auroc([sample(0.5, true), sample(0.5, false), sample(0.5, true)]), 0.5);
    assert.equal(auroc([sample(0.5, true)]), null);
  });

  it('counts ties as one half (Mann-Whitney): known value 0.75', () => {
    // Pairs (positive, negative): (0.8,0.4)=1 (0.8,0.6)=1 (0.6,0.4)=1 (0.6,0.6)=0.5 (0.3,0.4)=0 (0.3,0.6)=0 → 3.5/6.
    const value = auroc([
      sample(0.8, true),
      sample(0.6, true),
      sample(0.3, true),
      sample(0.4, false),
      sample(0.6, false),
    ]);
    assert.ok(Math.abs((value ?? 0) - 3.5 / 6) < 1e-12);
    // Two of each, one pair tied: (0.9,0.1)=1 (0.9,0.5)=1 (0.5,0.1)=1 (0.5,0.5)=0.5 → 3.5/4.
    assert.equal(
      auroc([sample(0.9, true), sample(0.5, true), sample(0.1, false), sample(0.5, false)]),
      0.875,
    );
  });
});

describe('confidenceReport', () => {
  const metrics = (exact: boolean, similarity: number, state?: boolean): JudgeFreeMetrics => ({
    exact,
    editSimilarity: similarity,
    ...(state === undefined ? {} : { stateChange: { changed: true, correct: state, differences: [] } }),
  });
  const line = (confidence: number, value: JudgeFreeMetrics) => ({
    confidence: { tokens: 10, meanLogprob: Math.log(confidence), minLogprob: -5, confidence },
    metrics: value,
  });
  const lines = [
    line(0.95, metrics(true, 1, true)),
    line(0.92, metrics(false, 0.95, false)),
    line(0.5, metrics(false, 0.4)),
    line(0.3, metrics(false, 0.2, false)),
    { metrics: metrics(true, 1) },
  ];

  it('labels by exact match, similarity threshold or state, and reports accuracy above the threshold', () => {
    const exact = confidenceReport(lines, { label: 'exact', threshold: 0.9 });
    assert.equal(exact.rows, 4, 'a line without confidence is left out');
    assert.equal(exact.correct, 1);
    assert.equal(exact.auroc, 1);
    assert.equal(exact.coverage, 0.5);
    assert.equal(exact.accuracyAbove, 0.5);
    assert.equal(exact.accuracy, 0.25);
    const similar = confidenceReport(lines, {
      label: 'similarity',
      similarityThreshold: 0.9,
      threshold: 0.9,
    });
    assert.equal(similar.correct, 2);
    assert.equal(similar.accuracyAbove, 1);
    assert.equal(similar.auroc, 1);
    const state = confidenceReport(lines, { label: 'state', threshold: 0.9 });
    assert.equal(state.rows, 3, 'rows without a state-change metric are left out');
    assert.equal(state.auroc, 1);
    assert.equal(confidenceReport([], { label: 'exact' }).auroc, null);
  });
});
