import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeBatch } from './batch.js';
import { applyShellCommand, type ShellState } from './shell-effects.js';
import { parseShellLine } from './shell-words.js';

const HOME = '/root';
const start: ShellState = { cwd: '/workspace', previousCwd: null, env: {}, files: {} };
const run = (line: string, state: ShellState = start, screen = '') =>
  applyShellCommand(state, line, { home: HOME, screen });
const cwdAfter = (...lines: string[]): string | null => {
  let state = start;
  for (const line of lines) state = run(line, state).state;
  return state.cwd;
};

describe('parseShellLine', () => {
  const context = { lookup: (name: string) => ({ NAME: 'x y' })[name], home: HOME };

  it('splits commands on operators and removes quotes', () => {
    const parsed = parseShellLine(`cd 'my dir' && echo "a $NAME" ; ls | wc -l &`, context);
    assert.deepEqual(
      parsed.commands.map((command) => [
        command.words.map((word) => word.text),
        command.before,
        command.after,
      ]),
      [
        [['cd', 'my dir'], undefined, '&&'],
        [['echo', 'a x y'], '&&', ';'],
        [['ls'], ';', '|'],
        [['wc', '-l'], '|', '&'],
      ],
    );
    assert.equal(parsed.incomplete, false);
  });

  it('finds redirections, file-descriptor prefixes and here-documents', () => {
    const parsed = parseShellLine('cat > out.txt 2>&1 <<-EOF', context);
    const command = parsed.commands[0];
    assert.deepEqual(
      command?.words.map((word) => word.text),
      ['cat'],
    );
    assert.deepEqual(
      command?.redirects.map((redirect) => [redirect.operator, redirect.target?.text]),
      [
        ['>', 'out.txt'],
        ['>&', '1'],
        ['<<-', 'EOF'],
      ],
    );
    assert.deepEqual(parsed.hereDocuments, [{ delimiter: 'EOF', stripTabs: true }]);
  });

  it('flags what it cannot evaluate and lines that are not finished', () => {
    const parsed = parseShellLine('cd "$(mktemp -d)" $UNSET *.txt ~/x', context);
    assert.deepEqual(
      parsed.commands[0]?.words.map((word) => [word.text, word.unresolved, word.glob]),
      [
        ['cd', false, false],
        ['$(mktemp -d)', true, false],
        ['$UNSET', true, false],
        ['*.txt', false, true],
        ['/root/x', false, false],
      ],
    );
    assert.equal(parseShellLine('echo "open', context).incomplete, true);
    assert.equal(parseShellLine('make &&', context).incomplete, true);
    assert.equal(parseShellLine('echo a \\', context).incomplete, true);
    assert.equal(parseShellLine('echo done # && trailing comment', context).incomplete, false);
  });
});

describe('applyShellCommand', () => {
  it('follows cd into absolute, relative, .., ~ and - paths', () => {
    assert.equal(cwdAfter('cd /etc/ssh'), '/etc/ssh');
    assert.equal(cwdAfter('cd src/app'), '/workspace/src/app');
    assert.equal(cwdAfter('cd ../..'), '/');
    assert.equal(cwdAfter('cd ~'), '/root');
    assert.equal(cwdAfter('cd'), '/root');
    assert.equal(cwdAfter('cd ~/projects'), '/root/projects');
    assert.equal(cwdAfter('cd "$HOME"'), '/root');
    assert.equal(cwdAfter('cd /tmp', 'cd -'), '/workspace');
    assert.equal(cwdAfter('mkdir -p a && cd a && cd ./b/../c'), '/workspace/a/c');
  });

  it('ignores cd that runs in a subshell, a pipeline or the background', () => {
    assert.equal(cwdAfter('(cd /tmp && ls)'), '/workspace');
    assert.equal(cwdAfter('cd /tmp | cat'), '/workspace');
    assert.equal(cwdAfter('cd /tmp &'), '/workspace');
    assert.equal(cwdAfter('cd a b'), '/workspace');
  });

  it('gives up on directories it cannot predict', () => {
    const unknown = run('cd "$(mktemp -d)"');
    assert.equal(unknown.state.cwd, null);
    assert.equal(unknown.directoryUnknown, true);
    assert.equal(run('cd a || cd b').directoryUnknown, true);
    assert.equal(run('source venv/bin/activate').directoryUnknown, true);
    assert.equal(run('ls').changesDirectory, false);
  });

  it('tracks exported variables and unset', () => {
    let state = run('export A=1 B="two words"; export C=$A-x D=\'$A\'').state;
    assert.deepEqual(state.env, { A: '1', B: 'two words', C: '1-x', D: '$A' });
    state = run('unset A D', state).state;
    assert.deepEqual(state.env, { B: 'two words', C: '1-x' });
    assert.deepEqual(run('(export X=1)').state.env, {});
  });

  it('tracks files made and removed by obvious commands', () => {
    let state = run(
      'mkdir -p build/out && touch build/out/a.o notes.md && echo hi > /tmp/x.txt 2>/dev/null',
    ).state;
    assert.deepEqual(state.files, {
      '/workspace/build/out': 'directory',
      '/workspace/build/out/a.o': 'file',
      '/workspace/notes.md': 'file',
      '/tmp/x.txt': 'file',
    });
    state = run('rm -rf build', state).state;
    assert.deepEqual(state.files, {
      '/workspace/notes.md': 'file',
      '/tmp/x.txt': 'file',
      '/workspace/build': 'removed',
    });
    assert.deepEqual(run('touch *.txt').state.files, {});
  });

  it('does not record a file the screen says could not be made', () => {
    const screen = "touch: cannot touch '/nope/file': No such file or directory";
    assert.deepEqual(run('touch /nope/file', start, screen).state.files, {});
  });

  it('reports interactive programs started in the foreground', () => {
    assert.equal(run('python3').launches, 'repl');
    assert.equal(run('python3 -c "print(1)"').launches, undefined);
    assert.equal(run('python3 script.py').launches, undefined);
    assert.equal(run('vim notes.md').launches, 'editor');
    assert.equal(run('man ls').launches, 'pager');
    assert.equal(run('git log | less').launches, 'pager');
  });
});

describe('analyzeBatch', () => {
  const begin = { state: start, mode: 'shell' as const, pendingInput: '' };

  it('runs each line, keeps unfinished typing and carries it to the next Enter', () => {
    const first = analyzeBatch([{ keystrokes: 'cd src\nls', duration: 1 }], begin, { home: HOME });
    assert.deepEqual(first.shellCommands, [{ text: 'cd src', firstLine: 'cd src' }]);
    assert.equal(first.pendingInput, 'ls');
    assert.equal(first.state.cwd, '/workspace/src');
    const second = analyzeBatch(
      [
        { keystrokes: ' -a', duration: 1 },
        { keystrokes: 'Enter', duration: 1 },
      ],
      {
        ...begin,
        pendingInput: first.pendingInput,
      },
      { home: HOME },
    );
    assert.deepEqual(second.shellCommands, [{ text: 'ls -a', firstLine: 'ls -a' }]);
    assert.equal(second.pendingInput, '');
  });

  it('keeps here-document bodies inside their command', () => {
    const batch = analyzeBatch(
      [{ keystrokes: 'cat > conf.ini <<EOF\n[main]\ncd /nowhere\nEOF\npwd\n', duration: 1 }],
      begin,
      { home: HOME },
    );
    assert.deepEqual(
      batch.shellCommands.map((command) => command.firstLine),
      ['cat > conf.ini <<EOF', 'pwd'],
    );
    assert.equal(batch.state.cwd, '/workspace');
    assert.deepEqual(batch.state.files, { '/workspace/conf.ini': 'file' });
  });

  it('sends lines after a REPL starts to that program', () => {
    const batch = analyzeBatch(
      [
        { keystrokes: 'python3\n', duration: 1 },
        { keystrokes: 'import os\n', duration: 1 },
      ],
      begin,
      {
        home: HOME,
      },
    );
    assert.deepEqual(batch.programInput, ['import os']);
    assert.equal(batch.mode, 'repl');
    assert.equal(batch.uncertain, true);
  });

  it('records keys: C-c drops the typed line, Tab makes the outcome uncertain', () => {
    const interrupted = analyzeBatch(
      [
        { keystrokes: 'sleep 10', duration: 1 },
        { keystrokes: 'C-c', duration: 1 },
      ],
      begin,
      {
        home: HOME,
      },
    );
    assert.deepEqual(interrupted.keys, ['C-c']);
    assert.equal(interrupted.pendingInput, '');
    assert.equal(interrupted.uncertain, false);
    assert.equal(
      analyzeBatch([{ keystrokes: 'cd wor\t\n', duration: 1 }], begin, { home: HOME }).uncertain,
      true,
    );
    assert.equal(analyzeBatch([{ keystrokes: '', duration: 5 }], begin, { home: HOME }).isWait, true);
  });
});
