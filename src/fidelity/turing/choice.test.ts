import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractChoice } from './choice.js';

describe('extractChoice: the verdict of a real-vs-simulated judge', () => {
  it('reads every spelling of \\boxed{…}, the last one winning', () => {
    assert.equal(extractChoice('The real one is clearly the first.\n\\boxed{A}'), 'A');
    assert.equal(extractChoice('\\\\boxed{B}'), 'B');
    assert.equal(extractChoice('So: $\\boxed{B}$.'), 'B');
    assert.equal(extractChoice('final: boxed{a}'), 'A');
    assert.equal(extractChoice('\\boxed{ b }'), 'B');
    assert.equal(extractChoice('\\boxed{\\text{A}}'), 'A');
    assert.equal(extractChoice('\\boxed{Response B}'), 'B');
    assert.equal(extractChoice('At first I thought \\boxed{A}, but on reflection \\boxed{B}'), 'B');
  });

  it('ignores thinking, including an unclosed think block before the verdict', () => {
    assert.equal(extractChoice('<think>maybe \\boxed{A}</think>The answer: \\boxed{B}'), 'B');
    assert.equal(extractChoice('<think>hmm, \\boxed{A}? no.</think>'), undefined);
    assert.equal(extractChoice('<think>long reasoning cut short \\boxed{B}'), 'B');
    assert.equal(extractChoice('reasoning the server left in</think>\\boxed{A}'), 'A');
  });

  it('falls back to plain phrases, never to the article "a"', () => {
    assert.equal(extractChoice('My answer is A.'), 'A');
    assert.equal(extractChoice('Final answer: **B**'), 'B');
    assert.equal(extractChoice('Response A is the real environment output.'), 'A');
    assert.equal(extractChoice('B seems more realistic given the PIDs.'), 'B');
    assert.equal(extractChoice('The real one is Response B.'), 'B');
    assert.equal(extractChoice('I choose A'), 'A');
    assert.equal(extractChoice('Response A looks simulated, while B is the real one.'), 'B');
    assert.equal(extractChoice('This is a realistic output and a plausible one.'), undefined);
    assert.equal(extractChoice('Both look plausible; I cannot tell.'), undefined);
  });

  it('gives undefined for empty, null and whitespace replies', () => {
    assert.equal(extractChoice(''), undefined);
    assert.equal(extractChoice('   \n'), undefined);
    assert.equal(extractChoice(null), undefined);
    assert.equal(extractChoice(undefined), undefined);
  });
});
