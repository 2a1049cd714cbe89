import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findBwrap } from '../../engines/real/sandbox/find-bwrap.js';
import { AGENT_FAMILY_NAMES } from './families/agent-families.js';
import { drawCommand, type GrammarMode } from './grammar.js';
import { GrammarView } from './grammar-view.js';
import { sandboxHasProgram } from './program-availability.js';
import { SeededRandom } from './random.js';
import {
  emptySandboxSlot,
  FAMILY_EVENT,
  generateSession,
  releaseSandbox,
  type SessionOutcome,
} from './session-generator.js';
import { Vocabulary } from './vocabulary.js';
import { readWorkspaceState } from './workspace-state.js';

const home = mkdtempSync(join(tmpdir(), 'agentworld-agent-grammar-'));
mkdirSync(join(home, 'project', '.git', 'objects'), { recursive: true });
writeFileSync(join(home, 'project', '.git', 'HEAD'), 'ref: refs/heads/master\n');
writeFileSync(join(home, 'project', 'main.py'), "print('hi')\n");
writeFileSync(join(home, 'notes.txt'), 'one\ntwo\n');
writeFileSync(join(home, 'backup.tar.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x41, 0x00]));
after(() => rmSync(home, { recursive: true, force: true }));

function familiesDrawn(mode: GrammarMode, count: number, cwd = '/home/user'): string[] {
  const random = new SeededRandom(`agent-grammar:${mode}`);
  const words = new Vocabulary(random);
  const state = readWorkspaceState(home);
  const drawn: string[] = [];
  for (let turn = 1; turn <= count; turn++) {
    const view = new GrammarView(random, words, {
      state,
      cwd,
      previousCwd: undefined,
      variables: new Map(),
      turn,
    });
    drawn.push(drawCommand(view, mode).family);
  }
  return drawn;
}

describe('agent grammar', () => {
  it('draws the agent families only in agent mode, about 40 % of the turns', () => {
    for (const mode of ['training', 'extension'] as const) {
      const drawn = familiesDrawn(mode, 1500);
      for (const name of AGENT_FAMILY_NAMES)
        assert.equal(drawn.includes(name), false, `${mode} drew ${name}`);
    }
    const agent = familiesDrawn('agent', 3000);
    const share = agent.filter((name) => AGENT_FAMILY_NAMES.includes(name)).length / agent.length;
    assert.ok(share > 0.3 && share < 0.5, `agent share ${share}`);
    const expected = AGENT_FAMILY_NAMES.filter(
      (name) =>
        (name !== 'git' || sandboxHasProgram('git')) && (name !== 'python' || sandboxHasProgram('python3')),
    );
    for (const name of expected) assert.ok(agent.includes(name), `never drew ${name}`);
  });

  it('keeps git internals and binary files out of the arguments the families pick', () => {
    const state = readWorkspaceState(home);
    assert.deepEqual(state.repositories, ['project']);
    assert.equal(
      state.entries.some((entry) => entry.path.includes('.git')),
      false,
    );
    assert.equal(state.byPath.get('backup.tar.gz')?.text, undefined);
    assert.equal(state.byPath.get('notes.txt')?.text, 'one\ntwo\n');
  });
});

const bwrapPath = findBwrap();
const skip =
  bwrapPath === undefined ? 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' : false;

describe('agent sessions in real bash', { skip }, () => {
  const outcomes: SessionOutcome[] = [];
  const turnsOf = (family: string): { command: string; observation: string; exitStatus: number }[] =>
    outcomes.flatMap((outcome) =>
      outcome.kind !== 'generated'
        ? []
        : outcome.record.turns.flatMap((turn) => {
            const event = turn.events.find((item) => item.type === FAMILY_EVENT);
            const data = event?.data as { family: string; exitStatus: number } | undefined;
            if (data?.family !== family) return [];
            const action = (turn.action as readonly { keystrokes?: string }[])[0];
            return [
              {
                command: action?.keystrokes ?? '',
                observation: turn.observation,
                exitStatus: data.exitStatus,
              },
            ];
          }),
    );

  it('records what git, python3, ls -l, tar and /etc really print', async () => {
    const slot = emptySandboxSlot();
    try {
      for (let index = 0; index < 24; index++) {
        outcomes.push(
          await generateSession(
            index,
            { seed: 11, grammar: 'agent', bwrapPath: bwrapPath ?? '' },
            { sandbox: slot },
          ),
        );
      }
    } finally {
      await releaseSandbox(slot);
    }
    // No agent command waits for keys (a pager would time the session out).
    const timeouts = outcomes.filter((outcome) => outcome.kind === 'dropped' && outcome.reason === 'timeout');
    for (const outcome of timeouts) {
      assert.doesNotMatch(outcome.kind === 'dropped' ? outcome.message : '', /^git /, 'a git command hung');
    }
    assert.ok(outcomes.filter((outcome) => outcome.kind === 'generated').length >= 16);

    const listings = turnsOf('ls-long').filter((turn) => /^ls -l\S* *$/m.test(turn.command));
    assert.ok(listings.length > 0, 'no plain ls -l turn');
    for (const turn of listings) assert.match(turn.observation, /\ntotal \d+/);

    const system = turnsOf('system-files');
    assert.ok(system.length > 0);
    const osRelease = system.find((turn) => turn.command.startsWith('cat /etc/os-release'));
    if (osRelease !== undefined) assert.match(osRelease.observation, /\nID=/);

    if (sandboxHasProgram('git')) {
      const git = turnsOf('git');
      assert.ok(git.length > 0, 'no git turn');
      for (const turn of git) assert.doesNotMatch(turn.observation, /git: command not found/);
      assert.ok(git.some((turn) => /Initialized empty Git repository in \//.test(turn.observation)));
    }
    if (sandboxHasProgram('python3')) {
      const python = turnsOf('python');
      assert.ok(python.length > 0, 'no python turn');
      const sums = python.filter((turn) => /^python3 -c 'print\((\d+) \+ (\d+)\)'\n$/.test(turn.command));
      for (const turn of sums) {
        const [, left = '0', right = '0'] = /print\((\d+) \+ (\d+)\)/.exec(turn.command) ?? [];
        assert.match(turn.observation, new RegExp(`\\n${Number(left) + Number(right)}\\n`));
      }
      assert.ok(python.some((turn) => turn.observation.includes('Traceback (most recent call last):')));
    }
  });
});
