/**
 * Conformance of the pyautogui dialect with OSWorld's pyautogui action space (no harness runs here). Sources, read
 * at pkueecszc/OSWorld eac51b5 (a fork; upstream xlang-ai/OSWorld was not available): mm_agents/agent.py
 * `parse_code_from_string`, desktop_env/desktop_env.py `step`, desktop_env/controllers/python.py. The expected
 * extractions (fixtures.ts) were written by hand from those rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { isOsCompletion, isPyautoguiAction, parseOsAction } from '../../actions.js';
import { renderOsAction } from '../../render.js';
import { extractPyautoguiCodes } from './agent-reply.js';
import { NARROWER_THAN_OSWORLD, REPLY_FIXTURES } from './fixtures.js';

const pyautogui = WorldSpecSchema.parse({ domain: 'os', dialect: 'pyautogui' });

function refusedWith(code: string, reason: RegExp): void {
  assert.throws(
    () => parseOsAction(code, pyautogui),
    (error: unknown) => isAgentWorldError(error, 'INVALID_ACTION') && reason.test(error.message),
    `expected ${JSON.stringify(code)} to be refused with ${reason}`,
  );
}

describe('pyautogui conformance with OSWorld', () => {
  it('extracts the codes parse_code_from_string extracts, byte for byte', () => {
    for (const fixture of REPLY_FIXTURES) {
      assert.deepEqual(extractPyautoguiCodes(fixture.reply), fixture.codes, fixture.name);
      assert.equal(fixture.accepted.length, fixture.codes.length, fixture.name);
    }
  });

  it('accepts every extracted code that runs in OSWorld and refuses every one that fails', () => {
    for (const fixture of REPLY_FIXTURES) {
      fixture.codes.forEach((code, index) => {
        const expected = fixture.accepted[index];
        if (expected === true) {
          const action = parseOsAction(code, pyautogui);
          assert.ok(isPyautoguiAction(action), fixture.name);
          assert.equal(action.type, /^(WAIT|DONE|FAIL)$/.test(code) ? code : 'code', fixture.name);
        } else if (expected !== undefined) refusedWith(code, expected);
      });
    }
  });

  it('renders each accepted action so that OSWorld would extract the same code again', () => {
    for (const fixture of REPLY_FIXTURES) {
      fixture.codes.forEach((code, index) => {
        if (fixture.accepted[index] !== true) return;
        const rendered = renderOsAction(parseOsAction(code, pyautogui));
        assert.deepEqual(extractPyautoguiCodes(rendered), [code], fixture.name);
      });
    }
  });

  it('takes the special codes in the forms the OSWorld prompt asks for', () => {
    for (const token of ['WAIT', 'FAIL', 'DONE'] as const) {
      assert.deepEqual(parseOsAction(`\`\`\`${token}\`\`\``, pyautogui), { type: token });
      assert.deepEqual(parseOsAction(token, pyautogui), { type: token });
      assert.deepEqual(parseOsAction(`\`\`\`\n${token}\n\`\`\``, pyautogui), { type: token });
    }
  });

  it('ends the episode on FAIL and DONE, not on WAIT, as step does', () => {
    assert.equal(isOsCompletion(parseOsAction('FAIL', pyautogui)), true);
    assert.equal(isOsCompletion(parseOsAction('DONE', pyautogui)), true);
    assert.equal(isOsCompletion(parseOsAction('WAIT', pyautogui)), false);
    assert.equal(isOsCompletion(parseOsAction('pyautogui.click(1, 2)', pyautogui)), false);
  });

  it('refuses, with a reason, the Python that OSWorld runs but this dialect does not model', () => {
    for (const { code, reason } of NARROWER_THAN_OSWORLD) refusedWith(code, reason);
  });
});
