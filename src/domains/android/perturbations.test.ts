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
import type { AndroidAction } from './actions.js';
import { androidDomain } from './domain.js';
import { androidPerturbations } from './perturbations.js';
import { parseAndroidScreen } from './screen.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const records: SessionRecord[] = readFileSync(`${root}examples/sessions/android.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
const worldInput = JSON.parse(readFileSync(`${root}examples/android-androidworld.json`, 'utf8')) as Record<
  string,
  unknown
>;
const phoneInput = JSON.parse(readFileSync(`${root}examples/android-phone-invoke.json`, 'utf8')) as Record<
  string,
  unknown
>;
const worldSpec: WorldSpec = WorldSpecSchema.parse(worldInput);
const phoneSpec: WorldSpec = WorldSpecSchema.parse(phoneInput);
const worldRecord = records.find((record) => record.spec.id === 'example-android-androidworld');
const phoneRecord = records.find((record) => record.spec.id === 'example-android-phone-invoke');
assert.ok(worldRecord !== undefined && phoneRecord !== undefined);
/** Turn 2 of the androidworld session: the "Create contact" form, the keyboard open on the Name field. */
const form = worldRecord.turns[1];
/** Turn 2 of the phone-invoke session: the alarm time picker. */
const picker = phoneRecord.turns[1];
const typing = phoneRecord.turns[2];
assert.ok(form !== undefined && picker !== undefined && typing !== undefined);

function entry(id: string): AnyPerturbationDefinition {
  const found = androidPerturbations.find((definition) => definition.id === id);
  assert.ok(found !== undefined, `catalog has ${id}`);
  return found;
}

function contextOf(spec: WorldSpec, input: unknown, observation: string, turnIndex = 2): ObservationContext {
  const action = androidDomain.parseAction(input, spec);
  return {
    spec,
    seed: 0,
    turnIndex,
    action,
    actionText: androidDomain.renderAction(action, spec),
    tools: androidDomain.actionTools(action, spec),
    observation,
  };
}

const lines = (text: string): string[] => text.split('\n');
const formLines = lines(form.observation);
/** How many elements the form lists (M3A numbers them 0 … n-1 here: every element is valid). */
const formSize = parseAndroidScreen(form.observation, 'element-list').elements.length;
/**
 * The form with `added` element lines after it, numbered on from its highest index (a new window comes last
 * in the view tree, and M3A numbers elements by their place in it).
 */
function formWith(added: readonly string[]): string {
  const base = formSize;
  const numbered = added.map((line, offset) =>
    line.replace(
      /^UI element \d+: \{"index": \d+/,
      `UI element ${base + offset}: {"index": ${base + offset}`,
    ),
  );
  return [...formLines, ...numbered].join('\n');
}

interface Case {
  readonly id: string;
  readonly defaults: Record<string, unknown>;
  /** The element-list rendering of the form. */
  readonly list: string;
  /** The phone-state rendering of the picker (or of `phoneScreen`). */
  readonly phone: string;
  /** Another recorded phone state to render into: turn and observation. */
  readonly phoneScreen?: { readonly action: unknown; readonly observation: string };
  readonly mentions: readonly RegExp[];
  readonly unaffected?: unknown;
  /** False where the element list cannot show the condition (it then applies to phone states only). */
  readonly listApplies?: boolean;
}

const PERMISSION = 'com.google.android.permissioncontroller';
const CASES: readonly Case[] = [
  {
    id: 'permission-dialog',
    defaults: { permission: 'location', app: '' },
    list: formWith([
      `UI element 8: {"index": 8, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}`,
      `UI element 9: {"index": 9, "text": "Allow App to access this device's location?", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}`,
      `UI element 10: {"index": 10, "text": "While using the app", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}`,
      `UI element 11: {"index": 11, "text": "Only this time", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}`,
      `UI element 12: {"index": 12, "text": "Don’t allow", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}`,
    ]),
    phone: [
      `- App: Permission controller (${PERMISSION})`,
      '- Keyboard: Hidden',
      '- Focused Element: None',
      'Clickable elements:',
      `1. android.widget.Button: ${PERMISSION}:id/permission_allow_foreground_only_button, While using the app - (128,1093,952,1219)`,
      `2. android.widget.Button: ${PERMISSION}:id/permission_allow_one_time_button, Only this time - (128,1233,952,1359)`,
      `3. android.widget.Button: ${PERMISSION}:id/permission_deny_button, Don’t allow - (128,1373,952,1499)`,
    ].join('\n'),
    mentions: [
      /location permission/,
      /"Allow APP to access this device's location\?"/,
      /"While using the app"/,
    ],
    unaffected: { action_type: 'status', goal_status: 'complete' },
  },
  {
    id: 'app-not-responding',
    defaults: { app: '' },
    list: formWith([
      'UI element 8: {"index": 8, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 9: {"index": 9, "text": "App isn\'t responding", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 10: {"index": 10, "text": "Close app", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 11: {"index": 11, "text": "Wait", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
    ]),
    phone: [
      '- App: Android System (android)',
      '- Keyboard: Hidden',
      '- Focused Element: None',
      'Clickable elements:',
      '1. android.widget.Button: android:id/aerr_close, Close app - (128,1163,952,1289)',
      '2. android.widget.Button: android:id/aerr_wait, Wait - (128,1303,952,1429)',
    ].join('\n'),
    mentions: [/isn't responding/, /"Close app"/, /"Wait"/],
    unaffected: { action_type: 'answer', text: 'done' },
  },
  {
    id: 'network-error-toast',
    defaults: { message: 'No internet connection' },
    list: formWith([
      'UI element 8: {"index": 8, "text": "No internet connection", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
    ]),
    phone: picker.observation.replace(/(- Focused Element: [^\n]*\n)/, '$1- Toast: No internet connection\n'),
    mentions: [/"No internet connection"/, /android\.widget\.Toast/, /- Toast:/],
    unaffected: { action_type: 'status', goal_status: 'infeasible' },
  },
  {
    id: 'keyboard-covers-field',
    defaults: { keyboardTop: 1581 },
    // M3A's element list shows no positions: the element list stays as it was.
    list: form.observation,
    listApplies: false,
    // Turn 3 of the phone session: the keyboard is up and the hour field has the focus, above the keyboard.
    phoneScreen: typing,
    phone: typing.observation.replace('7 - (262,640,472,830)', '7 - (262,1741,472,1931)'),
    mentions: [/y=1581/, /behind the keyboard/],
    unaffected: { action_type: 'navigate_back' },
  },
  {
    id: 'low-battery-dialog',
    defaults: { level: 15 },
    list: formWith([
      'UI element 8: {"index": 8, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 9: {"index": 9, "text": "Turn on Battery Saver?", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 10: {"index": 10, "text": "Battery is low: 15% left. Battery Saver limits background activity so it lasts longer.", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 11: {"index": 11, "text": "Cancel", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 12: {"index": 12, "text": "Turn on", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
    ]),
    phone: [
      '- App: System UI (com.android.systemui)',
      '- Keyboard: Hidden',
      '- Focused Element: None',
      'Clickable elements:',
      '1. android.widget.Button: android:id/button2, Cancel - (128,1260,540,1386)',
      '2. android.widget.Button: android:id/button1, Turn on - (540,1260,952,1386)',
    ].join('\n'),
    mentions: [/15%/, /"Turn on Battery Saver\?"/, /"Turn on"/],
    unaffected: { action_type: 'status', goal_status: 'complete' },
  },
  {
    id: 'app-crash',
    defaults: { app: '' },
    list: formWith([
      'UI element 8: {"index": 8, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 9: {"index": 9, "text": "App keeps stopping", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 10: {"index": 10, "text": "App info", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
      'UI element 11: {"index": 11, "text": "Close app", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
    ]),
    phone: [
      '- App: Android System (android)',
      '- Keyboard: Hidden',
      '- Focused Element: None',
      'Clickable elements:',
      '1. android.widget.Button: android:id/aerr_app_info, App info - (128,1163,952,1289)',
      '2. android.widget.Button: android:id/aerr_close, Close app - (128,1303,952,1429)',
    ].join('\n'),
    mentions: [/keeps stopping/, /"App info"/, /"Close app"/],
    unaffected: { action_type: 'answer', text: 'saved' },
  },
];

describe('android perturbation catalog', () => {
  it('has at least six entries with unique kebab-case ids and no parameter named like a `when` key', () => {
    assert.ok(androidPerturbations.length >= 6);
    const ids = androidPerturbations.map((definition) => definition.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const definition of androidPerturbations) {
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
      const list = contextOf(worldSpec, form.action, form.observation);
      const phoneScreen = item.phoneScreen ?? picker;
      const phone = contextOf(phoneSpec, phoneScreen.action, phoneScreen.observation);

      it('fills every parameter from its default and refuses unknown ones', () => {
        assert.deepEqual(params, item.defaults);
        assert.equal(definition.params.safeParse({ bogus: 1 }).success, false);
      });

      it('writes an instruction for both screen representations', () => {
        const text = definition.instruction(params, list);
        for (const pattern of item.mentions) assert.match(text, pattern);
        assert.match(text, /element list/);
        assert.match(text, /phone state/);
        assert.ok(
          definition.instruction(params, {
            spec: worldSpec,
            seed: 0,
            turnIndex: 0,
            actionText: '',
            tools: [],
          }).length > 40,
        );
      });

      if (item.listApplies === false) {
        it('does not apply to the element list, which shows no positions, and leaves it as it was', () => {
          assert.equal(definition.appliesTo?.(params, list), false);
          assert.equal(definition.render(params, list), item.list);
          assert.equal(definition.manifested(params, list), false);
        });
      }
      for (const [name, context, expected] of [
        ...(item.listApplies === false ? [] : ([['element list', list, item.list]] as const)),
        ['phone state', phone, item.phone] as const,
      ]) {
        it(`renders into the recorded ${name} deterministically, passes the screen checks, and checks itself`, () => {
          const rendered = definition.render(params, context);
          assert.equal(rendered, expected);
          assert.equal(definition.render(params, context), rendered);
          assert.equal(definition.manifested(params, { ...context, observation: rendered }), true);
          assert.equal(definition.manifested(params, context), false);
          const spec = context.spec;
          const ledger = { ...androidDomain.createLedger(spec), screen: context.observation };
          const checks = androidDomain.check({
            spec,
            turnIndex: 3,
            action: context.action as AndroidAction,
            ledger,
            observation: rendered,
          });
          for (const id of ['screen-format', 'index-numbering']) {
            assert.equal(checks.find((check) => check.id === id)?.status, 'pass', id);
          }
        });
      }

      it('applies only to actions the phone reacts to', () => {
        assert.equal(definition.appliesTo?.(params, list), item.listApplies !== false);
        assert.equal(definition.appliesTo?.(params, phone), true);
        if (item.unaffected !== undefined) {
          assert.equal(
            definition.appliesTo?.(params, contextOf(worldSpec, item.unaffected, form.observation)),
            false,
          );
        }
      });
    });
  }
});

describe('android perturbation details', () => {
  it('permission-dialog words each permission and uses allow/deny for the others', () => {
    const definition = entry('permission-dialog');
    const params = definition.params.parse({ permission: 'contacts', app: 'Messages' });
    const rendered = definition.render(params, contextOf(worldSpec, form.action, form.observation));
    const screen = parseAndroidScreen(rendered, 'element-list');
    assert.deepEqual(
      screen.elements.slice(-4).map((element) => element.text),
      ['', 'Allow Messages to access your contacts?', 'Allow', 'Don’t allow'],
    );
    assert.equal(definition.params.safeParse({ permission: 'telepathy' }).success, false);
  });

  it('keyboard-covers-field leaves an element list alone: M3A shows no positions to cover', () => {
    const definition = entry('keyboard-covers-field');
    const home = worldRecord.initialObservation;
    const tap = contextOf(worldSpec, { action_type: 'click', index: 1 }, home, 1);
    assert.equal(definition.appliesTo?.(definition.params.parse({}), tap), false);
    assert.equal(definition.render(definition.params.parse({}), tap), home);
  });

  it('a world model wording the toast its own way still counts', () => {
    const definition = entry('network-error-toast');
    const imitation = formWith([
      'UI element 8: {"index": 8, "text": "Couldn\'t connect. Check your connection and try again.", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
    ]);
    const context = contextOf(worldSpec, form.action, imitation);
    assert.equal(definition.manifested(definition.params.parse({}), context), true);
  });

  it('actionTools names the dialect action and the shared kind', () => {
    const type = androidDomain.parseAction({ action_type: 'input_text', index: 4, text: 'Ada' }, worldSpec);
    assert.deepEqual(androidDomain.actionTools(type, worldSpec), ['input_text', 'type']);
    const back = androidDomain.parseAction({ action: 'system_button', button: 'back' }, phoneSpec);
    assert.deepEqual(androidDomain.actionTools(back, phoneSpec), ['system_button', 'back']);
  });
});

describe('android perturbation rules in a spec', () => {
  it('refuses an unknown perturbation and bad parameters with INVALID_SPEC naming the rule', () => {
    const refused = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...worldInput, perturbations }),
        (error: unknown) =>
          error instanceof AgentWorldError && error.code === 'INVALID_SPEC' && pattern.test(error.message),
      );
    };
    refused(
      [{ id: 'sms', perturbation: 'sms-flood' }],
      /perturbations\[0\] \("sms"\): unknown perturbation "sms-flood".*permission-dialog/,
    );
    refused(
      [
        { perturbation: 'app-crash' },
        { id: 'drain', perturbation: 'low-battery-dialog', params: { level: 80 } },
      ],
      /perturbations\[1\] \("drain"\): bad parameters for "low-battery-dialog": params\.level/,
    );
  });
});

describe('android perturbations end to end', () => {
  it('replay: a turn-level rule renders the recorded screen, labels it, checks it, and the episode goes on', async () => {
    const engine = createReplayEngine({ sessions: records });
    const env = await createEnv(
      { ...worldInput, perturbations: [{ id: 'ask', perturbation: 'permission-dialog', when: { turn: 2 } }] },
      { engine },
    );
    await env.reset({ seed: 7 });
    const first = await env.step(worldRecord.turns[0]?.action);
    assert.equal(first.info.turn.provenance.source, 'replayed');
    const second = await env.step(form.action);
    const turn = second.info.turn;
    assert.equal(second.observation, CASES[0]?.list);
    assert.equal(turn.provenance.source, 'injected');
    assert.equal(turn.provenance.origin?.source, form.provenance.source);
    assert.deepEqual(
      turn.events
        .filter((event) => event.type === 'perturbation.injected')
        .map((event) => [event.data?.perturbation, event.data?.rendered, event.data?.manifested]),
      [['permission-dialog', true, true]],
    );
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:permission-dialog'),
      {
        id: 'perturbation:permission-dialog',
        status: 'pass',
      },
    );
    assert.deepEqual(
      turn.checks.filter((check) => check.status === 'fail'),
      [],
    );
    // The form's elements kept their indices, so the recorded next action still applies.
    const third = await env.step(worldRecord.turns[2]?.action);
    assert.equal(third.info.turn.provenance.source, 'replayed');
  });

  describe('lwm over the scripted model server', () => {
    let server: ScriptedModelServer;
    const prompt = CASES[0]?.phone ?? '';
    const toast = picker.observation.replace(
      /(- Focused Element: [^\n]*\n)/,
      '$1- Toast: No internet connection\n',
    );
    const answers = [phoneRecord.turns[0]?.observation ?? '', prompt, toast];
    const actions = [phoneRecord.turns[0]?.action, picker.action, { action: 'click', index: 1 }];
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
          ...phoneInput,
          perturbations: [
            {
              id: 'ask',
              perturbation: 'permission-dialog',
              params: { permission: 'location' },
              when: { turn: 2 },
            },
            { id: 'offline', perturbation: 'network-error-toast' },
          ],
        },
        { engine },
      );
      await env.reset({ seed: 9 });
      const results = [];
      for (const action of actions) results.push(await env.step(action));
      const bodies = server.completionBodies as ReadonlyArray<{
        messages: Array<{ role: string; content: string }>;
      }>;
      assert.equal(bodies.length, 3);

      const offline = entry('network-error-toast');
      const condition = offline.instruction(offline.params.parse({}), {
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

      const ask = entry('permission-dialog');
      const action = androidDomain.parseAction(picker.action, env.spec);
      const actionText = androidDomain.renderAction(action, env.spec);
      assert.match(actionText, /^```xml\n<invoke name="phone">/);
      const instruction = ask.instruction(ask.params.parse({ permission: 'location' }), {
        spec: env.spec,
        seed: 0,
        turnIndex: 2,
        action,
        actionText,
        tools: androidDomain.actionTools(action, env.spec),
      });
      const sent = bodies[1]?.messages[bodies[1].messages.length - 1]?.content ?? '';
      assert.ok(sent.startsWith('### Turn 2\n**Current Phone State:**\n'));
      assert.ok(
        sent.endsWith(
          `**Action:**\n${actionText}\n\n${TURN_CONTROL_HEADING}\n- ${instruction}\n\n${DEFAULT_TURN_INSTRUCTION}`,
        ),
        'the block follows the action fence',
      );
      assert.equal(
        bodies[2]?.messages[3]?.content,
        sent.slice(0, -`\n\n${DEFAULT_TURN_INSTRUCTION}`.length),
        'the block stays in history byte for byte',
      );
      assert.ok(!bodies[2]?.messages[5]?.content.includes(TURN_CONTROL_HEADING));

      assert.deepEqual(
        results[1]?.info.turn.checks.find((check) => check.id === 'perturbation:permission-dialog'),
        {
          id: 'perturbation:permission-dialog',
          status: 'pass',
        },
      );
      assert.deepEqual(
        results.map(
          (result) =>
            result.info.turn.checks.find((check) => check.id === 'perturbation:network-error-toast')?.status,
        ),
        ['fail', 'fail', 'pass'],
        'the trajectory rule is checked on every turn; only the third screen shows the toast',
      );
    });
  });
});
