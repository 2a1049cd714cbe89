import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coerceScore, type ParsedJudgeReply, parseJudgeOutput, repairJson, roundHalfEven } from './parse.js';

const FULL = '{"format": 5, "factuality": 4, "consistency": 4, "realism": 3, "quality": 4}';

function parsed(reply: string): ParsedJudgeReply {
  const result = parseJudgeOutput(reply);
  assert.ok(result.ok, `expected a parse, got: ${result.ok ? '' : result.reason}`);
  return result;
}

function failure(reply: string): string {
  const result = parseJudgeOutput(reply);
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result.ok ? '' : result.reason;
}

describe('parseJudgeOutput', () => {
  it('reads the fenced JSON inside <final_evaluation> after reasoning', () => {
    const result = parsed(
      `The prediction matches.\n<final_evaluation>\n\`\`\`json\n{"strengths": ["exact ls"], "weaknesses": [], "scores": ${FULL}}\n\`\`\`\n</final_evaluation>`,
    );
    assert.deepEqual(result.scores, { format: 5, factuality: 4, consistency: 4, realism: 3, quality: 4 });
    assert.equal(result.totalScore, 4);
    assert.deepEqual(result.strengths, ['exact ls']);
    assert.deepEqual(result.weaknesses, []);
  });

  it('ignores a think block holding its own draft verdict', () => {
    const result = parsed(
      `<think>draft: {"scores": {"format": 1, "factuality": 1, "consistency": 1, "realism": 1, "quality": 1}}</think>\n<final_evaluation>{"scores": ${FULL}}</final_evaluation>`,
    );
    assert.equal(result.scores.format, 5);
  });

  it('treats everything before an orphan </think> as thinking', () => {
    const result = parsed(
      `{"scores": {"format": 1, "factuality": 1, "consistency": 1, "realism": 1, "quality": 1}}</think>\n{"scores": ${FULL}}`,
    );
    assert.equal(result.scores.format, 5);
  });

  it('keeps the verdict after an unclosed <think> when <final_evaluation> follows', () => {
    const result = parsed(`<think>still thinking {"scores": {}}\n<final_evaluation>{"scores": ${FULL}}`);
    assert.equal(result.scores.quality, 4);
  });

  it('reads an unclosed <final_evaluation> to the end of the text', () => {
    const result = parsed(`analysis\n<final_evaluation>\n\`\`\`json\n{"scores": ${FULL}}\n\`\`\``);
    assert.equal(result.scores.realism, 3);
  });

  it('takes the last <final_evaluation> block', () => {
    const first = '{"scores": {"format": 2, "factuality": 2, "consistency": 2, "realism": 2, "quality": 2}}';
    const result = parsed(
      `<final_evaluation>${first}</final_evaluation> on reflection <FINAL_EVALUATION>{"scores": ${FULL}}</FINAL_EVALUATION>`,
    );
    assert.equal(result.scores.format, 5);
  });

  it('prefers the last fenced block that holds scores over later fenced objects without', () => {
    const result = parsed(
      `\`\`\`json\n{"scores": ${FULL}}\n\`\`\`\n\nAn example of the output it saw:\n\`\`\`\n{"files": ["a.txt"]}\n\`\`\``,
    );
    assert.equal(result.scores.format, 5);
  });

  it('prefers the last balanced object holding scores when nothing is fenced', () => {
    const result = parsed(
      `The tool returned {"id": 7, "note": "brace } in a string"}. Verdict: {"strengths": ["ok"], "scores": ${FULL}} and {"unrelated": true}`,
    );
    assert.equal(result.scores.format, 5);
    assert.deepEqual(result.strengths, ['ok']);
  });

  it('repairs trailing commas, single-quoted keys and bare keys', () => {
    const result = parsed(
      "<final_evaluation>{'strengths': ['a',], weaknesses: [], 'scores': {format: 4, 'factuality': 3, consistency: 5, realism: 4, quality: 2,},}</final_evaluation>",
    );
    assert.deepEqual(result.scores, { format: 4, factuality: 3, consistency: 5, realism: 4, quality: 2 });
  });

  it('does not repair JSON that is already valid (string values holding ", key:" stay intact)', () => {
    const result = parsed(`{"strengths": ["prompt, note: kept"], "weaknesses": [], "scores": ${FULL}}`);
    assert.deepEqual(result.strengths, ['prompt, note: kept']);
  });

  it('falls back to the scores object alone when the whole object cannot be parsed', () => {
    const result = parsed(
      `{"strengths": ["unescaped "quote" here"], "weaknesses": [], "scores": {"format": 3, "factuality": 2, "consistency": 3, "realism": 3, "quality": 2}}`,
    );
    assert.equal(result.scores.factuality, 2);
    assert.deepEqual(result.strengths, []);
  });

  it('recovers the scores of a reply cut off after the scores object', () => {
    const result = parsed(
      '<final_evaluation>\n```json\n{"strengths": ["x"], "weaknesses": ["y"], "scores": {"format": 4, "factuality": 4, "consistency": 4, "realism": 4, "quality": 4}',
    );
    assert.equal(result.totalScore, 4);
  });

  it('coerces "4/5" strings, floats (Python rounding) and out-of-range values', () => {
    const result = parsed(
      '{"scores": {"format": "4/5", "factuality": 2.5, "consistency": 3.5, "realism": 9, "quality": " 3 "}}',
    );
    assert.deepEqual(result.scores, { format: 4, factuality: 2, consistency: 4, realism: 5, quality: 3 });
  });

  it('counts missing, unreadable, boolean and negative dimensions as 0 and averages the rest', () => {
    const result = parsed(
      '{"scores": {"format": 4, "factuality": "n/a", "consistency": true, "realism": -2}}',
    );
    assert.deepEqual(result.scores, { format: 4, factuality: 0, consistency: 0, realism: 0, quality: 0 });
    assert.equal(result.totalScore, 4);
  });

  it('matches dimension keys case-insensitively', () => {
    const result = parsed(
      '{"Scores": {"Format": 5, "Factuality": 5, "Consistency": 5, "Realism": 5, "Quality": 5}}',
    );
    assert.equal(result.totalScore, 5);
  });

  it('fails on an empty reply, on no JSON, on no scores, and on empty scores', () => {
    assert.equal(failure('   \n'), 'Empty output');
    assert.equal(failure('The prediction is good, I give it a 4.'), 'No JSON object in the reply');
    assert.equal(failure('{"strengths": ["a"], "weaknesses": []}'), 'No "scores" object');
    assert.equal(failure('{"strengths": [], "scores": {}}'), 'No dimension was scored');
    assert.equal(failure('{"scores": {"format": 0, "factuality": "none"}}'), 'No dimension was scored');
    assert.equal(failure('{"scores": [4, 4, 4, 4, 4]}'), 'No "scores" object');
  });

  it('fails on a reply that is only thinking', () => {
    assert.equal(failure('<think>I would give {"scores": {"format": 5}}'), 'No JSON object in the reply');
  });

  it('coerces strengths and weaknesses to string lists', () => {
    const result = parsed(`{"strengths": "one string", "weaknesses": [1, {"a": 2}], "scores": ${FULL}}`);
    assert.deepEqual(result.strengths, ['one string']);
    assert.deepEqual(result.weaknesses, ['1', '{"a":2}']);
  });
});

describe('score coercion helpers', () => {
  it('rounds halves to even like Python', () => {
    assert.deepEqual([0.5, 1.5, 2.5, 3.5, 4.5, 4.6].map(roundHalfEven), [0, 2, 2, 4, 4, 5]);
  });

  it('clamps positives to 1–5 and leaves the rest at 0', () => {
    assert.deepEqual(
      [7, 0.4, 0.6, -1, '2/5', '5 / 5', 'good', null, undefined, false, Number.NaN].map(coerceScore),
      [5, 0, 1, 0, 2, 5, 0, 0, 0, 0, 0],
    );
  });

  it('repairs Python literals', () => {
    assert.equal(repairJson("{'ok': True, 'x': None,}"), '{"ok": true, "x": null}');
  });
});
