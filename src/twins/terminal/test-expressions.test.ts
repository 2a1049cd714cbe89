import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declineReason } from './classify-line.js';

const decline = (line: string): string | undefined => declineReason(line, () => undefined, '/root');

describe('test expressions the twin answers', () => {
  it('declines malformed expressions whose bash message just-bash does not print', () => {
    for (const line of [
      '[ adam = ]',
      '[ a -eq b ]',
      '[ a b ]',
      '[ 1 -lt x ]',
      '[ -q a ]',
      'test a b c d',
      '[ a = b -o ]',
    ])
      assert.match(decline(line) ?? '', /^test expression not verified/, line);
    assert.equal(decline('[ a'), "test expression without a closing ']'");
    assert.equal(decline('x=a; [ $x -eq 1 ]'), 'test expression with an unquoted expansion');
  });

  it('answers well-formed expressions', () => {
    for (const line of [
      '[ ]',
      '[ -f ]',
      '[ 1 -eq 1 ] && echo equal',
      '[ -n word ]',
      'test a = a',
      '[ ! -d dir ]',
      'for n in a b; do [ -e "$n" ] && echo "$n" || echo "no $n"; done',
    ])
      assert.equal(decline(line), undefined, line);
  });
});
