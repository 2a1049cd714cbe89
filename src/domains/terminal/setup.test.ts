import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { type WorldSpecInput, WorldSpecSchema } from '../../core/world-spec.js';
import { terminalDomain } from './domain.js';
import { findPromptLines, parsePromptLine, parseTrailingPrompt } from './prompt-line.js';
import { defaultTerminalHost, renderTerminalPrompt, resolveTerminalSetup } from './setup.js';

function spec(input: Partial<WorldSpecInput> = {}) {
  return WorldSpecSchema.parse({ id: 'setup-test', domain: 'terminal', ...input });
}

function invalidSpecAt(run: () => unknown, path: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof AgentWorldError);
    assert.equal(error.code, 'INVALID_SPEC');
    assert.equal(error.details.path, path);
    assert.ok(error.message.includes(path));
    return true;
  });
}

describe('resolveTerminalSetup', () => {
  it('fills in root, /workspace, /root and a host derived from the spec id', () => {
    const setup = resolveTerminalSetup(spec());
    assert.equal(setup.user, 'root');
    assert.equal(setup.cwd, '/workspace');
    assert.equal(setup.home, '/root');
    assert.equal(setup.host, sha256('setup-test').slice(0, 12));
    assert.equal(setup.host, defaultTerminalHost('setup-test'));
    assert.match(setup.host, /^[0-9a-f]{12}$/);
    assert.equal(setup.initialScreen, `root@${setup.host}:/workspace# `);
  });

  it('uses $ and /home/<user> for other users, and ~ for the home directory', () => {
    const setup = resolveTerminalSetup(
      spec({ initialState: { data: { user: 'dev', host: 'box', cwd: '/home/dev/src/' } } }),
    );
    assert.equal(setup.home, '/home/dev');
    assert.equal(setup.symbol, '$');
    assert.equal(setup.initialScreen, 'dev@box:~/src$ ');
    assert.equal(renderTerminalPrompt(setup, '/home/dev'), 'dev@box:~$ ');
    assert.equal(renderTerminalPrompt(setup, '/home/devops'), 'dev@box:/home/devops$ ');
  });

  it('shows initialState.text as the first screen when given', () => {
    const text = 'Welcome to the build box\nroot@box:/srv# ';
    const withText = spec({ initialState: { text, data: { host: 'box', cwd: '/srv' } } });
    assert.equal(terminalDomain.initialObservation(withText), text);
    assert.deepEqual(terminalDomain.turnSections(withText, 1, terminalDomain.createLedger(withText)), [
      { heading: 'Current State', body: text },
    ]);
    assert.deepEqual(terminalDomain.turnSections(withText, 2, terminalDomain.createLedger(withText)), []);
  });

  it('rejects bad data with the key path under $.initialState.data', async () => {
    invalidSpecAt(
      () => resolveTerminalSetup(spec({ initialState: { data: { cwd: 'workspace' } } })),
      '$.initialState.data.cwd',
    );
    invalidSpecAt(
      () => resolveTerminalSetup(spec({ initialState: { data: { user: 'no spaces' } } })),
      '$.initialState.data.user',
    );
    invalidSpecAt(
      () => resolveTerminalSetup(spec({ initialState: { data: { pwd: '/tmp' } } })),
      '$.initialState.data.pwd',
    );
    invalidSpecAt(
      () => resolveTerminalSetup(spec({ initialState: { data: { promptTemplate: 'a\nb' } } })),
      '$.initialState.data.promptTemplate',
    );
    await assert.rejects(
      terminalDomain.prepare(spec({ initialState: { data: { host: 'bad host!' } } })),
      (error: unknown) =>
        error instanceof AgentWorldError && error.details.path === '$.initialState.data.host',
    );
  });

  it('prepare checks demonstration actions and honours an aborted signal', async () => {
    const bad = spec({
      demonstrations: [{ turns: [{ action: [{ duration: 1 }], observation: 'x' }] }],
    });
    await assert.rejects(
      terminalDomain.prepare(bad),
      (error: unknown) =>
        error instanceof AgentWorldError &&
        error.code === 'INVALID_SPEC' &&
        error.details.path === '$.demonstrations[0].turns[0].action[0].keystrokes',
    );
    const good = spec();
    assert.equal(await terminalDomain.prepare(good), good);
    await assert.rejects(
      terminalDomain.prepare(good, { signal: AbortSignal.abort() }),
      (error: unknown) => error instanceof AgentWorldError && error.code === 'ABORTED',
    );
  });
});

describe('parsePromptLine', () => {
  const setup = resolveTerminalSetup(spec({ initialState: { data: { host: 'abc123' } } }));

  it('reads user, host, directory and the typed command', () => {
    assert.deepEqual(parsePromptLine('root@abc123:/workspace/src# make -j4', setup), {
      user: 'root',
      host: 'abc123',
      shownCwd: '/workspace/src',
      cwd: '/workspace/src',
      symbol: '#',
      command: 'make -j4',
    });
    assert.equal(parsePromptLine('root@abc123:~# ', setup)?.cwd, '/root');
    assert.equal(parsePromptLine('root@abc123:~/x#', setup)?.cwd, '/root/x');
    assert.equal(parsePromptLine('root@abc123:/#', setup)?.command, '');
    assert.equal(parsePromptLine('root@other:/tmp$ ls', setup)?.host, 'other');
  });

  it('does not take output for a prompt', () => {
    for (const line of [
      'total 8',
      '>>> ',
      'drwxr-xr-x 2 root root 4096 .',
      'origin\tgit@github.com:org/repo.git (fetch)',
    ]) {
      assert.equal(parsePromptLine(line, setup), undefined, line);
    }
    assert.equal(parseTrailingPrompt('no newlineroot@abc123:/workspace# ', setup)?.cwd, '/workspace');
    assert.equal(parseTrailingPrompt('no newlinexroot@elsewhere:/workspace# ', setup), undefined);
  });

  it('follows a custom prompt template', () => {
    const custom = resolveTerminalSetup(
      spec({
        initialState: {
          data: { user: 'ci', host: 'runner', promptTemplate: '[{user}@{host} {cwd}]{symbol} ' },
        },
      }),
    );
    assert.equal(custom.initialScreen, '[ci@runner /workspace]$ ');
    const prompts = findPromptLines('[ci@runner /workspace]$ cd ~\n[ci@runner ~]$ ', custom);
    assert.deepEqual(
      prompts.map((prompt) => [prompt.line, prompt.cwd, prompt.command]),
      [
        [0, '/workspace', 'cd ~'],
        [1, '/home/ci', ''],
      ],
    );
  });
});
