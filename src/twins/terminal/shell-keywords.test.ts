import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declineReason } from './classify-line.js';
import { commandSubstitutions, commandWords } from './shell-keywords.js';

const lookup = (): string | undefined => undefined;

describe('shell keywords and substitutions in the twin’s classifier', () => {
  it('looks through for/if reserved words to the commands inside', () => {
    assert.deepEqual(commandWords(['for', 'n', 'in', 'a', 'b']), { kind: 'keywords', loopVariable: 'n' });
    assert.deepEqual(commandWords(['do', 'echo', '$n']), { kind: 'command', start: 1 });
    assert.deepEqual(commandWords(['done']), { kind: 'keywords' });
    assert.deepEqual(commandWords(['if', '[', '-f', 'x', ']']), { kind: 'command', start: 1 });
    assert.equal(commandWords(['while', 'true']).kind, 'unsupported');
    assert.equal(commandWords(['greet()', '{']).kind, 'unsupported');
  });

  it('finds command substitutions outside single quotes only', () => {
    assert.deepEqual(commandSubstitutions('echo $(seq 1 $(echo 3)) "$(ls)"'), {
      kind: 'texts',
      texts: ['seq 1 $(echo 3)', 'ls'],
    });
    assert.deepEqual(commandSubstitutions("printf 'for i in $(seq 1 3)'"), { kind: 'texts', texts: [] });
    assert.deepEqual(commandSubstitutions('echo $((1 + 2))'), { kind: 'texts', texts: [] });
    assert.equal(commandSubstitutions('echo `date`').kind, 'unsupported');
    assert.equal(commandSubstitutions('diff <(ls) x').kind, 'unsupported');
  });

  it('classifies loops and substitutions by the programs they run', () => {
    assert.equal(declineReason('for n in a b; do echo $n > $n.txt; done', lookup, '/root'), undefined);
    assert.equal(declineReason('for i in $(seq 1 3); do echo $i; done', lookup, '/root'), undefined);
    assert.equal(
      declineReason('for i in $(seq 1 3); do echo $i; done', lookup, '/root', true),
      undefined,
      'a loop variable is set by the loop, not by a model-answered turn',
    );
    assert.equal(
      declineReason('for i in 1; do python3 x.py; done', lookup, '/root'),
      'program not in twin: python3',
    );
    assert.equal(
      declineReason('echo $(git status)', lookup, '/root'),
      'in a command substitution: program not in twin: git',
    );
    assert.equal(
      declineReason('while true; do echo x; done', lookup, '/root'),
      'compound command not verified: while',
    );
  });

  it('declines endless or unordered output', () => {
    assert.equal(declineReason('yes | head -n 5', lookup, '/root'), undefined);
    assert.equal(declineReason('yes', lookup, '/root'), 'yes not cut by head -n N');
    assert.equal(declineReason('yes | head -n 99999', lookup, '/root'), 'yes not cut by head -n N');
    assert.equal(declineReason('env | sort', lookup, '/root'), undefined);
    assert.equal(
      declineReason('env', lookup, '/root'),
      'lists the environment in an order not verified (only into sort)',
    );
  });
});

describe('find and xargs in the twin’s classifier', () => {
  it('answers find only when its order does not show, with verified tests', () => {
    assert.equal(declineReason("find p -name '*.txt' | sort", lookup, '/root'), undefined);
    assert.equal(declineReason('find p -type f | wc -l', lookup, '/root'), undefined);
    assert.equal(
      declineReason('find p', lookup, '/root'),
      'find output in directory read order (only into sort or wc -l)',
    );
    assert.equal(
      declineReason('find p -delete | sort', lookup, '/root'),
      'option not verified: find -delete',
    );
  });

  it('classifies the command xargs runs', () => {
    assert.equal(declineReason('ls | xargs wc -l', lookup, '/root'), undefined);
    assert.equal(declineReason('echo a b | xargs -n 1 echo', lookup, '/root'), undefined);
    assert.equal(
      declineReason('ls | xargs rm -i', lookup, '/root'),
      'run by xargs: option not verified: rm -i',
    );
    assert.equal(declineReason('ls | xargs -0 echo', lookup, '/root'), 'option not verified: xargs -0');
    assert.equal(declineReason('xargs echo', lookup, '/root'), 'reads the terminal (waits for input)');
  });
});
