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
import { DESKTOP_TABLE_HEADER, parseDesktopTable } from './accessibility-table.js';
import { osDomain } from './domain.js';
import { osPerturbations } from './perturbations.js';
import { renderDesktopTextCell } from './table-render.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const records: SessionRecord[] = readFileSync(`${root}examples/sessions/os.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
const pyautoguiInput = JSON.parse(readFileSync(`${root}examples/os-pyautogui.json`, 'utf8')) as Record<
  string,
  unknown
>;
const computer13Input = JSON.parse(readFileSync(`${root}examples/os-computer13.json`, 'utf8')) as Record<
  string,
  unknown
>;
const spec: WorldSpec = WorldSpecSchema.parse(pyautoguiInput);
const pyautoguiRecord = records.find((record) => record.spec.id === 'example-os-pyautogui');
const computer13Record = records.find((record) => record.spec.id === 'example-os-computer13');
assert.ok(pyautoguiRecord !== undefined && computer13Record !== undefined);
const typed = pyautoguiRecord.turns[1];
assert.ok(typed !== undefined);

function entry(id: string): AnyPerturbationDefinition {
  const found = osPerturbations.find((definition) => definition.id === id);
  assert.ok(found !== undefined, `catalog has ${id}`);
  return found;
}

function contextOf(input: unknown, observation: string, turnIndex = 2): ObservationContext {
  const action = osDomain.parseAction(input, spec);
  return {
    spec,
    seed: 0,
    turnIndex,
    action,
    actionText: osDomain.renderAction(action, spec),
    tools: osDomain.actionTools(action, spec),
    observation,
  };
}

/** A row as OSWorld writes it: an empty text cell is `""`. */
const row = (tag: string, name: string, text: string, ...rest: string[]): string =>
  [tag, name, renderDesktopTextCell(text), ...rest].join('\t');

interface Case {
  readonly id: string;
  readonly defaults: Record<string, unknown>;
  /** The rows added after the recorded table, or the whole expected table. */
  readonly appended?: readonly string[];
  readonly whole?: string;
  readonly mentions: readonly RegExp[];
}

const CASES: readonly Case[] = [
  {
    id: 'modal-dialog',
    defaults: { title: 'Error', message: 'The operation could not be completed.', buttons: ['OK'] },
    appended: [
      row('dialog', 'Error', '', 'gedit', '', '(720, 455)', '(480, 170)'),
      row('label', 'Error', 'Error', '', '', '(744, 479)', '(432, 22)'),
      row(
        'label',
        'The operation could not be completed.',
        'The operation could not be completed.',
        '',
        '',
        '(744, 515)',
        '(432, 20)',
      ),
      row('push-button', 'OK', '', '', '', '(744, 577)', '(432, 34)'),
    ],
    mentions: [/"Error"/, /`dialog` row/, /"OK"/],
  },
  {
    id: 'app-not-responding',
    defaults: { app: '' },
    appended: [
      row('dialog', '“gedit” is not responding.', '', 'gnome-shell', '', '(720, 455)', '(480, 170)'),
      row(
        'label',
        '“gedit” is not responding.',
        '“gedit” is not responding.',
        '',
        '',
        '(744, 479)',
        '(432, 22)',
      ),
      row(
        'label',
        'Wait for it to continue, or force it to quit now and lose any unsaved work.',
        'Wait for it to continue, or force it to quit now and lose any unsaved work.',
        '',
        '',
        '(744, 515)',
        '(432, 20)',
      ),
      row('push-button', 'Force Quit', '', '', '', '(744, 577)', '(204, 34)'),
      row('push-button', 'Wait', '', '', '', '(972, 577)', '(204, 34)'),
    ],
    mentions: [/is not responding/, /"Force Quit"/, /"Wait"/],
  },
  {
    id: 'low-disk-warning',
    defaults: { remaining: '512.0 MB', volume: '' },
    appended: [
      row('notification', 'Low Disk Space', '', 'gnome-shell', '', '(720, 40)', '(480, 170)'),
      row('label', 'Low Disk Space', 'Low Disk Space', '', '', '(744, 64)', '(432, 22)'),
      row(
        'label',
        'This computer has only 512.0 MB disk space remaining.',
        'This computer has only 512.0 MB disk space remaining.',
        '',
        '',
        '(744, 100)',
        '(432, 20)',
      ),
      row('push-button', 'Examine', '', '', '', '(744, 162)', '(204, 34)'),
      row('push-button', 'Ignore', '', '', '', '(972, 162)', '(204, 34)'),
    ],
    mentions: [/"Low Disk Space"/, /512\.0 MB/, /"Examine" and "Ignore"/],
  },
  {
    id: 'update-notification',
    defaults: { downloadSize: '215.6 MB' },
    appended: [
      row('frame', 'Software Updater', '', 'update-manager', '', '(680, 442)', '(560, 196)'),
      row('label', 'Software Updater', 'Software Updater', '', '', '(704, 466)', '(512, 22)'),
      row(
        'label',
        'Software updates are available for this computer. Install them now?',
        'Software updates are available for this computer. Install them now?',
        '',
        '',
        '(704, 502)',
        '(512, 20)',
      ),
      row(
        'label',
        '215.6 MB will be downloaded.',
        '215.6 MB will be downloaded.',
        '',
        '',
        '(704, 528)',
        '(512, 20)',
      ),
      row('push-button', 'Settings…', '', '', '', '(704, 590)', '(154, 34)'),
      row('push-button', 'Remind Me Later', '', '', '', '(882, 590)', '(154, 34)'),
      row('push-button', 'Install Now', '', '', '', '(1060, 590)', '(154, 34)'),
    ],
    mentions: [/"Software Updater"/, /"Install Now"/, /215\.6 MB/],
  },
  {
    id: 'permission-prompt',
    defaults: { purpose: 'change system settings', account: 'user' },
    appended: [
      row('dialog', 'Authentication Required', '', 'gnome-shell', '', '(720, 422)', '(480, 236)'),
      row('label', 'Authentication Required', 'Authentication Required', '', '', '(744, 446)', '(432, 22)'),
      row(
        'label',
        'Authentication is required to change system settings.',
        'Authentication is required to change system settings.',
        '',
        '',
        '(744, 482)',
        '(432, 20)',
      ),
      row('label', 'user', 'user', '', '', '(744, 508)', '(432, 20)'),
      row('password-text', 'Password', '', '', '', '(744, 542)', '(432, 34)'),
      row('push-button', 'Cancel', '', '', '', '(744, 610)', '(204, 34)'),
      row('push-button', 'Authenticate', '', '', '', '(972, 610)', '(204, 34)'),
    ],
    mentions: [/"Authentication Required"/, /`password-text`/, /"Authenticate"/],
  },
  {
    id: 'lock-screen',
    defaults: { account: 'user' },
    whole: [
      DESKTOP_TABLE_HEADER,
      row('label', 'Clock', '10:42', '', '', '(850, 324)', '(220, 90)'),
      row('label', 'user', 'user', '', '', '(810, 540)', '(300, 28)'),
      row('password-text', 'Password', '', '', '', '(810, 584)', '(260, 36)'),
      row('push-button', 'Unlock', '', '', '', '(1074, 584)', '(36, 36)'),
    ].join('\n'),
    mentions: [/lock screen/, /"Unlock"/, /`password-text`/],
  },
  {
    id: 'app-crash',
    defaults: { app: '' },
    mentions: [/closed unexpectedly/, /"Relaunch"/, /disappear/],
  },
];

describe('os perturbation catalog', () => {
  it('has at least six entries with unique kebab-case ids and no parameter named like a `when` key', () => {
    assert.ok(osPerturbations.length >= 6);
    const ids = osPerturbations.map((definition) => definition.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const definition of osPerturbations) {
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
      const context = contextOf(typed.action, typed.observation);

      it('fills every parameter from its default and refuses unknown ones', () => {
        assert.deepEqual(params, item.defaults);
        assert.equal(definition.params.safeParse({ bogus: 1 }).success, false);
      });

      it('writes an instruction that says which rows the state gains', () => {
        const text = definition.instruction(params, context);
        for (const pattern of item.mentions) assert.match(text, pattern);
        assert.ok(
          definition.instruction(params, { spec, seed: 0, turnIndex: 0, actionText: '', tools: [] }).length >
            40,
        );
      });

      it('renders the condition into the recorded accessibility table deterministically, and checks it', () => {
        const rendered = definition.render(params, context);
        if (item.appended !== undefined)
          assert.equal(rendered, [typed.observation, ...item.appended].join('\n'));
        if (item.whole !== undefined) assert.equal(rendered, item.whole);
        assert.equal(definition.render(params, context), rendered);
        const table = parseDesktopTable(rendered);
        assert.equal(table.hasHeader, true);
        assert.deepEqual(table.problems, [], 'every row keeps the seven columns');
        assert.equal(definition.manifested(params, { ...context, observation: rendered }), true);
        assert.equal(definition.manifested(params, context), false);
      });

      it('applies to actions on the desktop, not to DONE or FAIL', () => {
        assert.equal(definition.appliesTo?.(params, context), true);
        assert.equal(definition.appliesTo?.(params, contextOf('DONE', typed.observation)), false);
        assert.equal(definition.appliesTo?.(params, contextOf('FAIL', typed.observation)), false);
      });
    });
  }
});

describe('os perturbation details', () => {
  it('app-crash removes the application window and keeps the panel and dock', () => {
    const definition = entry('app-crash');
    const rendered = definition.render(
      definition.params.parse({}),
      contextOf(typed.action, typed.observation),
    );
    const nodes = parseDesktopTable(rendered).nodes;
    assert.ok(
      !nodes.some((node) => node.tag === 'frame' || node.name === 'Save'),
      'the gedit window is gone',
    );
    assert.ok(
      nodes.some((node) => node.name === 'Activities') && nodes.some((node) => node.name === 'Terminal'),
    );
    assert.equal(nodes.find((node) => node.name === 'Text Editor')?.description, '', 'no longer running');
    assert.deepEqual(
      nodes.slice(-2).map((node) => node.name),
      ['Close', 'Relaunch'],
    );
    assert.ok(nodes.some((node) => node.tag === 'dialog' && node.name === 'gedit closed unexpectedly'));
  });

  it('dialogs name the configured application and follow the screen size', () => {
    const definition = entry('app-not-responding');
    const wide = WorldSpecSchema.parse({
      ...pyautoguiInput,
      initialState: {
        ...(pyautoguiInput.initialState as object),
        data: { screen: { width: 2560, height: 1440 } },
      },
    });
    const action = osDomain.parseAction(typed.action, wide);
    const rendered = definition.render(definition.params.parse({ app: 'LibreOffice Calc' }), {
      spec: wide,
      seed: 0,
      turnIndex: 2,
      action,
      actionText: '',
      tools: [],
      observation: typed.observation,
    });
    const dialog = parseDesktopTable(rendered).nodes.find((node) => node.tag === 'dialog');
    assert.equal(dialog?.name, '“LibreOffice Calc” is not responding.');
    assert.deepEqual(dialog?.position, { x: 1040, y: 635 });
  });

  it('manifestation checks accept a world model wording the same condition its own way', () => {
    const imitation = [
      typed.observation,
      row('alert', "gedit isn't responding", '', 'gnome-shell', '', '(700, 400)', '(500, 200)'),
      row('push-button', 'Wait', '', '', '', '(720, 550)', '(200, 34)'),
    ].join('\n');
    const definition = entry('app-not-responding');
    assert.equal(
      definition.manifested(definition.params.parse({}), contextOf(typed.action, imitation)),
      true,
    );
    const modal = entry('modal-dialog');
    assert.equal(modal.manifested(modal.params.parse({}), contextOf(typed.action, imitation)), false);
  });

  it('actionTools names pyautogui functions and computer13 types, short and full', () => {
    const code = osDomain.parseAction("pyautogui.hotkey('ctrl', 's')\ntime.sleep(1)", spec);
    assert.deepEqual(osDomain.actionTools(code, spec), ['hotkey', 'pyautogui.hotkey', 'sleep', 'time.sleep']);
    const c13 = WorldSpecSchema.parse(computer13Input);
    const click = osDomain.parseAction({ action_type: 'CLICK', parameters: { x: 1, y: 2 } }, c13);
    assert.deepEqual(osDomain.actionTools(click, c13), ['CLICK', 'click']);
    assert.deepEqual(osDomain.actionTools(osDomain.parseAction('WAIT', spec), spec), ['WAIT', 'wait']);
  });
});

describe('os perturbation rules in a spec', () => {
  it('refuses an unknown perturbation and bad parameters with INVALID_SPEC naming the rule', () => {
    const refused = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...pyautoguiInput, perturbations }),
        (error: unknown) =>
          error instanceof AgentWorldError && error.code === 'INVALID_SPEC' && pattern.test(error.message),
      );
    };
    refused(
      [{ id: 'pop', perturbation: 'popup' }],
      /perturbations\[0\] \("pop"\): unknown perturbation "popup".*modal-dialog/,
    );
    refused(
      [{ perturbation: 'lock-screen' }, { id: 'bad', perturbation: 'modal-dialog', params: { buttons: [] } }],
      /perturbations\[1\] \("bad"\): bad parameters for "modal-dialog": params\.buttons/,
    );
  });
});

describe('os perturbations end to end', () => {
  it('replay: a turn-level rule renders the recorded table, labels it and checks it', async () => {
    const engine = createReplayEngine({ sessions: records });
    const env = await createEnv(
      {
        ...pyautoguiInput,
        perturbations: [{ id: 'popup', perturbation: 'modal-dialog', when: { turn: 2 } }],
      },
      { engine },
    );
    await env.reset({ seed: 7 });
    const first = await env.step(pyautoguiRecord.turns[0]?.action);
    assert.equal(first.info.turn.provenance.source, 'replayed');
    const second = await env.step(typed.action);
    const turn = second.info.turn;
    assert.equal(second.observation, [typed.observation, ...(CASES[0]?.appended ?? [])].join('\n'));
    assert.equal(turn.provenance.source, 'injected');
    assert.equal(turn.provenance.origin?.source, typed.provenance.source);
    const injected = turn.events.filter((event) => event.type === 'perturbation.injected');
    assert.deepEqual(
      injected.map((event) => [event.data?.perturbation, event.data?.rendered, event.data?.manifested]),
      [['modal-dialog', true, true]],
    );
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:modal-dialog'),
      {
        id: 'perturbation:modal-dialog',
        status: 'pass',
      },
    );
    assert.deepEqual(
      turn.checks.filter((check) => check.status === 'fail'),
      [],
    );
    const third = await env.step(pyautoguiRecord.turns[2]?.action);
    assert.equal(third.info.turn.provenance.source, 'replayed');
  });

  describe('lwm over the scripted model server', () => {
    let server: ScriptedModelServer;
    const turns = computer13Record.turns.slice(0, 3);
    const frozen = [
      turns[1]?.observation ?? '',
      row('dialog', '“gedit” is not responding.', '', 'gnome-shell', '', '(720, 455)', '(480, 170)'),
      row('push-button', 'Force Quit', '', '', '', '(744, 577)', '(204, 34)'),
      row('push-button', 'Wait', '', '', '', '(972, 577)', '(204, 34)'),
    ].join('\n');
    const answers = [turns[0]?.observation ?? '', frozen, turns[2]?.observation ?? ''];
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
          ...computer13Input,
          perturbations: [
            { id: 'hang', perturbation: 'app-not-responding', when: { turn: 2 } },
            { id: 'disk', perturbation: 'low-disk-warning', params: { remaining: '1.2 GB' } },
          ],
        },
        { engine },
      );
      await env.reset({ seed: 5 });
      const results = [];
      for (const turn of turns) results.push(await env.step(turn.action));
      const bodies = server.completionBodies as ReadonlyArray<{
        messages: Array<{ role: string; content: string }>;
      }>;
      assert.equal(bodies.length, 3);

      const disk = entry('low-disk-warning');
      const condition = disk.instruction(disk.params.parse({ remaining: '1.2 GB' }), {
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

      const hang = entry('app-not-responding');
      const action = osDomain.parseAction(turns[1]?.action, env.spec);
      const actionText = osDomain.renderAction(action, env.spec);
      const instruction = hang.instruction(hang.params.parse({}), {
        spec: env.spec,
        seed: 0,
        turnIndex: 2,
        action,
        actionText,
        tools: osDomain.actionTools(action, env.spec),
      });
      const block = `**Action:**\n${actionText}\n\n${TURN_CONTROL_HEADING}\n- ${instruction}`;
      const sent = bodies[1]?.messages[bodies[1].messages.length - 1]?.content ?? '';
      assert.ok(sent.startsWith('### Turn 2\n'));
      assert.ok(
        sent.endsWith(`${block}\n\n${DEFAULT_TURN_INSTRUCTION}`),
        'the block follows the action fence',
      );
      assert.equal(
        bodies[2]?.messages[3]?.content,
        sent.slice(0, -`\n\n${DEFAULT_TURN_INSTRUCTION}`.length),
        'the block stays in history byte for byte',
      );
      assert.ok(!bodies[2]?.messages[5]?.content.includes(TURN_CONTROL_HEADING));

      const fired = results[1]?.info.turn;
      assert.deepEqual(
        fired?.checks.find((check) => check.id === 'perturbation:app-not-responding'),
        {
          id: 'perturbation:app-not-responding',
          status: 'pass',
        },
      );
      // The trajectory rule is labelled on every turn that acts on the desktop; these screens never showed it.
      assert.deepEqual(
        results.map(
          (result) =>
            result.info.turn.checks.find((check) => check.id === 'perturbation:low-disk-warning')?.status,
        ),
        ['fail', 'fail', 'fail'],
      );
    });
  });
});
