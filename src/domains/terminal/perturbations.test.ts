import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SYSTEM_CONDITIONS_HEADING, TURN_CONTROL_HEADING } from '../../control/index.js';
import { AgentWorldError } from '../../core/errors.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import type { AnyPerturbationDefinition, ObservationContext } from '../../core/perturbation.js';
import { type SessionRecord, SessionRecordSchema } from '../../core/turn.js';
import { type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { createLwmEngine } from '../../engines/lwm/index.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import {
  type ScriptedModelServer,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../testing/index.js';
import { parseTerminalAction, type TerminalAction } from './dialects/terminus/actions.js';
import { terminalDomain } from './domain.js';
import { terminalPerturbations } from './perturbations.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const records: SessionRecord[] = readFileSync(`${root}examples/sessions/terminal.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
const specInput = JSON.parse(readFileSync(`${root}examples/terminal.json`, 'utf8')) as Record<
  string,
  unknown
>;
const spec: WorldSpec = WorldSpecSchema.parse(specInput);
const P = (cwd: string): string => `root@64fd58b770d7:${cwd}# `;

function recorded(sessionId: string, turn: number): { action: TerminalAction; observation: string } {
  const record = records.find((entry) => entry.id === sessionId);
  const found = record?.turns[turn - 1];
  assert.ok(found !== undefined, `${sessionId} turn ${turn}`);
  return { action: found.action as TerminalAction, observation: found.observation };
}

function keys(...lines: string[]): TerminalAction {
  return parseTerminalAction(lines.map((line) => ({ keystrokes: `${line}\n`, duration: 1 })));
}

function contextOf(action: TerminalAction, observation: string, turnIndex = 2): ObservationContext {
  return {
    spec,
    seed: 0,
    turnIndex,
    action,
    actionText: terminalDomain.renderAction(action, spec),
    tools: terminalDomain.actionTools(action, spec),
    observation,
  };
}

function entry(id: string): AnyPerturbationDefinition {
  const found = terminalPerturbations.find((definition) => definition.id === id);
  assert.ok(found !== undefined, `catalog has ${id}`);
  return found;
}

/** One worked case per catalog entry: an action, the screen without the condition, and what it must show. */
interface Case {
  readonly id: string;
  readonly defaults: Record<string, unknown>;
  readonly action: TerminalAction;
  readonly observation: string;
  /** The exact rendering. */
  readonly rendered: string;
  /** What the instruction must mention. */
  readonly mentions: readonly RegExp[];
  /** An action the condition cannot show on. */
  readonly unaffected: TerminalAction;
}

const turn2 = recorded('example-terminal-files-and-search', 2);
const turn3 = recorded('example-terminal-files-and-search', 3);
const pythonTurn = recorded('example-terminal-errors-and-environment', 5);
const downloads = keys('pip install requests', 'git clone https://github.com/psf/requests.git');
const downloadsScreen = [
  `${P('/workspace')}pip install requests`,
  'Collecting requests',
  'Successfully installed requests-2.31.0',
  `${P('/workspace')}git clone https://github.com/psf/requests.git`,
  "Cloning into 'requests'...",
  P('/workspace'),
].join('\n');
const training = keys('python3 train.py --epochs 3 && ls checkpoints');
const trainingScreen = [
  `${P('/workspace')}python3 train.py --epochs 3 && ls checkpoints`,
  'epoch 1 loss 0.91',
  'epoch 2 loss 0.54',
  'epoch 3 loss 0.33',
  'model.pt',
  P('/workspace'),
].join('\n');

const CASES: readonly Case[] = [
  {
    id: 'no-space-left',
    defaults: { mount: '/' },
    action: turn2.action,
    observation: turn2.observation,
    rendered: [
      `${P('/workspace/notes')}printf 'alpha\\nbeta\\ngamma\\n' > words.txt`,
      'bash: printf: write error: No space left on device',
      `${P('/workspace/notes')}echo delta >> words.txt`,
      'bash: echo: write error: No space left on device',
      P('/workspace/notes'),
    ].join('\n'),
    mentions: [/No space left on device/, /ENOSPC/, /bash: printf: write error/],
    unaffected: turn3.action,
  },
  {
    id: 'read-only-filesystem',
    defaults: { mount: '/' },
    action: recorded('example-terminal-files-and-search', 1).action,
    observation: recorded('example-terminal-files-and-search', 1).observation,
    // mkdir -p fails at the first component, so the chained cd never runs and the prompt stays put.
    rendered: [
      `${P('/workspace')}mkdir -p notes/drafts && cd notes`,
      "mkdir: cannot create directory 'notes': Read-only file system",
      P('/workspace'),
    ].join('\n'),
    mentions: [/Read-only file system/, /EROFS/, /mkdir: cannot create directory 'notes'/],
    unaffected: turn3.action,
  },
  {
    id: 'permission-denied',
    defaults: { path: '' },
    action: turn3.action,
    observation: turn3.observation,
    rendered: [
      `${P('/workspace/notes')}cat words.txt`,
      'cat: words.txt: Permission denied',
      P('/workspace/notes'),
    ].join('\n'),
    mentions: [/Permission denied/, /`words\.txt`/, /EACCES/],
    unaffected: keys('pwd', 'echo hello'),
  },
  {
    id: 'file-missing',
    defaults: { path: '' },
    action: turn3.action,
    observation: turn3.observation,
    rendered: [
      `${P('/workspace/notes')}cat words.txt`,
      'cat: words.txt: No such file or directory',
      P('/workspace/notes'),
    ].join('\n'),
    mentions: [/No such file or directory/, /`words\.txt`/, /ENOENT/],
    unaffected: keys('pwd', 'export A=1'),
  },
  {
    id: 'command-not-found',
    defaults: { command: '' },
    action: pythonTurn.action,
    observation: pythonTurn.observation,
    rendered: [
      `${P('/workspace')}python3 -c 'print(sum(range(10)))'`,
      'bash: python3: command not found',
      P('/workspace'),
    ].join('\n'),
    mentions: [/`python3` is not installed/, /bash: python3: command not found/, /127/],
    unaffected: keys('cd /tmp', 'echo hi'),
  },
  {
    id: 'network-unreachable',
    defaults: { failure: 'dns', hosts: [] },
    action: downloads,
    observation: downloadsScreen,
    rendered: [
      `${P('/workspace')}pip install requests`,
      ...[4, 3, 2, 1, 0].map(
        (left) =>
          `WARNING: Retrying (Retry(total=${left}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f2c4a9b3d90>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/requests/`,
      ),
      'ERROR: Could not find a version that satisfies the requirement requests (from versions: none)',
      'ERROR: No matching distribution found for requests',
      `${P('/workspace')}git clone https://github.com/psf/requests.git`,
      "Cloning into 'requests'...",
      "fatal: unable to access 'https://github.com/psf/requests.git/': Could not resolve host: github.com",
      P('/workspace'),
    ].join('\n'),
    mentions: [/Could not resolve host/, /Temporary failure in name resolution/, /curl: \(6\)/],
    unaffected: turn3.action,
  },
  {
    id: 'command-hangs',
    defaults: { output: '' },
    action: keys('pip install requests', 'ls'),
    observation: `${P('/workspace')}pip install requests\nCollecting requests\nSuccessfully installed requests-2.31.0\n${P('/workspace')}ls\nsrc\n${P('/workspace')}`,
    // No new prompt; the line typed after the hanging command is only echoed.
    rendered: `${P('/workspace')}pip install requests\nls`,
    mentions: [/`pip install requests`/, /no new shell prompt/, /C-c/],
    unaffected: keys('cd /tmp', 'export A=1'),
  },
  {
    id: 'oom-killed',
    defaults: { keptLines: 2 },
    action: training,
    observation: trainingScreen,
    rendered: [
      `${P('/workspace')}python3 train.py --epochs 3 && ls checkpoints`,
      'epoch 1 loss 0.91',
      'epoch 2 loss 0.54',
      'Killed',
      P('/workspace'),
    ].join('\n'),
    mentions: [/`Killed`/, /137/, /`python3`/],
    unaffected: keys('ls -la', 'cat notes.txt'),
  },
];

describe('terminal perturbation catalog', () => {
  it('has at least six entries with unique kebab-case ids and no parameter named like a `when` key', () => {
    assert.ok(terminalPerturbations.length >= 6);
    const ids = terminalPerturbations.map((definition) => definition.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const definition of terminalPerturbations) {
      assert.match(definition.id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      assert.ok(definition.title.length > 0 && definition.description.length > 20, definition.id);
      const params = definition.params.parse({}) as Record<string, unknown>;
      for (const key of Object.keys(params)) {
        assert.ok(!['turn', 'tool', 'match', 'probability', 'every', 'from', 'until'].includes(key), key);
      }
    }
    assert.deepEqual(
      [...ids].sort(),
      CASES.map((item) => item.id).sort(),
      'every entry has a worked case below',
    );
  });

  for (const item of CASES) {
    describe(item.id, () => {
      const definition = entry(item.id);
      const params = definition.params.parse({}) as Record<string, unknown>;
      const context = contextOf(item.action, item.observation);

      it('fills every parameter from its default and refuses unknown ones', () => {
        assert.deepEqual(params, item.defaults);
        assert.equal(definition.params.safeParse({ bogus: 1 }).success, false);
      });

      it('writes an instruction that states the exact failure', () => {
        const text = definition.instruction(params, context);
        assert.ok(text.trim().length > 40);
        for (const pattern of item.mentions) assert.match(text, pattern);
        const atReset = definition.instruction(params, {
          spec,
          seed: 0,
          turnIndex: 0,
          actionText: '',
          tools: [],
        });
        assert.ok(atReset.trim().length > 40, 'an instruction also exists without an action (system prompt)');
      });

      it('renders the condition into the real screen deterministically, and checks it', () => {
        const rendered = definition.render(params, context);
        assert.equal(rendered, item.rendered);
        assert.equal(definition.render(params, context), rendered, 'same input, same screen');
        assert.equal(definition.manifested(params, { ...context, observation: rendered }), true);
        assert.equal(
          definition.manifested(params, context),
          false,
          'the unperturbed screen does not show it',
        );
      });

      it('applies only to actions that can show it', () => {
        assert.equal(definition.appliesTo?.(params, context), true);
        const other = contextOf(item.unaffected, P('/workspace'));
        assert.equal(definition.appliesTo?.(params, other), false);
      });
    });
  }
});

describe('terminal perturbation details', () => {
  it('no-space-left leaves writes on other mounts alone and renders a fallback when the screen lacks the command', () => {
    const definition = entry('no-space-left');
    const onTmp = definition.params.parse({ mount: '/tmp' });
    assert.equal(definition.appliesTo?.(onTmp, contextOf(turn2.action, turn2.observation)), false);
    assert.equal(definition.appliesTo?.(onTmp, contextOf(keys('echo x > /tmp/x'), '')), true);
    const scrolled = definition.render(
      definition.params.parse({}),
      contextOf(turn2.action, P('/workspace/notes')),
    );
    assert.equal(
      scrolled,
      `bash: printf: write error: No space left on device\nbash: echo: write error: No space left on device\n${P('/workspace/notes')}`,
    );
  });

  it('command-not-found names the configured program, and other programs keep working', () => {
    const definition = entry('command-not-found');
    const params = definition.params.parse({ command: 'git' });
    const context = contextOf(
      keys('git status'),
      `${P('/workspace')}git status\nOn branch main\n${P('/workspace')}`,
    );
    assert.match(definition.render(params, context), /^bash: git: command not found$/m);
    assert.equal(definition.appliesTo?.(params, contextOf(pythonTurn.action, pythonTurn.observation)), false);
    assert.equal(definition.params.safeParse({ command: 'a b' }).success, false);
  });

  it('network-unreachable can block chosen hosts only, and words "unreachable" failures the tools\' way', () => {
    const definition = entry('network-unreachable');
    const onlyPypi = definition.params.parse({ hosts: ['pypi.org'] });
    const curl = contextOf(
      keys('curl -sS https://example.com/a.json'),
      `${P('/workspace')}curl -sS https://example.com/a.json\n{}\n${P('/workspace')}`,
    );
    assert.equal(definition.appliesTo?.(onlyPypi, curl), false);
    const down = definition.params.parse({ failure: 'unreachable' });
    assert.match(
      definition.render(down, curl),
      /^curl: \(7\) Failed to connect to example\.com port 443 after 0 ms: Network is unreachable$/m,
    );
    assert.equal(definition.params.safeParse({ failure: 'slow' }).success, false);
  });

  it('command-hangs keeps the partial output it is given, and manifests on any screen without a final prompt', () => {
    const definition = entry('command-hangs');
    const params = definition.params.parse({ output: 'Collecting requests' });
    const context = contextOf(
      keys('pip install requests'),
      `${P('/workspace')}pip install requests\nDone\n${P('/workspace')}`,
    );
    assert.equal(
      definition.render(params, context),
      `${P('/workspace')}pip install requests\nCollecting requests`,
    );
    assert.equal(
      definition.manifested(params, { ...context, observation: `${P('/workspace')}sleep 100` }),
      true,
    );
  });

  it('file-missing and permission-denied follow a configured path', () => {
    for (const [id, reason] of [
      ['file-missing', 'No such file or directory'],
      ['permission-denied', 'Permission denied'],
    ] as const) {
      const definition = entry(id);
      const params = definition.params.parse({ path: 'config.yaml' });
      const context = contextOf(
        keys('cat README.md', 'cat config.yaml'),
        [
          `${P('/workspace')}cat README.md`,
          '# demo',
          `${P('/workspace')}cat config.yaml`,
          'debug: true',
          P('/workspace'),
        ].join('\n'),
      );
      const rendered = definition.render(params, context);
      assert.match(rendered, /# demo/);
      assert.match(rendered, new RegExp(`^cat: config\\.yaml: ${reason}$`, 'm'));
      assert.ok(!rendered.includes('debug: true'));
      assert.equal(
        definition.manifested(params, { ...context, observation: `cat: other.txt: ${reason}` }),
        false,
      );
    }
  });
});

describe('terminal perturbation rules in a spec', () => {
  it('refuses an unknown perturbation and bad parameters with INVALID_SPEC naming the rule', () => {
    const refused = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...specInput, perturbations }),
        (error: unknown) =>
          error instanceof AgentWorldError && error.code === 'INVALID_SPEC' && pattern.test(error.message),
      );
    };
    refused(
      [{ id: 'full', perturbation: 'disk-on-fire' }],
      /perturbations\[0\] \("full"\): unknown perturbation "disk-on-fire".*no-space-left/,
    );
    refused(
      [
        { perturbation: 'oom-killed' },
        { id: 'bad', perturbation: 'no-space-left', params: { mount: 'relative' } },
      ],
      /perturbations\[1\] \("bad"\): bad parameters for "no-space-left": params\.mount/,
    );
    refused([{ perturbation: 'command-hangs', params: { timeout: 5 } }], /perturbations\[0\].*params/);
  });
});

describe('terminal perturbations end to end', () => {
  it('replay: a turn-level rule renders the recorded screen, labels it and checks it', async () => {
    const engine = createReplayEngine({ sessions: records });
    const env = await createEnv(
      { ...specInput, perturbations: [{ id: 'disk', perturbation: 'no-space-left', when: { turn: 2 } }] },
      { engine },
    );
    await env.reset({ seed: 7 });
    const first = await env.step(recorded('example-terminal-files-and-search', 1).action);
    assert.equal(first.info.turn.provenance.source, 'replayed');
    assert.ok(!first.info.turn.events.some((event) => event.type === 'perturbation.injected'));

    const second = await env.step(turn2.action);
    const turn = second.info.turn;
    assert.equal(second.observation, CASES[0]?.rendered);
    assert.equal(turn.provenance.source, 'injected');
    const original = records.find((record) => record.id === 'example-terminal-files-and-search')?.turns[1];
    assert.equal(
      turn.provenance.origin?.source,
      original?.provenance.source,
      'where the recorded screen came from',
    );
    const injected = turn.events.filter((event) => event.type === 'perturbation.injected');
    assert.equal(injected.length, 1);
    assert.deepEqual(
      { ...injected[0]?.data },
      {
        rule: 'disk',
        ruleIndex: 0,
        perturbation: 'no-space-left',
        params: { mount: '/' },
        level: 'turn',
        rendered: true,
        manifested: true,
      },
    );
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:no-space-left'),
      { id: 'perturbation:no-space-left', status: 'pass' },
    );
    assert.deepEqual(
      turn.checks.filter((check) => check.status === 'fail'),
      [],
      'the rendered screen passes the terminal checks too',
    );

    const third = await env.step(turn3.action);
    assert.equal(third.info.turn.provenance.source, 'replayed');
    assert.equal(third.observation, turn3.observation);
  });

  describe('lwm over the scripted model server', () => {
    let server: ScriptedModelServer;
    const screens = [
      `${P('/workspace')}mkdir -p notes && cd notes\n${P('/workspace/notes')}`,
      `${P('/workspace/notes')}printf 'a\\n' > words.txt\nbash: printf: write error: No space left on device\n${P('/workspace/notes')}`,
      `${P('/workspace/notes')}curl -sS https://example.com/x\ncurl: (6) Could not resolve host: example.com\n${P('/workspace/notes')}`,
    ];
    const actions = [
      keys('mkdir -p notes && cd notes'),
      keys("printf 'a\\n' > words.txt"),
      keys('curl -sS https://example.com/x'),
    ];
    before(async () => {
      server = await startScriptedModelServer({
        script: (request: ScriptedRequest) => {
          const turn = request.messages.filter((message) => message.role === 'user').length;
          return { type: 'observation', observation: screens[turn - 1] ?? '' };
        },
      });
    });
    after(() => server.close());

    it('sends the control block after the action fence, keeps it in history and states trajectory rules in the system prompt', async () => {
      const engine = createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 });
      const env = await createEnv(
        {
          ...specInput,
          perturbations: [
            { id: 'full', perturbation: 'no-space-left', when: { turn: 2 } },
            { id: 'offline', perturbation: 'network-unreachable' },
          ],
        },
        { engine },
      );
      await env.reset({ seed: 11 });
      const results = [];
      for (const action of actions) results.push(await env.step(action));
      const bodies = server.completionBodies as ReadonlyArray<{
        messages: Array<{ role: string; content: string }>;
      }>;
      assert.equal(bodies.length, 3);

      const offline = entry('network-unreachable');
      const conditions = `${SYSTEM_CONDITIONS_HEADING}\nKeep these conditions in every observation they can affect, for the whole session:\n- ${offline.instruction(offline.params.parse({}), { spec: env.spec, seed: 0, turnIndex: 0, actionText: '', tools: [] })}`;
      assert.ok(
        bodies[0]?.messages[0]?.content.endsWith(conditions),
        'the trajectory rule is in the system prompt',
      );

      const full = entry('no-space-left');
      const action = actions[1] as TerminalAction;
      const actionText = terminalDomain.renderAction(action, env.spec);
      const instruction = full.instruction(full.params.parse({}), {
        spec: env.spec,
        seed: 0,
        turnIndex: 2,
        action,
        actionText,
        tools: terminalDomain.actionTools(action, env.spec),
      });
      const firing = `### Turn 2\n**Action:**\n${actionText}\n\n${TURN_CONTROL_HEADING}\n- ${instruction}`;
      const sent = bodies[1]?.messages;
      assert.equal(sent?.[sent.length - 1]?.content, `${firing}\n\n${DEFAULT_TURN_INSTRUCTION}`);
      assert.equal(bodies[2]?.messages[3]?.content, firing, 'the block stays in history byte for byte');
      assert.ok(
        !bodies[2]?.messages[5]?.content.includes(TURN_CONTROL_HEADING),
        'turn 3 has no block of its own',
      );
      assert.ok(!bodies[0]?.messages[1]?.content.includes(TURN_CONTROL_HEADING));

      const fired = results[1]?.info.turn;
      assert.equal(fired?.provenance.source, 'simulated');
      assert.deepEqual(
        fired?.checks.find((check) => check.id === 'perturbation:no-space-left'),
        { id: 'perturbation:no-space-left', status: 'pass' },
      );
      const label = fired?.events.find((event) => event.type === 'perturbation.injected');
      assert.equal(label?.data?.rendered, false);
      assert.equal(label?.data?.manifested, true);
      // The trajectory rule is labelled on the turn whose action can show it (curl), not on the others.
      const network = results.map(
        (result) =>
          result.info.turn.events.filter((event) => event.data?.perturbation === 'network-unreachable')
            .length,
      );
      assert.deepEqual(network, [0, 0, 1]);
      assert.equal(
        results[2]?.info.turn.checks.find((check) => check.id === 'perturbation:network-unreachable')?.status,
        'pass',
      );
    });
  });
});
