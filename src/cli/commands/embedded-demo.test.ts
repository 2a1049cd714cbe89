import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCommandGrammar } from '../../engines/local/index.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { readSpecFile } from '../../session/spec-file.js';
import { embeddedModelMismatch } from '../embedded-fit.js';
import { EMBEDDED_DEMO_SPEC, embeddedDemoCommand, firstListedName } from './embedded-demo.js';

function plan(screens: readonly string[]): string[] {
  const commands: string[] = [];
  for (let step = 0; ; step++) {
    const command = embeddedDemoCommand(step, screens);
    if (command === undefined) return commands;
    commands.push(command);
  }
}

describe('embedded-model demo: the scripted agent', () => {
  it('reads the file to work on off the ls screen, preferring a name with an extension', () => {
    const listing = 'user@sim:~/notes$ ls\nnotes  words.txt\nuser@sim:~/notes$ ';
    assert.equal(firstListedName(listing), 'words.txt');
    assert.equal(firstListedName('user@sim:~$ ls\nsrc  tmp\nuser@sim:~$ '), 'src');
    const other = 'user@sim:~/notes$ ls\ndraft.md\nuser@sim:~/notes$ ';
    const commands = plan(['', '', '', other]);
    assert.equal(commands.length, 6);
    assert.deepEqual(commands.slice(0, 4), [
      'mkdir notes',
      'cd notes',
      "printf 'alpha\\nbeta\\ngamma\\ndelta\\n' > words.txt",
      'ls',
    ]);
    assert.deepEqual(commands.slice(4), ['cat draft.md', 'wc -l draft.md']);
  });

  it('falls back to words.txt when the screen names no safe file (noise, options, nothing)', () => {
    assert.equal(firstListedName('user@sim:~$ ls\nuser@sim:~$ '), undefined);
    assert.equal(firstListedName('user@sim:~$ ls\n-rf  $(x)  a;b\nuser@sim:~$ '), undefined);
    assert.equal(firstListedName('user@sim:~$ ls\n\u0001\u00ff\nuser@sim:~$ '), undefined);
    assert.equal(plan([])[4], 'cat words.txt');
    assert.equal(plan(['', '', '', 'user@sim:~$ ls\n-rf\nuser@sim:~$ '])[5], 'wc -l words.txt');
  });

  it('only sends commands the embedded model was trained on, in the world it was trained on', async () => {
    for (const command of plan([])) {
      assert.deepEqual(checkCommandGrammar(command), { supported: true }, command);
    }
    const spec = parseWorldSpec(await readSpecFile(EMBEDDED_DEMO_SPEC));
    assert.equal(embeddedModelMismatch(spec), undefined);
    // Root in a container's /workspace is one of the trained shells; a home outside /home and /root is not.
    assert.equal(embeddedModelMismatch(parseWorldSpec(await readSpecFile('terminal'))), undefined);
    const other = parseWorldSpec({
      domain: 'terminal',
      initialState: { data: { user: 'dev', host: 'box', home: '/srv/dev', cwd: '/srv/dev' } },
    });
    assert.match(embeddedModelMismatch(other) ?? '', /dev@box:~\$.*\/srv\/dev.*terminal-embedded/);
    const mcp = parseWorldSpec(await readSpecFile('mcp'));
    assert.match(embeddedModelMismatch(mcp) ?? '', /terminals only/);
  });
});
