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
import type { SweAction } from './actions.js';
import { sweDomain } from './domain.js';
import { flakyRunFails } from './perturbations/flaky-tests.js';
import { swePerturbations } from './perturbations.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const records: SessionRecord[] = readFileSync(`${root}examples/sessions/swe.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
const inputs = Object.fromEntries(
  ['claude-code', 'gemini-cli', 'mini-swe-agent', 'swe-agent'].map((dialect) => [
    dialect,
    JSON.parse(readFileSync(`${root}examples/swe-${dialect}.json`, 'utf8')) as Record<string, unknown>,
  ]),
) as Record<'claude-code' | 'gemini-cli' | 'mini-swe-agent' | 'swe-agent', Record<string, unknown>>;
const specs = Object.fromEntries(
  Object.entries(inputs).map(([dialect, input]) => [dialect, WorldSpecSchema.parse(input)]),
) as Record<keyof typeof inputs, WorldSpec>;

function entry(id: string): AnyPerturbationDefinition {
  const found = swePerturbations.find((definition) => definition.id === id);
  assert.ok(found !== undefined, `catalog has ${id}`);
  return found;
}

function contextOf(spec: WorldSpec, input: unknown, observation: string, turnIndex = 3): ObservationContext {
  const action = sweDomain.parseAction(input, spec);
  return {
    spec,
    seed: 0,
    turnIndex,
    action,
    actionText: sweDomain.renderAction(action, spec),
    tools: sweDomain.actionTools(action, spec),
    observation,
  };
}

const bash = (command: string) => ({ name: 'Bash', arguments: { command } });
const shell = (command: string) => ({ name: 'bash', arguments: { command } });
const gemini = (command: string) => ({ name: 'run_shell_command', arguments: { command } });
const envelope = (command: string, output: string, exitCode = 0): string =>
  [
    `Command: ${command}`,
    'Directory: (root)',
    `Output: ${output}`,
    'Error: (none)',
    `Exit Code: ${exitCode}`,
    'Signal: (none)',
    'Background PIDs: (none)',
    'Process Group PGID: 40014',
  ].join('\n');

const PASSING_PYTEST = [
  '============================= test session starts ==============================',
  'platform linux -- Python 3.11.9, pytest-8.2.2, pluggy-1.5.0',
  'rootdir: /home/dev/calc',
  'collected 1 item',
  '',
  'test_calc.py .                                                            [100%]',
  '',
  '============================== 1 passed in 0.01s ===============================',
].join('\n');

/** The first turn (from 2) on which the seeded draw makes the flaky tests fail, and one on which they pass. */
function flakyTurns(spec: WorldSpec): { fails: number; passes: number } {
  const params = entry('flaky-tests').params.parse({}) as {
    failRate: number;
    tests: string[];
    error: string;
  };
  const draws = Array.from({ length: 30 }, (_, index) => index + 2).map((turnIndex) => ({
    turnIndex,
    fails: flakyRunFails(params, { spec, seed: 0, turnIndex, actionText: '', tools: [] }),
  }));
  const fails = draws.find((draw) => draw.fails)?.turnIndex;
  const passes = draws.find((draw) => !draw.fails)?.turnIndex;
  assert.ok(fails !== undefined && passes !== undefined);
  return { fails, passes };
}

interface Case {
  readonly id: string;
  readonly defaults: Record<string, unknown>;
  readonly spec: WorldSpec;
  readonly action: unknown;
  readonly observation: string;
  readonly turnIndex?: number;
  /** The exact rendering, or patterns it must match. */
  readonly rendered: string | readonly RegExp[];
  readonly mentions: readonly RegExp[];
  readonly unaffected: unknown;
}

const claudeStatus = records.find((record) => record.id === 'swe-claude-code-calc-real')?.turns[4];
assert.ok(claudeStatus !== undefined);
const flaky = flakyTurns(specs['mini-swe-agent']);

const CASES: readonly Case[] = [
  {
    id: 'failing-tests',
    defaults: { tests: [], error: 'AssertionError' },
    spec: specs['claude-code'],
    action: bash('python3 -m pytest'),
    observation: PASSING_PYTEST,
    rendered: [
      /^Exit code 1\n={29} test session starts ={30}\n/,
      /^test_calc\.py F {60}\[100%\]$/m,
      /^ {4}def test_add\(\):\n> {7}assert add\(2, 3\) == 5\nE {7}AssertionError\n\ntest_calc\.py:5: AssertionError$/m,
      /^FAILED test_calc\.py::test_add - AssertionError\n={30} 1 failed in 0\.12s ={31}$/m,
    ],
    mentions: [/`test_calc\.py::test_add`/, /AssertionError/, /Exit code 1/],
    unaffected: { name: 'Read', arguments: { file_path: '/home/dev/calc/calc.py' } },
  },
  {
    id: 'flaky-tests',
    defaults: { tests: [], failRate: 0.5, error: 'TimeoutError: timed out after 5.0 seconds' },
    spec: specs['mini-swe-agent'],
    action: shell('python3 -m pytest -q'),
    observation:
      '<returncode>0</returncode>\n<output>\n.                                                                        [100%]\n1 passed in 0.01s\n</output>',
    turnIndex: flaky.fails,
    rendered: [
      /^<returncode>1<\/returncode>\n<output>\n/,
      /^E {7}TimeoutError: timed out after 5\.0 seconds$/m,
      /^FAILED test_calc\.py::test_add - TimeoutError: timed out after 5\.0 seconds$/m,
      /<\/output>$/,
    ],
    mentions: [/intermittent/, /`test_calc\.py::test_add`/, /TimeoutError/, /<returncode>1<\/returncode>/],
    unaffected: shell('cat calc.py'),
  },
  {
    id: 'missing-dependency',
    defaults: { module: '' },
    spec: specs['gemini-cli'],
    action: gemini('python3 app.py'),
    observation: envelope('python3 app.py', 'hello'),
    rendered: envelope(
      'python3 app.py',
      [
        'Traceback (most recent call last):',
        '  File "/home/dev/calc/app.py", line 1, in <module>',
        '    import requests',
        "ModuleNotFoundError: No module named 'requests'",
      ].join('\n'),
      1,
    ),
    mentions: [/`requests`/, /ModuleNotFoundError: No module named 'requests'/, /Exit Code: 1/],
    unaffected: gemini('git status'),
  },
  {
    id: 'externally-managed-python',
    defaults: { pythonVersion: '3.12' },
    spec: specs['mini-swe-agent'],
    action: shell('pip install requests'),
    observation:
      '<returncode>0</returncode>\n<output>\nCollecting requests\nSuccessfully installed requests-2.32.3\n</output>',
    rendered: [
      /^<returncode>1<\/returncode>\n<output>\nerror: externally-managed-environment\n\n× This environment is externally managed\n╰─> /,
      /--break-system-packages/,
      /^hint: See PEP 668 for the detailed specification\.\n<\/output>$/m,
    ],
    mentions: [/error: externally-managed-environment/, /PEP 668/, /--break-system-packages/],
    unaffected: shell('python3 -m venv .venv && .venv/bin/pip install requests'),
  },
  {
    id: 'merge-conflict',
    defaults: { files: [], branch: 'feature/update' },
    spec: specs['claude-code'],
    action: claudeStatus.action,
    observation: claudeStatus.observation,
    rendered: 'UU calc.py\n?? NOTES.md',
    mentions: [/CONFLICT \(content\): Merge conflict in FILE/, /`calc\.py`/, /UU FILE/, /<<<<<<< HEAD/],
    unaffected: bash('git log --oneline'),
  },
  {
    id: 'lint-failure',
    defaults: { count: 2 },
    spec: specs['swe-agent'],
    action: shell('ruff check .'),
    observation: 'All checks passed!',
    rendered: [
      'calc.py:1:5: ANN201 Missing return type annotation for public function `add`',
      'calc.py:1:5: D103 Missing docstring in public function',
      'Found 2 errors.',
    ].join('\n'),
    mentions: [/ruff/, /2 problem/, /Found N errors/],
    unaffected: shell('python3 -m pytest'),
  },
  {
    id: 'network-blocked',
    defaults: { failure: 'dns', hosts: [] },
    spec: specs['claude-code'],
    action: bash('git clone https://github.com/psf/requests.git && cd requests'),
    observation: "Cloning into 'requests'...",
    rendered: [
      'Exit code 128',
      "Cloning into 'requests'...",
      "fatal: unable to access 'https://github.com/psf/requests.git/': Could not resolve host: github.com",
    ].join('\n'),
    mentions: [/no network/, /Could not resolve host/, /Exit code 128/],
    unaffected: bash('ls -la'),
  },
];

describe('swe perturbation catalog', () => {
  it('has at least six entries with unique kebab-case ids and no parameter named like a `when` key', () => {
    assert.ok(swePerturbations.length >= 6);
    const ids = swePerturbations.map((definition) => definition.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const definition of swePerturbations) {
      assert.match(definition.id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      const params = definition.params.parse({}) as Record<string, unknown>;
      for (const key of Object.keys(params)) {
        assert.ok(!['turn', 'tool', 'match', 'probability', 'every', 'from', 'until'].includes(key), key);
      }
    }
    assert.deepEqual([...ids].sort(), CASES.map((item) => item.id).sort());
  });

  for (const item of CASES) {
    describe(item.id, () => {
      const definition = entry(item.id);
      const params = definition.params.parse({}) as Record<string, unknown>;
      const context = contextOf(item.spec, item.action, item.observation, item.turnIndex);

      it('fills every parameter from its default and refuses unknown ones', () => {
        assert.deepEqual(params, item.defaults);
        assert.equal(definition.params.safeParse({ bogus: true }).success, false);
      });

      it('writes an instruction that states the exact result', () => {
        const text = definition.instruction(params, context);
        for (const pattern of item.mentions) assert.match(text, pattern);
        const atReset = definition.instruction(params, {
          spec: item.spec,
          seed: 0,
          turnIndex: 0,
          actionText: '',
          tools: [],
        });
        assert.ok(atReset.trim().length > 40);
        assert.ok(!atReset.includes('undefined'));
      });

      it("renders the condition in the dialect's envelope deterministically, and checks it", () => {
        const rendered = definition.render(params, context);
        if (typeof item.rendered === 'string') assert.equal(rendered, item.rendered);
        else for (const pattern of item.rendered) assert.match(rendered, pattern);
        assert.equal(definition.render(params, context), rendered);
        assert.equal(definition.manifested(params, { ...context, observation: rendered }), true);
        assert.equal(definition.manifested(params, context), false);
      });

      it('applies only to actions that can show it', () => {
        assert.equal(definition.appliesTo?.(params, context), true);
        const other = contextOf(item.spec, item.unaffected, 'ok', item.turnIndex);
        assert.equal(definition.appliesTo?.(params, other), false);
      });
    });
  }
});

describe('swe perturbation details', () => {
  it('flaky-tests fails on a seeded share of runs, the same runs every time', () => {
    const definition = entry('flaky-tests');
    const params = definition.params.parse({});
    const spec = specs['mini-swe-agent'];
    const draws = (): boolean[] =>
      Array.from({ length: 40 }, (_, index) =>
        Boolean(definition.appliesTo?.(params, contextOf(spec, shell('pytest'), '', index + 1))),
      );
    const first = draws();
    assert.deepEqual(draws(), first);
    const failures = first.filter(Boolean).length;
    assert.ok(failures > 8 && failures < 32, `${failures} of 40 runs fail`);
    assert.equal(definition.appliesTo?.(params, contextOf(spec, shell('pytest'), '', flaky.passes)), false);
    const never = definition.params.parse({ failRate: 0 });
    assert.ok(
      !Array.from({ length: 20 }, (_, index) => index + 1).some((turnIndex) =>
        definition.appliesTo?.(never, contextOf(spec, shell('pytest'), '', turnIndex)),
      ),
    );
  });

  it('failing-tests names the configured tests, in other runners too', () => {
    const definition = entry('failing-tests');
    const params = definition.params.parse({ tests: ['test_calc.py::test_sub'], error: 'assert 1 == 2' });
    const rendered = definition.render(params, contextOf(specs['swe-agent'], shell('pytest'), 'ok'));
    assert.match(rendered, /^FAILED test_calc\.py::test_sub - assert 1 == 2$/m);
    const go = definition.render(
      definition.params.parse({}),
      contextOf(specs['swe-agent'], shell('go test ./...'), 'ok'),
    );
    assert.match(go, /^--- FAIL: TestMain \(0\.00s\)$/m);
    const jest = definition.render(
      definition.params.parse({}),
      contextOf(specs['claude-code'], bash('npm test'), 'ok'),
    );
    assert.match(jest, /^Exit code 1\n FAIL {2}src\/index\.test\.js\n/);
    assert.match(jest, /^Tests: {7}1 failed, 1 total$/m);
  });

  it('missing-dependency finds a third-party import and speaks Node too', () => {
    const definition = entry('missing-dependency');
    const params = definition.params.parse({});
    const python = contextOf(specs['swe-agent'], shell("python3 -c 'import numpy, calc'"), 'ok');
    assert.match(definition.render(params, python), /^ModuleNotFoundError: No module named 'numpy'$/m);
    const node = contextOf(
      specs['mini-swe-agent'],
      shell('node server.js'),
      '<returncode>0</returncode>\n<output>\n</output>',
    );
    const rendered = definition.render(definition.params.parse({ module: 'express' }), node);
    assert.match(rendered, /^Error: Cannot find module 'express'$/m);
    assert.match(rendered, /^- \/testbed\/server\.js$/m);
    assert.equal(
      definition.manifested(definition.params.parse({ module: 'express' }), {
        ...node,
        observation: rendered,
      }),
      true,
    );
  });

  it('merge-conflict stops a merge and lists the files in a long git status', () => {
    const definition = entry('merge-conflict');
    const params = definition.params.parse({ files: ['calc.py', 'test_calc.py'] });
    const merge = definition.render(
      params,
      contextOf(specs['mini-swe-agent'], shell('git merge origin/main'), 'ok'),
    );
    assert.equal(
      merge,
      [
        '<returncode>1</returncode>',
        '<output>',
        'Auto-merging calc.py',
        'CONFLICT (content): Merge conflict in calc.py',
        'Auto-merging test_calc.py',
        'CONFLICT (content): Merge conflict in test_calc.py',
        'Automatic merge failed; fix conflicts and then commit the result.',
        '</output>',
      ].join('\n'),
    );
    const status = definition.render(
      params,
      contextOf(specs['swe-agent'], shell('git status'), 'On branch main'),
    );
    assert.match(
      status,
      /^Unmerged paths:\n {2}\(use "git add <file>\.\.\." to mark resolution\)\n\tboth modified: {3}calc\.py\n\tboth modified: {3}test_calc\.py$/m,
    );
  });

  it('network-blocked keeps what ran before the blocked command and drops what the blocked one printed', () => {
    const definition = entry('network-blocked');
    const context = contextOf(
      specs['swe-agent'],
      shell('echo start; curl -sS https://example.com/a'),
      'start\n<html></html>',
    );
    assert.equal(
      definition.render(definition.params.parse({}), context),
      // echo's output is known, so curl's real output (the page it fetched) is dropped: a blocked curl prints
      // only its error.
      'start\ncurl: (6) Could not resolve host: example.com',
    );
    const onlyNpm = definition.params.parse({ hosts: ['registry.npmjs.org'] });
    assert.equal(definition.appliesTo?.(onlyNpm, context), false);
  });

  it('actionTools names the tool and the programs a shell command starts', () => {
    const action = sweDomain.parseAction(
      bash('cd src && python3 -m pytest -q | tail -5; npx eslint .'),
      specs['claude-code'],
    ) as SweAction;
    assert.deepEqual(sweDomain.actionTools(action, specs['claude-code']), [
      'Bash',
      'cd',
      'python3',
      'pytest',
      'tail',
      'npx',
      'eslint',
    ]);
    const read = sweDomain.parseAction(
      { name: 'Read', arguments: { file_path: '/home/dev/calc/calc.py' } },
      specs['claude-code'],
    );
    assert.deepEqual(sweDomain.actionTools(read, specs['claude-code']), ['Read']);
  });
});

describe('swe perturbation rules in a spec', () => {
  it('refuses an unknown perturbation and bad parameters with INVALID_SPEC naming the rule', () => {
    const refused = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...inputs['claude-code'], perturbations }),
        (error: unknown) =>
          error instanceof AgentWorldError && error.code === 'INVALID_SPEC' && pattern.test(error.message),
      );
    };
    refused(
      [{ id: 'ci', perturbation: 'tests-on-fire' }],
      /perturbations\[0\] \("ci"\): unknown perturbation "tests-on-fire".*failing-tests/,
    );
    refused(
      [
        { perturbation: 'lint-failure' },
        { id: 'flaky', perturbation: 'flaky-tests', params: { failRate: 2 } },
      ],
      /perturbations\[1\] \("flaky"\): bad parameters for "flaky-tests": params\.failRate/,
    );
  });
});

describe('swe perturbations end to end', () => {
  it('replay: a turn-level rule renders the recorded tool result, labels it and checks it', async () => {
    const engine = createReplayEngine({ sessions: records });
    const record = records.find((entry) => entry.id === 'swe-claude-code-calc-real');
    assert.ok(record !== undefined);
    const env = await createEnv(
      {
        ...inputs['claude-code'],
        perturbations: [{ id: 'conflict', perturbation: 'merge-conflict', when: { turn: 5 } }],
      },
      { engine },
    );
    await env.reset({ seed: 7 });
    for (const turn of record.turns.slice(0, 4)) {
      const result = await env.step(turn.action);
      assert.equal(result.observation, turn.observation);
      assert.equal(result.info.turn.provenance.source, 'replayed');
    }
    const fifth = await env.step(record.turns[4]?.action);
    const turn = fifth.info.turn;
    assert.equal(fifth.observation, 'UU calc.py\n?? NOTES.md');
    assert.equal(turn.provenance.source, 'injected');
    assert.equal(turn.provenance.origin?.source, record.turns[4]?.provenance.source);
    const injected = turn.events.filter((event) => event.type === 'perturbation.injected');
    assert.equal(injected.length, 1);
    assert.equal(injected[0]?.data?.perturbation, 'merge-conflict');
    assert.equal(injected[0]?.data?.rendered, true);
    assert.equal(injected[0]?.data?.manifested, true);
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:merge-conflict'),
      {
        id: 'perturbation:merge-conflict',
        status: 'pass',
      },
    );
    assert.deepEqual(
      turn.checks.filter((check) => check.status === 'fail'),
      [],
    );
  });

  describe('lwm over the scripted model server', () => {
    let server: ScriptedModelServer;
    const actions = [shell('cat calc.py'), shell('python3 -m pytest'), shell('pip install requests')];
    const answers = [
      '<returncode>0</returncode>\n<output>\ndef add(a, b):\n    return a - b\n</output>',
      '<returncode>1</returncode>\n<output>\nFAILED test_calc.py::test_add - AssertionError\n1 failed in 0.03s\n</output>',
      '<returncode>1</returncode>\n<output>\nerror: externally-managed-environment\n</output>',
    ];
    before(async () => {
      server = await startScriptedModelServer({
        script: (request: ScriptedRequest) => {
          const turn = request.messages.filter((message) => message.role === 'user').length;
          return { type: 'observation', observation: answers[turn - 1] ?? '' };
        },
      });
    });
    after(() => server.close());

    it('sends the control block after the action fence, keeps it in history and states trajectory rules in the system prompt', async () => {
      const engine = createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 });
      const env = await createEnv(
        {
          ...inputs['mini-swe-agent'],
          perturbations: [
            { id: 'red', perturbation: 'failing-tests', when: { turn: 2 } },
            { id: 'pep668', perturbation: 'externally-managed-python' },
          ],
        },
        { engine },
      );
      await env.reset({ seed: 3 });
      const results = [];
      for (const action of actions) results.push(await env.step(action));
      const bodies = server.completionBodies as ReadonlyArray<{
        messages: Array<{ role: string; content: string }>;
      }>;
      assert.equal(bodies.length, 3);

      const pep668 = entry('externally-managed-python');
      const condition = pep668.instruction(pep668.params.parse({}), {
        spec: env.spec,
        seed: 0,
        turnIndex: 0,
        actionText: '',
        tools: [],
      });
      assert.ok(
        bodies[0]?.messages[0]?.content.endsWith(
          `${SYSTEM_CONDITIONS_HEADING}\nKeep these conditions in every observation they can affect, for the whole session:\n- ${condition}`,
        ),
      );

      const red = entry('failing-tests');
      const action = sweDomain.parseAction(actions[1], env.spec);
      const actionText = sweDomain.renderAction(action, env.spec);
      assert.equal(actionText, '```bash\npython3 -m pytest\n```');
      const instruction = red.instruction(red.params.parse({}), {
        spec: env.spec,
        seed: 0,
        turnIndex: 2,
        action,
        actionText,
        tools: sweDomain.actionTools(action, env.spec),
      });
      const firing = `### Turn 2\n**Action:**\n${actionText}\n\n${TURN_CONTROL_HEADING}\n- ${instruction}`;
      const sent = bodies[1]?.messages;
      assert.equal(sent?.[sent.length - 1]?.content, `${firing}\n\n${DEFAULT_TURN_INSTRUCTION}`);
      assert.equal(bodies[2]?.messages[3]?.content, firing, 'the block stays in history byte for byte');
      assert.ok(!bodies[2]?.messages[5]?.content.includes(TURN_CONTROL_HEADING));

      assert.deepEqual(
        results[1]?.info.turn.checks.find((check) => check.id === 'perturbation:failing-tests'),
        {
          id: 'perturbation:failing-tests',
          status: 'pass',
        },
      );
      const labels = results.map((result) =>
        result.info.turn.events
          .filter((event) => event.type === 'perturbation.injected')
          .map((event) => event.data?.rule),
      );
      assert.deepEqual(labels, [[], ['red'], ['pep668']]);
      assert.equal(
        results[2]?.info.turn.checks.find((check) => check.id === 'perturbation:externally-managed-python')
          ?.status,
        'pass',
      );
    });
  });
});

/** Real flake8 output captured by scripts/capture-lint/capture-flake8.py (flake8 7.x). */
const FLAKE8 = JSON.parse(readFileSync(`${root}scripts/capture-lint/flake8.json`, 'utf8')) as {
  version: string;
  files: Record<string, string>;
  cases: { args: string[]; stdout: string; exitCode: number }[];
};

describe('lint-failure: flake8 as real flake8 prints it', () => {
  const definition = entry('lint-failure');
  const withFiles = (files: Record<string, string>): WorldSpec =>
    WorldSpecSchema.parse({
      ...inputs['swe-agent'],
      initialState: {
        text: 'A repository.',
        data: {
          cwd: '/testbed',
          files: Object.fromEntries(Object.entries(files).map(([path, text]) => [`/testbed/${path}`, text])),
        },
      },
    });
  const captured = withFiles(FLAKE8.files);
  const quote = (word: string) => (/^[\w./=-]+$/.test(word) ? word : `'${word}'`);

  it('was captured from flake8 7', () => {
    assert.match(FLAKE8.version, /^7\.\d+\.\d+ \(mccabe: [\d.]+, pycodestyle: [\d.]+, pyflakes: [\d.]+\)/);
  });

  for (const { args, stdout, exitCode } of FLAKE8.cases) {
    if (exitCode === 0) continue;
    const count = stdout.split('\n').filter((line) => line !== '').length;
    for (const runner of ['flake8', 'python3 -m flake8']) {
      const command = [runner, ...args.map(quote)].join(' ');
      it(`renders \`${command}\` byte for byte as real flake8 printed it (${count} findings)`, () => {
        // SWE-agent shows the command's output as it is, less the final newline.
        const context = contextOf(
          captured,
          shell(command),
          'Your command ran successfully and did not produce any output.',
        );
        const rendered = definition.render({ count }, context);
        assert.equal(`${rendered}\n`, stdout);
        assert.equal(definition.manifested({ count }, { ...context, observation: rendered }), true);
      });
    }
  }

  it('makes up missing findings with C901 on the functions a file defines, after its own, sorted', () => {
    const context = contextOf(captured, shell('flake8 --max-complexity 1 clean.py tail.py'), '');
    const rendered = definition.render({ count: 3 }, context);
    assert.deepEqual(rendered.split('\n'), [
      "clean.py:1:1: C901 'sign' is too complex (2)",
      "tail.py:1:1: C901 'half' is too complex (2)",
      'tail.py:2:17: W292 no newline at end of file',
    ]);
    // A clean file with one function shows that one finding, not a function it does not define.
    const calc = contextOf(specs['swe-agent'], shell('flake8 calc.py'), '');
    assert.equal(definition.render({ count: 2 }, calc), "calc.py:1:1: C901 'add' is too complex (11)");
    // Only the first `count` findings, in flake8's order.
    const two = definition.render({ count: 2 }, contextOf(captured, shell('flake8 .'), ''));
    assert.equal(
      two,
      "./calc.py:1:1: F401 'os' imported but unused\n./calc.py:2:1: E302 expected 2 blank lines, found 0",
    );
  });
});

describe('network-blocked: the rest of the command line', () => {
  it('keeps `echo status $?` after the failing curl, with curl’s status, and the line’s own exit status', () => {
    const definition = entry('network-blocked');
    const command = 'curl -sS https://pypi.org/simple/; echo status $?';
    const context = contextOf(
      specs['claude-code'],
      bash(command),
      'curl: (6) Could not resolve host: pypi.org\nstatus 6',
    );
    const params = definition.params.parse({ failure: 'unreachable' });
    assert.equal(
      definition.render(params, context),
      'curl: (7) Failed to connect to pypi.org port 443 after 0 ms: Network is unreachable\nstatus 7',
    );
    // With nothing after the curl, the failure's own status shows.
    const alone = contextOf(specs['claude-code'], bash('curl -sS https://pypi.org/simple/'), '');
    assert.match(definition.render(params, alone), /^Exit code 7\n/);
  });
});
