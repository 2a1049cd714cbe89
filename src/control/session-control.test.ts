import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { PerturbationRuleInput } from '../core/perturbation.js';
import type { WorldSpec } from '../core/world-spec.js';
import { getDomain } from '../domains/index.js';
import { type TerminalAction, terminalDomain } from '../domains/terminal/index.js';
import { createLwmEngine } from '../engines/index.js';
import { createEnv, parseWorldSpec } from '../session/create-env.js';
import { readSpecFile } from '../session/spec-file.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../testing/index.js';
import {
  injectionReport,
  levelOf,
  mergeInjectionReports,
  parsePerturbFlag,
  readRuleFile,
  SessionControl,
  SYSTEM_CONDITIONS_HEADING,
  seededUniform,
  TURN_CONTROL_HEADING,
} from './index.js';

const baseSpec = (await readSpecFile('terminal')) as Record<string, unknown>;

function specWith(perturbations: PerturbationRuleInput[]): WorldSpec {
  return parseWorldSpec({ ...baseSpec, perturbations });
}

function typed(command: string): TerminalAction {
  return terminalDomain.parseAction([{ keystrokes: `${command}\n`, duration: 1 }], parseWorldSpec(baseSpec));
}

/** The perturbation ids injected on each of `commands` (turns 1…n) for this seed. */
function plan(control: SessionControl, seed: number, commands: readonly string[]): string[][] {
  return commands.map((command, index) => {
    const action = typed(command);
    return control
      .planTurn({
        seed,
        turnIndex: index + 1,
        action,
        actionText: terminalDomain.renderAction(action, baseParsed),
      })
      .map((injection) => injection.rule.definition.id);
  });
}
const baseParsed = parseWorldSpec(baseSpec);

describe('perturbation rules in a spec', () => {
  it('refuses an unknown perturbation, naming the rule and the known ids', () => {
    assert.throws(
      () => specWith([{ perturbation: 'no-space-left' }, { id: 'flood', perturbation: 'disk-on-fire' }]),
      (error) =>
        isAgentWorldError(error, 'INVALID_SPEC') &&
        error.message.includes('perturbations[1] ("flood")') &&
        error.message.includes('"disk-on-fire"') &&
        error.message.includes('no-space-left'),
    );
  });

  it('refuses bad parameters, naming the rule and the parameter', () => {
    assert.throws(
      () => specWith([{ perturbation: 'no-space-left', params: { mount: 'relative/path' } }]),
      (error) =>
        isAgentWorldError(error, 'INVALID_SPEC') &&
        error.message.includes('perturbations[0]') &&
        error.message.includes('params.mount'),
    );
    assert.throws(
      () => specWith([{ perturbation: 'no-space-left', params: { size: 3 } }]),
      (error) => isAgentWorldError(error, 'INVALID_SPEC') && error.message.includes('perturbations[0]'),
    );
  });

  it('refuses malformed conditions with the path of the bad field', () => {
    assert.throws(
      () => specWith([{ perturbation: 'no-space-left', when: { from: 5, until: 2 } }]),
      (error) => isAgentWorldError(error, 'INVALID_SPEC'),
    );
    assert.throws(
      () => specWith([{ perturbation: 'no-space-left', when: { match: '([' } }]),
      (error) => isAgentWorldError(error, 'INVALID_SPEC') && error.message.includes('match'),
    );
    assert.throws(
      () => specWith([{ perturbation: 'no-space-left', when: { probability: 2 } }]),
      (error) => isAgentWorldError(error, 'INVALID_SPEC') && error.message.includes('probability'),
    );
  });

  it('tells trajectory-level rules from turn-level ones', () => {
    assert.equal(levelOf(undefined), 'trajectory');
    assert.equal(levelOf({ probability: 0.5 }), 'trajectory');
    assert.equal(levelOf({ from: 3 }), 'turn');
    assert.equal(levelOf({ tool: 'curl' }), 'turn');
  });
});

describe('SessionControl', () => {
  it('fires turn-level rules exactly on the turns, tools and text their conditions name', () => {
    const control = new SessionControl(
      specWith([
        { perturbation: 'command-not-found', when: { turn: [2, 4] } },
        { perturbation: 'network-unreachable', when: { tool: 'curl' } },
        { perturbation: 'permission-denied', when: { match: 'secret', from: 3, until: 5 } },
        { perturbation: 'command-hangs', when: { every: 2, from: 3 } },
      ]),
      terminalDomain,
    );
    const commands = [
      'ls',
      'cat notes.txt',
      'curl http://example.com',
      'cat secret.txt',
      'cat secret.txt',
      'cat secret.txt',
    ];
    assert.deepEqual(plan(control, 1, commands), [
      [],
      ['command-not-found'],
      ['network-unreachable', 'command-hangs'],
      ['command-not-found', 'permission-denied'],
      ['permission-denied', 'command-hangs'],
      [],
    ]);
  });

  it('matches when.tool against the commands the shell runs, not words inside quotes', () => {
    const control = new SessionControl(
      specWith([{ perturbation: 'network-unreachable', when: { tool: 'curl' } }]),
      terminalDomain,
    );
    const commands = [
      "echo 'a; curl x'",
      'echo "a | curl x && curl y"',
      'echo a; curl http://example.com',
      'sudo curl http://example.com',
      'FOO=1 curl http://example.com | head -n 1',
      "cat <<'EOF'\ncurl http://example.com\nEOF",
    ];
    assert.deepEqual(plan(control, 1, commands), [
      [],
      [],
      ['network-unreachable'],
      ['network-unreachable'],
      ['network-unreachable'],
      [],
    ]);
    assert.deepEqual(terminalDomain.actionTools(typed("echo 'a; curl x'"), baseParsed), ['echo']);
    assert.deepEqual(terminalDomain.actionTools(typed('FOO=1 sudo git pull && make'), baseParsed), [
      'git',
      'make',
    ]);
    const keys = terminalDomain.parseAction(
      [
        { keystrokes: 'C-c', duration: 0.1 },
        { keystrokes: 'ls\n', duration: 1 },
      ],
      baseParsed,
    );
    assert.deepEqual(terminalDomain.actionTools(keys, baseParsed), ['C-c', 'ls']);
  });

  it('draws probabilities from the seed alone: same seed, same injections; another seed, others', () => {
    const control = new SessionControl(
      specWith([{ perturbation: 'command-not-found', when: { probability: 0.5, from: 1 } }]),
      terminalDomain,
    );
    const commands = Array.from({ length: 40 }, (_, index) => `cat file${index}.txt`);
    const first = plan(control, 7, commands);
    assert.deepEqual(plan(control, 7, commands), first);
    const fired = first.filter((ids) => ids.length > 0).length;
    assert.ok(fired > 8 && fired < 32, `about half of 40 turns fire, got ${fired}`);
    assert.notDeepEqual(plan(control, 8, commands), first);
  });

  it('gives the same draws in another process', () => {
    const script =
      "import { seededUniform } from './src/core/seeded-random.ts'; console.log(JSON.stringify([0,1,2,3].map((turn) => seededUniform(42, 'turn', 0, turn))));";
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.deepEqual(
      JSON.parse(output),
      [0, 1, 2, 3].map((turn) => seededUniform(42, 'turn', 0, turn)),
    );
  });

  it('states trajectory-level rules in the system prompt, drawn once per episode', () => {
    const always = new SessionControl(specWith([{ perturbation: 'no-space-left' }]), terminalDomain);
    const prompt = always.systemPrompt('BASE', 3);
    assert.ok(prompt.startsWith('BASE\n\n'));
    assert.ok(prompt.includes(SYSTEM_CONDITIONS_HEADING));
    assert.ok(prompt.includes('No space left on device'));
    // Labelled on turns whose action can show it (a write), not on reads.
    assert.deepEqual(plan(always, 3, ['cat notes.txt', 'echo hi > out.txt']), [[], ['no-space-left']]);
    const action = typed('echo hi > out.txt');
    const [injection] = always.planTurn({
      seed: 3,
      turnIndex: 1,
      action,
      actionText: terminalDomain.renderAction(action, baseParsed),
    });
    assert.equal(injection?.instruction, undefined, 'stated at reset, not repeated in the turn');

    const sometimes = new SessionControl(
      specWith([{ perturbation: 'no-space-left', when: { probability: 0.5 } }]),
      terminalDomain,
    );
    const withCondition = Array.from({ length: 40 }, (_, seed) =>
      sometimes.systemPrompt('BASE', seed),
    ).filter((text) => text !== 'BASE').length;
    assert.ok(withCondition > 8 && withCondition < 32, `about half the episodes, got ${withCondition}`);
  });

  it('renders for engines that cannot follow instructions and checks what each observation shows', () => {
    const control = new SessionControl(
      specWith([{ id: 'full', perturbation: 'no-space-left', when: { turn: 1 } }]),
      terminalDomain,
    );
    const action = typed('echo hi > out.txt');
    const facts = {
      seed: 1,
      turnIndex: 1,
      action,
      actionText: terminalDomain.renderAction(action, baseParsed),
    };
    const injections = control.planTurn(facts);
    const screen = 'root@box:/workspace# echo hi > out.txt\nroot@box:/workspace# ';

    const recorded = control.afterObservation(injections, facts, screen, false);
    assert.notEqual(recorded.observation, screen);
    assert.match(recorded.observation, /No space left on device/);
    assert.deepEqual(recorded.checks, [{ id: 'perturbation:no-space-left', status: 'pass' }]);
    assert.equal(recorded.events[0]?.type, 'perturbation.injected');
    assert.equal(recorded.events[0]?.data?.rule, 'full');
    assert.equal(recorded.events[0]?.data?.rendered, true);
    assert.equal(recorded.events[0]?.data?.manifested, true);

    // A model engine's observation is kept as it is; here it ignored the instruction, and the check says so.
    const ignored = control.afterObservation(injections, facts, screen, true);
    assert.equal(ignored.observation, screen);
    assert.equal(ignored.checks[0]?.status, 'fail');
    assert.equal(ignored.events[0]?.data?.manifested, false);
  });
});

describe('reports, flags and rule files', () => {
  it('counts injections and manifestations per session and per run', () => {
    const event = (perturbation: string, manifested: boolean) => ({
      type: 'perturbation.injected',
      data: { perturbation, manifested },
    });
    const one = injectionReport([
      { events: [event('a', true), { type: 'cache.hit' }] },
      { events: [event('a', false), event('b', true)] },
    ]);
    assert.equal(one.injections, 3);
    assert.equal(one.manifested, 2);
    assert.equal(one.manifestationRate, 2 / 3);
    assert.deepEqual(one.byPerturbation.a, { injections: 2, manifested: 1 });
    const run = mergeInjectionReports([one, injectionReport([{ events: [event('b', false)] }])]);
    assert.equal(run.injections, 4);
    assert.equal(run.manifestationRate, 0.5);
    assert.equal(injectionReport([]).manifestationRate, undefined);
  });

  it('parses --perturb flags into rules', () => {
    assert.deepEqual(parsePerturbFlag('no-space-left'), { perturbation: 'no-space-left', params: {} });
    assert.deepEqual(parsePerturbFlag('no-space-left:mount=/data,from=3,probability=0.5'), {
      perturbation: 'no-space-left',
      params: { mount: '/data' },
      when: { from: 3, probability: 0.5 },
    });
    assert.deepEqual(parsePerturbFlag('command-not-found:turn=[2,3]').when, { turn: [2, 3] });
    assert.throws(
      () => parsePerturbFlag(':x=1'),
      (error) => isAgentWorldError(error, 'INVALID_REQUEST'),
    );
    assert.throws(
      () => parsePerturbFlag('no-space-left:mount'),
      (error) => isAgentWorldError(error, 'INVALID_REQUEST') && error.message.includes('key=value'),
    );
  });

  it('reads rule files as a list or as a spec-like object, and names the bad field', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'agentworld-rules-'));
    const list = join(directory, 'rules.json');
    writeFileSync(list, JSON.stringify([{ perturbation: 'no-space-left', when: { from: 2 } }]));
    assert.equal((await readRuleFile(list))[0]?.when?.from, 2);
    const yaml = join(directory, 'rules.yaml');
    writeFileSync(yaml, 'perturbations:\n  - perturbation: oom-killed\n    when: { turn: 4 }\n');
    assert.equal((await readRuleFile(yaml))[0]?.perturbation, 'oom-killed');
    const bad = join(directory, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ perturbation: 'x', when: { turn: 0 } }]));
    await assert.rejects(readRuleFile(bad), (error) => isAgentWorldError(error, 'INVALID_SPEC'));
    await assert.rejects(readRuleFile(join(directory, 'missing.json')), (error) =>
      isAgentWorldError(error, 'INVALID_SPEC'),
    );
  });
});

/** server-memory's spec with its inlined tools (closed outputSchemas), without starting the real server. */
function memorySpec(perturbations: PerturbationRuleInput[]): WorldSpec {
  const input = JSON.parse(
    readFileSync(new URL('../../examples/mcp-memory.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const { toolsFrom: _server, ...spec } = input;
  return parseWorldSpec({ ...spec, perturbations });
}

describe('checks a perturbation overrides (overridesChecks)', () => {
  const mcp = getDomain('mcp');
  const readGraph = { name: 'read_graph', arguments: {} };
  const facts = (spec: WorldSpec, turnIndex = 1) => ({
    seed: 5,
    turnIndex,
    action: mcp.parseAction(readGraph, spec),
    actionText: mcp.renderAction(mcp.parseAction(readGraph, spec), spec),
  });

  it('turns the declared checks into skips naming the perturbation, its rule and the verdict it replaced', () => {
    const spec = memorySpec([{ id: 'pages', perturbation: 'paginated-results', when: { turn: 1 } }]);
    const control = new SessionControl(spec, mcp);
    const injections = control.planTurn(facts(spec));
    assert.deepEqual(
      injections.map((injection) => injection.rule.definition.id),
      ['paginated-results'],
    );
    const checks = control.overrideChecks(injections, [
      { id: 'output-schema', status: 'fail', message: 'unexpected key "nextCursor"' },
      { id: 'non-empty', status: 'pass' },
    ]);
    assert.equal(checks[0]?.id, 'output-schema');
    assert.equal(checks[0]?.status, 'skip');
    assert.match(
      checks[0]?.message ?? '',
      /^perturbation "paginated-results" \(pages\) overrides this check: /,
    );
    assert.match(checks[0]?.message ?? '', /\(it failed: unexpected key "nextCursor"\)$/);
    assert.deepEqual(checks[1], { id: 'non-empty', status: 'pass' });
    assert.match(
      control.overrideChecks(injections, [{ id: 'output-schema', status: 'pass' }])[0]?.message ?? '',
      /\(it passed\)$/,
    );
    // A turn the rule does not fire on keeps every verdict.
    const quiet = control.planTurn(facts(spec, 2));
    assert.deepEqual(control.overrideChecks(quiet, [{ id: 'output-schema', status: 'fail' }]), [
      { id: 'output-schema', status: 'fail' },
    ]);
  });

  it('every declaration is a domain check, with its reason', () => {
    for (const domain of ['mcp', 'android', 'os', 'terminal', 'swe'] as const) {
      for (const definition of getDomain(domain).perturbations) {
        for (const [check, reason] of Object.entries(definition.overridesChecks ?? {})) {
          assert.ok(!check.startsWith('perturbation:'), `${definition.id}: ${check}`);
          assert.ok(reason.length > 20, `${definition.id}: a reason for ${check}`);
        }
      }
    }
  });

  describe('on a world model that follows the instruction', () => {
    const paged = JSON.stringify({
      entities: [{ type: 'entity', name: 'Ada', entityType: 'person', observations: ['works'] }],
      relations: [],
      nextCursor: 'eyJwYWdlIjoyfQ',
    });
    let server: ScriptedModelServer;
    before(async () => {
      server = await startScriptedModelServer({ script: [paged, paged] });
    });
    after(async () => {
      await server.close();
    });

    it('skips output-schema on the instructed turn, naming the perturbation, and fails it where none was injected', async () => {
      const engine = createLwmEngine({
        baseUrl: server.url,
        model: server.model,
        retryBaseMs: 1,
        retryMaxMs: 5,
      });
      const spec = memorySpec([{ id: 'pages', perturbation: 'paginated-results', when: { turn: 1 } }]);
      const env = await createEnv(spec, { engine });
      try {
        await env.reset({ seed: 2 });
        await env.step(readGraph);
        await env.step(readGraph);
        const [instructed, plain] = env.turns;
        assert.ok(instructed?.prompt.includes(TURN_CONTROL_HEADING), 'instructed, not rendered');
        const event = instructed?.events.find((entry) => entry.type === 'perturbation.injected');
        assert.equal(event?.data?.rendered, false);
        assert.equal(event?.data?.manifested, true);
        assert.equal(instructed?.observation, paged);
        const overridden = instructed?.checks.find((check) => check.id === 'output-schema');
        assert.equal(overridden?.status, 'skip');
        assert.match(overridden?.message ?? '', /perturbation "paginated-results" \(pages\)/);
        assert.match(overridden?.message ?? '', /\(it failed: /);
        assert.ok(!instructed?.events.some((entry) => entry.type === 'check.failed'));
        // The same answer on a turn with no injection breaks the declared schema, as it should.
        assert.equal(plain?.checks.find((check) => check.id === 'output-schema')?.status, 'fail');
      } finally {
        await env.close();
      }
    });
  });
});
