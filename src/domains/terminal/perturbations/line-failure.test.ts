import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failCommandLine, failureStatus } from './line-failure.js';
import type { ShellCommandInfo } from './shell-commands.js';

const unreachable = 'curl: (7) Failed to connect to x port 443 after 0 ms: Network is unreachable';
const failCurl = (command: ShellCommandInfo) => (command.name === 'curl' ? [unreachable] : undefined);
const realError = 'curl: (6) Could not resolve host: x';

describe('failCommandLine: the rest of the line after a failing command', () => {
  it('lets later echo lines through, with $? the failure status', () => {
    assert.deepEqual(
      failCommandLine('curl -sS https://x/; echo status $?', failCurl, '/root', [realError, 'status 6']),
      {
        mode: 'replace',
        lines: [unreachable],
        cdSkipped: false,
        tailLines: 1,
        after: ['status 7'],
        status: 0,
      },
    );
  });

  it('runs && and || after the failure as bash would, and tracks $? through true/false', () => {
    const chained = failCommandLine('curl -sS https://x/ && echo ok; echo "done $?"', failCurl, '/root', [
      realError,
      'done 6',
    ]);
    assert.deepEqual([chained?.tailLines, chained?.after], [1, ['done 7']]);
    const orElse = failCommandLine('curl -sS https://x/ || echo failed', failCurl, '/root', [
      realError,
      'failed',
    ]);
    assert.deepEqual([orElse?.tailLines, orElse?.after], [1, ['failed']]);
    const several = failCommandLine(
      'curl https://x/ -o p.html; echo "status $?"; false; echo $?',
      failCurl,
      '/root',
      ['status 6', '1'],
    );
    assert.deepEqual([several?.tailLines, several?.after, several?.status], [2, ['status 7', '1'], 0]);
  });

  it('keeps the old rendering when the real output does not end with what the later commands print', () => {
    const result = failCommandLine('curl -sS https://x/; echo status $?', failCurl, '/root', [realError]);
    assert.deepEqual(result, { mode: 'replace', lines: [unreachable], cdSkipped: false });
    // Without the real output (instructions), only the failure's messages.
    assert.deepEqual(failCommandLine('curl -sS https://x/; echo status $?', failCurl)?.lines, [unreachable]);
  });

  it('knows the statuses failures leave', () => {
    const command = (name: string): ShellCommandInfo => ({
      name,
      args: [],
      redirects: [],
      before: undefined,
    });
    assert.equal(failureStatus(command('curl'), [unreachable]), 7);
    assert.equal(failureStatus(command('git'), ['bash: git: command not found']), 127);
    assert.equal(failureStatus(command('python3'), ['Killed']), 137);
    assert.equal(failureStatus(command('git'), ['fatal: unable to access']), 128);
    assert.equal(failureStatus(command('cat'), ['cat: x: No such file or directory']), 1);
  });
});

describe('failCommandLine: a program missing after commands that ran', () => {
  const missing = (name: string) => (command: ShellCommandInfo) =>
    command.name === name ? [`bash: ${name}: command not found`] : undefined;

  it('drops the missing program’s real output and keeps what the commands before it printed', () => {
    // Real bash with a PATH that lacks `seq`: `true && seq 3` prints only the message.
    assert.deepEqual(failCommandLine('true && seq 3', missing('seq'), '/root', ['1', '2', '3']), {
      mode: 'replace',
      lines: ['bash: seq: command not found'],
      cdSkipped: false,
    });
    assert.deepEqual(
      failCommandLine('echo start && seq 2; echo "status $?"', missing('seq'), '/root', [
        'start',
        '1',
        '2',
        'status 0',
      ]),
      {
        mode: 'replace',
        lines: ['start', 'bash: seq: command not found'],
        cdSkipped: false,
        tailLines: 1,
        after: ['status 127'],
        status: 0,
      },
    );
    assert.deepEqual(
      failCommandLine('mkdir -p d && cd d && seq 2', missing('seq'), '/root', ['1', '2'])?.lines,
      ['bash: seq: command not found'],
    );
  });

  it('keeps the real output whole when what ran before cannot be told apart from the missing program’s', () => {
    const result = failCommandLine('ls && seq 2', missing('seq'), '/root', ['a.txt', '1', '2']);
    assert.deepEqual(result, { mode: 'append', lines: ['bash: seq: command not found'], cdSkipped: false });
  });
});
