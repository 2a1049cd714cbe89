import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declineReason } from './classify-line.js';
import { scriptDeclineReason } from './shell-scripts.js';

const lookup = (): string | undefined => undefined;
const greet = '#!/bin/bash\nset -e\ngreet() { echo "hi $1"; }\nfor i in $(seq 1 3); do greet $i; done\n';

describe('scripts in the twin’s classifier', () => {
  it('answers a bash script whose every line it would answer, its functions included', () => {
    assert.equal(scriptDeclineReason(greet, lookup, '/root'), undefined);
    assert.equal(scriptDeclineReason('#!/bin/bash\necho a\nexit 3\n', lookup, '/root'), undefined);
  });

  it('declines other interpreters, scripts naming themselves, and lines it would decline', () => {
    assert.equal(scriptDeclineReason('#!/bin/sh\necho a\n', lookup, '/root'), 'not a bash script (#! line)');
    assert.equal(
      scriptDeclineReason('#!/bin/bash\necho "usage: $0"\n', lookup, '/root'),
      'a script that names itself or runs ls',
    );
    assert.equal(
      scriptDeclineReason('#!/bin/bash\npython3 x.py\n', lookup, '/root'),
      'program not in twin: python3',
    );
  });

  it('classifies ./script and bash script by the script’s text when the twin knows it', () => {
    const scriptOf = (path: string) => (path === './greet.sh' || path === 'greet.sh' ? greet : undefined);
    assert.equal(declineReason('./greet.sh | tail -n 2', lookup, '/root', false, { scriptOf }), undefined);
    assert.equal(declineReason('bash greet.sh', lookup, '/root', false, { scriptOf }), undefined);
    assert.equal(
      declineReason('cd /tmp && ./greet.sh', lookup, '/root', false, { scriptOf }),
      'a script run after cd on the same line',
    );
    assert.equal(
      declineReason('./other.sh', lookup, '/root', false, { scriptOf }),
      'program not in twin: ./other.sh',
    );
    assert.equal(declineReason('set -e', lookup, '/root'), 'program not in twin: set');
    assert.equal(declineReason('f() { echo "f $1"; }; f one', lookup, '/root'), undefined);
  });
});
