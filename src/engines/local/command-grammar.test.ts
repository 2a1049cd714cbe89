import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkCommandGrammar } from './command-grammar.js';

const inside = [
  'ls -aF',
  'mkdir -p alpha/beta',
  "printf 'alpha\\nbeta\\n' > words.txt",
  'cat notes.txt missing.txt 2>&1',
  "grep -in 'needle' a.txt b.txt",
  "sed -n '2p' words.txt",
  "awk -F',' '{print $2}' data.csv",
  'sort words.txt | uniq -c | sort -rn',
  "cut -d' ' -f1,3 words.txt",
  'head -n -1 words.txt',
  'tail -3 words.txt',
  'wc -lw words.txt',
  'diff -q a.txt b.txt > /dev/null && echo same || echo different',
  'export PLANET=mars',
  'echo "$' + '{MOON:-none} $PLANET"',
  'cd .. && pwd',
  'cd -',
  'for f in *.txt; do echo "== $f"; done',
  'while read -r line; do echo "> $line"; done < words.txt',
  'for w in $(cat words.txt); do echo "[$w]"; done',
  'if [ -d notes ]; then echo dir; elif [ -f notes ]; then echo file; else echo none; fi',
  "[ 'a' = 'b' ] && echo same || echo differ",
  'chmod -w notes',
  './run.sh one two; echo "exit $?"',
  'frobnicate --all',
  "env | grep '^PLANET='",
  "cat > run.sh <<'EOF'\n#!/bin/bash\nexit 3\nEOF",
];

const outside: Array<[string, RegExp]> = [
  ['ls -l', /option -l of ls/],
  ['git status', /the program git/],
  ['seq 1 5', /the program seq/],
  ['echo $((1 + 2))', /arithmetic/],
  ['echo `pwd`', /backquote/],
  ['diff <(ls) <(ls -a)', /process substitution/],
  ['sleep 100 &', /the program sleep|background/],
  ['cat words.txt | nl', /the program nl/],
  ['env ls', /env with arguments/],
  ['tail -f log.txt', /option -f of tail/],
  ['grep --color=always x f', /option --color=always of grep/],
  ['echo héllo', /non-ASCII/],
];

describe('command grammar of the embedded model', () => {
  for (const command of inside) {
    it(`accepts ${JSON.stringify(command)}`, () => {
      assert.deepEqual(checkCommandGrammar(command), { supported: true });
    });
  }
  for (const [command, reason] of outside) {
    it(`routes ${JSON.stringify(command)} elsewhere`, () => {
      const verdict = checkCommandGrammar(command);
      assert.equal(verdict.supported, false);
      assert.match(verdict.reason ?? '', reason);
    });
  }
});

describe('command grammar against the session generator', () => {
  const fixture = JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures', 'generator-commands.json'), 'utf8'),
  ) as { training: Record<string, string[]>; extension: Record<string, string[]> };

  it('accepts every sampled command of the training families', () => {
    const refused = Object.entries(fixture.training).flatMap(([family, commands]) =>
      commands
        .filter((command) => !checkCommandGrammar(command).supported)
        .map((command) => `${family}: ${command}`),
    );
    assert.deepEqual(refused, []);
    assert.ok(Object.keys(fixture.training).length >= 20);
  });

  it('routes every sampled command of the held-out extension families away', () => {
    const accepted = Object.entries(fixture.extension).flatMap(([family, commands]) =>
      commands
        .filter((command) => checkCommandGrammar(command).supported)
        .map((command) => `${family}: ${command}`),
    );
    assert.deepEqual(accepted, []);
    assert.ok(Object.keys(fixture.extension).length >= 5);
  });
});
