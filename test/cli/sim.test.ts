import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { terminalDomain } from '../../src/domains/terminal/index.js';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { Session } from '../../src/session/session.js';
import { readSessionFile } from '../../src/session/session-file.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { ANSI_ESCAPE, runCli, temporaryFolder } from './run-cli.js';

/** The lines between the first line that is exactly `{` after `from` and the next line that is exactly `}`. */
function jsonBlockAfter(lines: readonly string[], from: number): unknown {
  const start = lines.indexOf('{', from);
  const end = lines.indexOf('}', start);
  assert.ok(start >= 0 && end > start, 'a JSON block was printed');
  return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

describe('agentworld sim driven through piped stdin', { concurrency: 2 }, () => {
  let server: ScriptedModelServer;
  const folder = temporaryFolder('sim');

  before(async () => {
    server = await startScriptedModelServer();
  });
  after(async () => {
    await server.close();
    folder.remove();
  });

  const modelEnv = (): Record<string, string> => ({
    AGENTWORLD_MODEL_URL: server.url,
    AGENTWORLD_MODEL: server.model,
  });

  it('runs actions, :history, :fork, :sessions, :state and :save, reports a bad action and goes on', async () => {
    const saveFile = join(folder.path, 'forked.jsonl');
    const script = [
      'ls',
      'cd /tmp',
      ':history',
      ':fork',
      'pwd',
      ':sessions',
      '[{"keystrokes": 42}]',
      ':state',
      `:save ${saveFile}`,
      ':quit',
      'echo this line comes after :quit and is never run',
    ];
    const run = await runCli(['sim', 'terminal', '--seed', '5'], {
      stdin: `${script.join('\n')}\n`,
      env: modelEnv(),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stderr, '');
    assert.doesNotMatch(run.stdout, ANSI_ESCAPE, 'no ANSI codes when stdout is not a terminal');
    assert.doesNotMatch(run.stdout, /action> /, 'no prompt when stdin is not a terminal');
    assert.doesNotMatch(run.stdout, /never run/);

    const lines = run.stdout.split('\n');
    const header = /^session (\S+) · terminal\/terminus · seed 5 · engine lwm$/.exec(lines[0] ?? '');
    assert.ok(header, `header line: ${lines[0]}`);
    const rootId = header[1] as string;
    assert.ok(lines.includes('root@64fd58b770d7:/workspace# '), 'the initial screen is shown');
    // three model calls: two in the root session, one in the fork
    assert.match(run.stdout, /scripted observation for turn 1 /);
    assert.match(run.stdout, /scripted observation for turn 3 /);
    assert.equal(lines.filter((line) => line === '--- turn 1').length, 1, ':history lists turn 1');
    assert.equal(lines.filter((line) => line === '--- turn 2').length, 1, ':history lists turn 2');
    assert.ok(lines.includes('[{"keystrokes":"cd /tmp\\n","duration":1}]'), ':history shows the actions');
    const forkLine = lines.find((line) => line.startsWith('forked at turn 2 → session #1 ('));
    assert.ok(forkLine, 'the fork is announced');
    const sessionLines = lines.filter((line) => /^[* ] #\d /.test(line));
    assert.equal(sessionLines.length, 2);
    assert.match(sessionLines[0] ?? '', new RegExp(`^ {2}#0 ${rootId} · 2 turns$`));
    assert.match(
      sessionLines[1] ?? '',
      new RegExp(`^\\* #1 \\S+ · 3 turns · fork of ${rootId.slice(0, 8)} at turn 2$`),
    );

    const errorIndex = lines.findIndex((line) => line.startsWith('error INVALID_ACTION'));
    assert.ok(errorIndex > 0, 'the bad action prints an error line');
    assert.match(lines[errorIndex] ?? '', /\$\[0\]\.keystrokes/);
    const ledger = jsonBlockAfter(lines, errorIndex) as Record<string, unknown>;
    assert.ok(lines.some((line, index) => index > errorIndex && line.startsWith(`saved session `)));

    const records = await readSessionFile(saveFile);
    assert.equal(records.length, 1, ':save wrote the current session only');
    const fork = records[0];
    assert.ok(fork);
    assert.equal(fork.parentId, rootId);
    assert.equal(fork.forkedAtTurn, 2);
    assert.equal(fork.seed, 5);
    assert.deepEqual(
      fork.turns.map((turn) => turn.action),
      [
        [{ keystrokes: 'ls\n', duration: 1 }],
        [{ keystrokes: 'cd /tmp\n', duration: 1 }],
        [{ keystrokes: 'pwd\n', duration: 1 }],
      ],
    );
    assert.equal(fork.labels.savedBy, 'agentworld sim');

    // :state printed the fork's ledger: the same one a session rebuilt from the saved record has.
    const engine = createLwmEngine({ baseUrl: server.url, model: server.model });
    try {
      const rebuilt = Session.fromRecord(fork, terminalDomain, engine);
      assert.deepEqual(ledger, rebuilt.ledgerSummary());
      assert.equal(ledger.turns, 3);
    } finally {
      await engine.close();
    }
  });

  it('exits cleanly at the end of input, saving every session with turns to --save', async () => {
    const saveFile = join(folder.path, 'at-exit.jsonl');
    const run = await runCli(['sim', 'terminal', '--seed', '9', '--save', saveFile], {
      stdin: 'ls\n:fork\n\n:bogus\n:switch 7\npwd', // no :quit and no final newline
      env: modelEnv(),
    });
    assert.equal(run.timedOut, false, 'sim ends by itself at EOF');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, ANSI_ESCAPE);
    assert.match(run.stdout, /^error INVALID_REQUEST: Unknown command :bogus\. Type :help\.$/m);
    assert.match(run.stdout, /^error INVALID_REQUEST: No session #7/m);
    assert.match(
      run.stdout,
      /scripted observation for turn 2 /,
      'the last line without a newline still runs',
    );
    assert.match(run.stdout, /saved 2 sessions to .*at-exit\.jsonl\n$/);

    const records = await readSessionFile(saveFile);
    assert.equal(records.length, 2);
    const [root, fork] = records;
    assert.equal(root?.turns.length, 1);
    assert.equal(root?.parentId, undefined);
    assert.equal(fork?.turns.length, 2);
    assert.equal(fork?.parentId, root?.id);
    assert.equal(fork?.forkedAtTurn, 1);
    assert.deepEqual(fork?.turns[0], root?.turns[0], 'the fork shares the turn before the fork point');
  });

  it('takes the short tool form on the mcp example and reports an unknown tool without stopping', async () => {
    const run = await runCli(['sim', 'mcp', '--seed', '1'], {
      stdin: 'no-such-tool {}\necho {"message": "hello"}\n:history\n',
      env: modelEnv(),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^error UNKNOWN_TOOL: MCP error -32602: Tool no-such-tool not found$/m);
    assert.match(run.stdout, /^\{"name":"echo","arguments":\{"message":"hello"\}\}$/m);
    assert.match(run.stdout, /scripted observation for turn 1 /);
  });

  it('fails with exit status 1 and a message on stderr when the spec does not exist', async () => {
    const run = await runCli(['sim', 'no-such-example'], { env: modelEnv() });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^error INVALID_SPEC: .*no bundled example named "no-such-example"/);
    assert.doesNotMatch(run.stderr, ANSI_ESCAPE);
  });
});
