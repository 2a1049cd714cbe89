import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { isOsCompletion, parseOsAction } from './actions.js';
import { renderOsAction } from './render.js';

const pyautogui = WorldSpecSchema.parse({ domain: 'os', dialect: 'pyautogui' });
const computer13 = WorldSpecSchema.parse({ domain: 'os', dialect: 'computer13' });

function rejects(run: () => unknown, path: string, pattern: RegExp): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    assert.ok(isAgentWorldError(error, 'INVALID_ACTION'), String(error));
    assert.equal(error.details.path, path);
    assert.match(error.message, pattern);
    return error.details;
  }
  return assert.fail('expected INVALID_ACTION');
}

describe('os pyautogui actions', () => {
  it('parses statements separated by ";" and newlines into named calls', () => {
    const action = parseOsAction(
      'import pyautogui, time\npyautogui.click(x=35, y=1045); time.sleep(0.5)\npyautogui.typewrite("hi\\n", interval=0.05)  # type',
      pyautogui,
    );
    assert.equal('calls' in action && action.calls.length, 3);
    assert.deepEqual('calls' in action ? action.calls : [], [
      { function: 'pyautogui.click', arguments: { x: 35, y: 1045 } },
      { function: 'time.sleep', arguments: { secs: 0.5 } },
      { function: 'pyautogui.typewrite', arguments: { message: 'hi\n', interval: 0.05 } },
    ]);
  });

  it('names positional arguments, spreads a point tuple and gathers hotkey keys', () => {
    const action = parseOsAction(
      "pyautogui.moveTo(100, 200, 0.2)\npyautogui.click((5, 6), button='right')\npyautogui.hotkey('ctrl', 'shift', 't')\npyautogui.scroll(-3, x=10, y=20)\npyautogui.press(['down', 'enter'])\npyautogui.dragTo(-1.5, 3)",
      pyautogui,
    );
    assert.deepEqual('calls' in action ? action.calls.map((call) => call.arguments) : [], [
      { x: 100, y: 200, duration: 0.2 },
      { x: 5, y: 6, button: 'right' },
      { keys: ['ctrl', 'shift', 't'] },
      { clicks: -3, x: 10, y: 20 },
      { keys: ['down', 'enter'] },
      { x: -1.5, y: 3 },
    ]);
  });

  it('accepts the special tokens, a fenced answer, { code } and JSON text, and re-parses its own output', () => {
    assert.deepEqual(parseOsAction(' DONE\n', pyautogui), { type: 'DONE' });
    assert.deepEqual(parseOsAction({ type: 'WAIT' }, pyautogui), { type: 'WAIT' });
    const fenced = parseOsAction('```python\npyautogui.press("enter")\n```', pyautogui);
    assert.deepEqual(fenced, {
      type: 'code',
      code: 'pyautogui.press("enter")',
      calls: [{ function: 'pyautogui.press', arguments: { keys: 'enter' } }],
    });
    assert.deepEqual(parseOsAction('{"code":"pyautogui.press(\\"enter\\")"}', pyautogui), fenced);
    assert.deepEqual(parseOsAction(JSON.parse(JSON.stringify(fenced)), pyautogui), fenced);
    assert.ok(isOsCompletion(parseOsAction('FAIL', pyautogui)));
    assert.ok(!isOsCompletion(parseOsAction('WAIT', pyautogui)));
    assert.ok(!isOsCompletion(fenced));
  });

  it('names the position of malformed Python and unknown functions', () => {
    const syntax = rejects(
      () => parseOsAction('pyautogui.click(x=35, y=1045\npyautogui.press("a")', pyautogui),
      '$',
      /Invalid pyautogui action at \$: not valid Python.*line 2, column 1/,
    );
    assert.equal(syntax.line, 2);
    const unknown = rejects(
      () => parseOsAction('pyautogui.click(1, 2)\nos.system("rm -rf /")', pyautogui),
      '$',
      /line 2, column 1: unknown function os\.system/,
    );
    assert.equal(unknown.function, 'os.system');
    rejects(() => parseOsAction('x = 5', pyautogui), '$', /only function calls are allowed/);
    rejects(() => parseOsAction('pyautogui.click(x=a)', pyautogui), '$', /line 1, column 19: only literal/);
    rejects(() => parseOsAction('pyautogui.click(x="left")', pyautogui), '$', /click: x: expected a number/);
    rejects(
      () => parseOsAction('pyautogui.click(bogus=1)', pyautogui),
      '$',
      /unexpected keyword argument bogus/,
    );
    rejects(() => parseOsAction('pyautogui.hotkey()', pyautogui), '$', /needs at least one key/);
    rejects(() => parseOsAction('pyautogui.write("unterminated)', pyautogui), '$', /unterminated string/);
    rejects(
      () => parseOsAction({ code: 'pyautogui.foo()' }, pyautogui),
      '$.code',
      /unknown function pyautogui\.foo/,
    );
    rejects(() => parseOsAction('import pyautogui', pyautogui), '$', /makes no pyautogui call/);
    rejects(() => parseOsAction(42, pyautogui), '$', /got number/);
  });

  it('refuses a computer13 dict, naming the expected dialect', () => {
    const details = rejects(
      () => parseOsAction({ action_type: 'CLICK', parameters: { x: 1, y: 2 } }, pyautogui),
      '$.action_type',
      /speaks the pyautogui dialect/,
    );
    assert.equal(details.expectedDialect, 'pyautogui');
    assert.equal(details.dialect, 'pyautogui');
  });

  it('renders code in a python fence, as given', () => {
    const action = parseOsAction('pyautogui.click(x=35, y=1045); time.sleep(0.5)\n\n', pyautogui);
    assert.equal(renderOsAction(action), '```python\npyautogui.click(x=35, y=1045); time.sleep(0.5)\n```');
    assert.equal(renderOsAction(parseOsAction('DONE', pyautogui)), '```python\nDONE\n```');
  });
});

describe('os computer13 actions', () => {
  it('parses typed dicts (value or JSON text) with per-type parameters', () => {
    const click = parseOsAction(
      '{"action_type":"CLICK","parameters":{"x":960,"y":540,"button":"left","num_clicks":1}}',
      computer13,
    );
    assert.deepEqual(click, {
      action_type: 'CLICK',
      parameters: { button: 'left', x: 960, y: 540, num_clicks: 1 },
    });
    assert.deepEqual(parseOsAction({ action_type: 'DONE' }, computer13), {
      action_type: 'DONE',
      parameters: {},
    });
    assert.deepEqual(parseOsAction('WAIT', computer13), { action_type: 'WAIT', parameters: {} });
    assert.deepEqual(
      parseOsAction({ action_type: 'HOTKEY', parameters: { keys: ['ctrl', 's'] } }, computer13),
      {
        action_type: 'HOTKEY',
        parameters: { keys: ['ctrl', 's'] },
      },
    );
    assert.ok(isOsCompletion(parseOsAction({ action_type: 'FAIL' }, computer13)));
    assert.equal(
      renderOsAction(click),
      '```json\n{\n  "action_type": "CLICK",\n  "parameters": {\n    "button": "left",\n    "x": 960,\n    "y": 540,\n    "num_clicks": 1\n  }\n}\n```',
    );
  });

  it('names the bad field', () => {
    rejects(
      () => parseOsAction({ action_type: 'TYPING', parameters: {} }, computer13),
      '$.parameters.text',
      /computer13/,
    );
    rejects(
      () => parseOsAction({ action_type: 'CLICK', parameters: { x: -4 } }, computer13),
      '$.parameters.x',
      /computer13/,
    );
    rejects(
      () => parseOsAction({ action_type: 'PRESS', parameters: { key: 'a', presses: 2 } }, computer13),
      '$.parameters.presses',
      /computer13/,
    );
    rejects(
      () => parseOsAction({ action_type: 'TELEPORT' }, computer13),
      '$.action_type',
      /unknown action_type "TELEPORT"/,
    );
    rejects(() => parseOsAction('{"action_type":', computer13), '$', /not valid JSON/);
  });

  it('refuses pyautogui code, naming the expected dialect', () => {
    const details = rejects(
      () => parseOsAction('pyautogui.click(1, 2)', computer13),
      '$',
      /speaks the computer13 dialect/,
    );
    assert.equal(details.expectedDialect, 'computer13');
    rejects(
      () => parseOsAction({ code: 'pyautogui.click(1, 2)' }, computer13),
      '$.code',
      /computer13 dialect/,
    );
  });
});
