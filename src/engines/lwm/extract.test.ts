import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import { benchmarkObservation, extractObservation, stripThinking, trimObservation } from './extract.js';

function invalid(run: () => unknown, reason: string): AgentWorldError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    isAgentWorldError(caught, 'MODEL_OUTPUT_INVALID'),
    `expected MODEL_OUTPUT_INVALID, got ${String(caught)}`,
  );
  assert.equal(caught.retryable, true);
  assert.equal(caught.details.reason, reason);
  return caught;
}

describe('extractObservation', () => {
  it('takes the block after a think span and keeps the reasoning', () => {
    const result = extractObservation(
      '<think>\nls lists files\n</think>\n\n<predicted_observation>\na.txt\n</predicted_observation>',
    );
    assert.equal(result.observation, 'a.txt');
    assert.equal(result.reasoning, 'ls lists files');
    assert.equal(result.closed, true);
  });

  it('pairs nested think tags with the first free closers and merges the spans', () => {
    const content =
      '<think>outer <think>inner</think> still thinking</think>\n<predicted_observation>\nok\n</predicted_observation>';
    const result = extractObservation(content);
    assert.equal(result.observation, 'ok');
    assert.match(result.reasoning ?? '', /outer[\s\S]*inner[\s\S]*still thinking/);
  });

  it('matches think tags case-insensitively', () => {
    assert.equal(
      extractObservation('<THINK>x</Think><predicted_observation>done</predicted_observation>').observation,
      'done',
    );
  });

  it('treats an orphan </think> as the end of reasoning that started at the beginning', () => {
    const result = extractObservation(
      'The user ran ls.\n</think>\n\n<predicted_observation>\nfile\n</predicted_observation>',
    );
    assert.equal(result.observation, 'file');
    assert.equal(result.reasoning, 'The user ran ls.');
  });

  it('cuts an orphan <think> up to the next observation block', () => {
    const result = extractObservation(
      '<think>never closed <predicted_observation>\nshown\n</predicted_observation>',
    );
    assert.equal(result.observation, 'shown');
    assert.equal(result.reasoning, 'never closed');
    invalid(() => extractObservation('<think>never closed and nothing else'), 'missing_tag');
  });

  it('ignores draft blocks inside reasoning and lets the last real block win', () => {
    const content = [
      '<think>I could answer <predicted_observation>draft</predicted_observation></think>',
      '<predicted_observation>first</predicted_observation>',
      '<predicted_observation>\nsecond\n</predicted_observation>',
    ].join('\n');
    assert.equal(extractObservation(content).observation, 'second');
  });

  it('drops a leading Environment Observation marker and the line break after it', () => {
    assert.equal(
      extractObservation(
        '<predicted_observation>\n**Environment Observation:**\nline one\nline two\n</predicted_observation>',
      ).observation,
      'line one\nline two',
    );
    assert.equal(
      extractObservation('<predicted_observation>**Environment Observation:** inline</predicted_observation>')
        .observation,
      'inline',
    );
    assert.equal(
      extractObservation(
        '<predicted_observation>\nkeep **Environment Observation:** here\n</predicted_observation>',
      ).observation,
      'keep **Environment Observation:** here',
    );
  });

  it('keeps significant whitespace inside the block', () => {
    const content =
      '<predicted_observation>\n\n    indented\n\tcolumns  \n  \nroot@box:/# \n\n</predicted_observation>';
    assert.equal(extractObservation(content).observation, '    indented\n\tcolumns  \n  \nroot@box:/# ');
    assert.equal(
      extractObservation('<predicted_observation>  ok  </predicted_observation>').observation,
      'ok',
    );
    assert.equal(
      extractObservation('<predicted_observation>\r\nwindows\r\n</predicted_observation>').observation,
      'windows',
    );
  });

  it('reads an unclosed block to the end when the answer finished normally', () => {
    const result = extractObservation('<predicted_observation>\ntail output\n', undefined, {
      finishReason: 'stop',
    });
    assert.equal(result.observation, 'tail output');
    assert.equal(result.closed, false);
  });

  it('reports a block cut off by the token budget as truncated', () => {
    const error = invalid(
      () => extractObservation('<predicted_observation>\npartial', undefined, { finishReason: 'length' }),
      'truncated',
    );
    assert.equal(error.details.finishReason, 'length');
    invalid(() => extractObservation(null, 'long reasoning', { finishReason: 'length' }), 'truncated');
    assert.equal(
      extractObservation('<predicted_observation>whole</predicted_observation> and then', undefined, {
        finishReason: 'length',
      }).observation,
      'whole',
    );
  });

  it('refuses answers without a tag or with an empty block', () => {
    const error = invalid(
      () => extractObservation('Here is what happens: the file is created.'),
      'missing_tag',
    );
    assert.match(String(error.details.contentPreview), /the file is created/);
    invalid(() => extractObservation(''), 'missing_tag');
    invalid(() => extractObservation(null), 'missing_tag');
    invalid(
      () => extractObservation('<predicted_observation>\n  \n</predicted_observation>'),
      'empty_observation',
    );
    invalid(
      () =>
        extractObservation('<predicted_observation>**Environment Observation:**\n</predicted_observation>'),
      'empty_observation',
    );
  });

  it('prefers separate reasoning_content over think text', () => {
    const result = extractObservation(
      '\n\n<predicted_observation>x</predicted_observation>',
      '  parsed reasoning ',
    );
    assert.equal(result.reasoning, 'parsed reasoning');
    assert.equal(
      extractObservation('<predicted_observation>x</predicted_observation>', '').reasoning,
      undefined,
    );
  });
});

describe('stripThinking and trimObservation', () => {
  it('leaves text without think tags untouched', () => {
    assert.deepEqual(stripThinking('  plain  '), { text: '  plain  ', thinking: '' });
  });

  it('removes everything up to the last orphan closer', () => {
    assert.equal(stripThinking('a</think>b</think>c').text, 'c');
  });

  it('trims blank lines only', () => {
    assert.equal(trimObservation('\n \n  x\n  y \n\t\n'), '  x\n  y ');
  });
});

describe('benchmarkObservation (AgentWorldBench reading)', () => {
  it('returns untagged answers whole and empty ones as No output', () => {
    assert.equal(benchmarkObservation('<think>r</think>\n just prose \n'), 'just prose');
    assert.equal(benchmarkObservation(''), 'No output');
    assert.equal(benchmarkObservation('<think>only thinking</think>'), 'No output');
  });

  it('strips the marker like the judge step does', () => {
    assert.equal(
      benchmarkObservation(
        '<predicted_observation>\n**Environment Observation:**\nout\n</predicted_observation>',
      ),
      '\nout',
    );
    assert.equal(benchmarkObservation('a **Environment Observation:** b'), 'a  b');
  });
});
