import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import { type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { parseAndroidAction } from './actions.js';
import { DEFAULT_ELEMENT_LIST_HOME, DEFAULT_PHONE_STATE_HOME } from './initial-state.js';
import { renderAndroidAction } from './render.js';

const world = WorldSpecSchema.parse({ domain: 'android', dialect: 'androidworld' });
const phone = WorldSpecSchema.parse({ domain: 'android', dialect: 'phone-invoke' });

function invalid(run: () => unknown): AgentWorldError {
  try {
    run();
  } catch (error) {
    assert.ok(isAgentWorldError(error, 'INVALID_ACTION'), String(error));
    return error;
  }
  assert.fail('expected INVALID_ACTION');
}

function expectInvalid(input: unknown, spec: WorldSpec, path: string, pattern: RegExp): void {
  const error = invalid(() => parseAndroidAction(input, spec));
  assert.equal(error.details.path, path, error.message);
  assert.match(error.message, pattern);
}

describe('androidworld actions', () => {
  it('accepts JSONActions as values or JSON text and orders their keys', () => {
    assert.deepEqual(parseAndroidAction({ index: 3, action_type: 'click' }, world), {
      action_type: 'click',
      index: 3,
    });
    assert.deepEqual(parseAndroidAction('{"action_type":"input_text","text":"milk","index":2}', world), {
      action_type: 'input_text',
      index: 2,
      text: 'milk',
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'open_app', app_name: 'Contacts' }, world), {
      action_type: 'open_app',
      app_name: 'Contacts',
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'status', goal_status: 'infeasible' }, world), {
      action_type: 'status',
      goal_status: 'infeasible',
    });
    parseAndroidAction({ action_type: 'click', x: 540, y: 1200 }, world);
    parseAndroidAction({ action_type: 'scroll', direction: 'down' }, world);
    parseAndroidAction({ action_type: 'navigate_back' }, world);
    parseAndroidAction({ action_type: 'keyboard_enter', keycode: 'KEYCODE_ENTER' }, world);
  });

  it('refuses what breaks the JSONAction constraints, naming the dialect and the path', () => {
    expectInvalid(
      { action_type: 'click', index: 1, x: 5, y: 6 },
      world,
      '$.index',
      /androidworld.*Either an index or a <x, y> should be provided/,
    );
    expectInvalid({ action_type: 'scroll', direction: 'sideways' }, world, '$.direction', /androidworld/);
    expectInvalid({ action_type: 'wait', keycode: 'ENTER' }, world, '$.keycode', /KEYCODE_/);
    expectInvalid({ action_type: 'click', index: 'third' }, world, '$.index', /integer/);
    expectInvalid({ action_type: 'fly' }, world, '$.action_type', /androidworld/);
    expectInvalid({ action_type: 'wait', color: 'red' }, world, '$', /androidworld/);
    expectInvalid('{"action_type":', world, '$', /androidworld.*not valid JSON/);
  });

  it('coerces as JSONAction does and has no cross-field rules it lacks (json_action.py __post_init__)', () => {
    assert.deepEqual(parseAndroidAction({ action_type: 'click', index: '3' }, world), {
      action_type: 'click',
      index: 3,
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'input_text', text: 42, index: ' 2 ' }, world), {
      action_type: 'input_text',
      index: 2,
      text: '42',
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'status', goal_status: 'done' }, world), {
      action_type: 'status',
      goal_status: 'done',
    });
    assert.deepEqual(parseAndroidAction({ action_type: 'unknown' }, world), { action_type: 'unknown' });
    // Real JSONAction accepts these (the executor decides what they do).
    parseAndroidAction({ action_type: 'click' }, world);
    parseAndroidAction({ action_type: 'scroll' }, world);
    parseAndroidAction({ action_type: 'wait', text: 'x', direction: 'up' }, world);
    parseAndroidAction({ action_type: 'open_app' }, world);
  });

  it('refuses a phone-invoke action, naming the expected dialect', () => {
    expectInvalid(
      '<invoke name="phone">\n<parameter name="action">click</parameter>\n</invoke>',
      world,
      '$',
      /androidworld dialect/,
    );
    expectInvalid({ action: 'click', index: 2 }, world, '$.action', /androidworld dialect/);
  });

  it('refuses an index the current screen lacks ("unknown index")', () => {
    const error = invalid(() =>
      parseAndroidAction({ action_type: 'click', index: 7 }, world, DEFAULT_ELEMENT_LIST_HOME),
    );
    assert.equal(error.details.path, '$.index');
    assert.match(error.message, /unknown index 7: the current screen has elements 0 to 6/);
    parseAndroidAction({ action_type: 'click', index: 6 }, world, DEFAULT_ELEMENT_LIST_HOME);
  });

  it('renders a JSONAction as 2-space JSON in a json fence', () => {
    const action = parseAndroidAction({ text: 'milk', action_type: 'input_text', index: 2 }, world);
    assert.equal(
      renderAndroidAction(action),
      '```json\n{\n  "action_type": "input_text",\n  "index": 2,\n  "text": "milk"\n}\n```',
    );
  });
});

describe('phone-invoke actions', () => {
  const xml = [
    '<invoke name="remember">',
    '<parameter name="information">The alarm list is empty</parameter>',
    '</invoke>',
    '<invoke name="phone">',
    '<parameter name="action">swipe</parameter>',
    '<parameter name="coordinate">[540, 1800]</parameter>',
    '<parameter name="coordinate2">[540, 600]</parameter>',
    '<parameter name="duration">300</parameter>',
    '</invoke>',
  ].join('\n');

  it('parses <invoke> XML (with a remember call) and renders it back byte for byte', () => {
    const action = parseAndroidAction(`<function_calls>\n${xml}\n</function_calls>`, phone);
    assert.deepEqual(action, {
      action: 'swipe',
      coordinate: [540, 1800],
      coordinate2: [540, 600],
      duration: 300,
      remember: { information: 'The alarm list is empty' },
    });
    assert.equal(renderAndroidAction(action), `\`\`\`xml\n${xml}\n\`\`\``);
  });

  it('accepts the JSON form and escapes text when rendering', () => {
    const action = parseAndroidAction('{"action":"type","text":"a < b & c"}', phone);
    assert.equal(
      renderAndroidAction(action),
      '```xml\n<invoke name="phone">\n<parameter name="action">type</parameter>\n<parameter name="text">a &lt; b &amp; c</parameter>\n</invoke>\n```',
    );
    assert.deepEqual(
      parseAndroidAction(
        '<invoke name="phone"><parameter name="action">type</parameter><parameter name="text">a &lt; b &amp; c</parameter></invoke>',
        phone,
      ),
      { action: 'type', text: 'a < b & c' },
    );
    assert.deepEqual(parseAndroidAction({ action: 'system_button', button: 'back' }, phone), {
      action: 'system_button',
      button: 'back',
    });
  });

  it('refuses bad calls, naming the dialect and the parameter', () => {
    const call = (...parameters: string[]): string =>
      `<invoke name="phone">\n${parameters.map((p) => `<parameter name="${p.split('=')[0]}">${p.split('=')[1]}</parameter>`).join('\n')}\n</invoke>`;
    expectInvalid(call('action=click'), phone, '$.index', /phone-invoke.*index or a coordinate/);
    expectInvalid(call('action=click', 'index=two'), phone, '$.index', /phone-invoke.*expected a number/);
    expectInvalid(call('action=system_button', 'button=menu'), phone, '$.button', /phone-invoke/);
    expectInvalid(call('action=swipe', 'coordinate=[1, 2]'), phone, '$.coordinate2', /needs coordinate2/);
    expectInvalid(call('action=click', 'coordinate=left'), phone, '$.coordinate', /\[x, y\]/);
    expectInvalid(call('action=fly'), phone, '$.action', /phone-invoke/);
    expectInvalid('<invoke name="camera"></invoke>', phone, '$', /unknown invoke "camera"/);
    expectInvalid(`${call('action=click', 'index=1')} thanks`, phone, '$', /unexpected text "thanks"/);
    expectInvalid(
      '<invoke name="remember"><parameter name="note">x</parameter></invoke>',
      phone,
      '$',
      /no <invoke name="phone">/,
    );
  });

  it('refuses an androidworld JSONAction, naming the expected dialect', () => {
    expectInvalid({ action_type: 'click', index: 1 }, phone, '$.action_type', /phone-invoke dialect/);
  });

  it('refuses an index the phone state lacks', () => {
    const error = invalid(() =>
      parseAndroidAction({ action: 'click', index: 0 }, phone, DEFAULT_PHONE_STATE_HOME),
    );
    assert.match(error.message, /unknown index 0: the current screen has elements 1 to 5/);
  });
});
