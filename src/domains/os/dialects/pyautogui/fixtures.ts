/**
 * Conformance fixtures of the pyautogui dialect, written by hand from OSWorld's source rules (the upstream
 * xlang-ai/OSWorld was not available; read at its fork pkueecszc/OSWorld eac51b51d3e6fcf4e05706059c058421b34ccedd,
 * whose files carry the same text as upstream's):
 * - mm_agents/agent.py:161-193 `parse_code_from_string` (what the agent executes for a reply; restated in
 *   agent-reply.ts) and :1053-1066 `parse_actions` (the pyautogui action space uses it);
 * - mm_agents/prompts.py:536-555 `SYS_PROMPT_IN_A11Y_OUT_CODE` (code in a fence; ```WAIT```, ```FAIL```, ```DONE```;
 *   no `locateCenterOnScreen`, no `screenshot()`);
 * - desktop_env/desktop_env.py:210-241 `step` (WAIT sleeps, FAIL and DONE end the episode, anything else is run as
 *   Python) and desktop_env/controllers/python.py:13-18,110-137 (`python -c` after the prefix
 *   `import pyautogui; import time; pyautogui.FAILSAFE = False; `; the exit status is never looked at).
 *
 * `codes` is what `parse_code_from_string` returns for `reply`, byte for byte. `accepted` says, per code, whether the
 * code changes the desktop in OSWorld (it runs without error) and so whether this dialect must accept it; code
 * that fails in Python (a syntax error) leaves the desktop as it was, which this dialect reports as a refusal, with
 * `reason` a pattern of our message.
 */

export interface ReplyFixture {
  readonly name: string;
  readonly reply: string;
  readonly codes: readonly string[];
  /** Per code: true when the dialect must accept it, else the pattern its refusal message must match. */
  readonly accepted: readonly (true | RegExp)[];
}

export const REPLY_FIXTURES: readonly ReplyFixture[] = [
  {
    name: 'a reflection, then one python block',
    reply:
      'The Save button of the dialog is at (1460, 988).\n```python\nimport pyautogui\npyautogui.click(1460, 988)\n```',
    codes: ['import pyautogui\npyautogui.click(1460, 988)'],
    accepted: [true],
  },
  {
    name: 'a block without a language word',
    reply: '```\npyautogui.scroll(-5)\n```',
    codes: ['pyautogui.scroll(-5)'],
    accepted: [true],
  },
  {
    name: 'two blocks are two actions, run one after the other',
    reply:
      "First save:\n```python\npyautogui.hotkey('ctrl', 's')\n```\nthen name the file:\n```python\npyautogui.write('report.odt')\npyautogui.press('enter')\n```",
    codes: ["pyautogui.hotkey('ctrl', 's')", "pyautogui.write('report.odt')\npyautogui.press('enter')"],
    accepted: [true, true],
  },
  {
    name: 'semicolons become line breaks before the fences are read',
    reply: "```python\npyautogui.click(100, 200); time.sleep(0.5); pyautogui.write('hello')\n```",
    codes: ["pyautogui.click(100, 200)\ntime.sleep(0.5)\npyautogui.write('hello')"],
    accepted: [true],
  },
  {
    name: 'a semicolon inside a string literal breaks the literal (the code then fails in Python)',
    reply: "```python\npyautogui.write('a;b')\n```",
    codes: ["pyautogui.write('a\nb')"],
    accepted: [/unterminated string/],
  },
  {
    name: 'the indentation of a lone line is trimmed with the block',
    reply: '```python\n    pyautogui.doubleClick(x=640, y=360)\n```',
    codes: ['pyautogui.doubleClick(x=640, y=360)'],
    accepted: [true],
  },
  {
    name: 'a one-line fenced special code',
    reply: 'The download is still running.\n```WAIT```',
    codes: ['WAIT'],
    accepted: [true],
  },
  {
    name: 'a special code fenced on its own line',
    reply: '```\nFAIL\n```',
    codes: ['FAIL'],
    accepted: [true],
  },
  {
    name: 'a bare special code is the whole reply',
    reply: '  DONE\n',
    codes: ['DONE'],
    accepted: [true],
  },
  {
    name: 'a block ending in a special code gives the code, then the special code',
    reply: "```python\npyautogui.press('enter')\nDONE\n```",
    codes: ["pyautogui.press('enter')", 'DONE'],
    accepted: [true, true],
  },
  {
    name: 'code outside a fence is not extracted',
    reply: 'pyautogui.click(35, 1045)',
    codes: [],
    accepted: [],
  },
  {
    name: 'a special code in prose is not extracted',
    reply: 'I think we are DONE now.',
    codes: [],
    accepted: [],
  },
  {
    name: 'a language word before a newline swallows a special code, leaving empty code',
    reply: '```DONE\n```',
    codes: [''],
    accepted: [/the code is empty/],
  },
  {
    name: 'invalid python is extracted as written and fails when run',
    reply: '```python\npyautogui.click(100, 200\n```',
    codes: ['pyautogui.click(100, 200'],
    accepted: [/not valid Python/],
  },
];

/**
 * Where this dialect is deliberately narrower than OSWorld: the harness runs any Python (its action space is open;
 * the Qwen-AgentWorld os template lists helper namespaces and `subprocess.run` too), while this dialect accepts the
 * pyautogui and `time.sleep` calls of functions.ts with literal arguments only, so that a world model's transition
 * can be checked against the calls. Each entry runs in OSWorld and is refused here.
 */
export const NARROWER_THAN_OSWORLD: readonly { readonly code: string; readonly reason: RegExp }[] = [
  { code: "subprocess.run(['libreoffice', '--calc'])", reason: /unknown function subprocess\.run/ },
  { code: 'x = 5\npyautogui.click(x, 2)', reason: /only function calls are allowed/ },
  {
    code: "pyautogui.locateCenterOnScreen('save.png')",
    reason: /unknown function pyautogui\.locateCenterOnScreen/,
  },
];

/** The command line OSWorld runs for one code string (desktop_env/controllers/python.py:15,116). */
export const OSWORLD_PYTHON_PREFIX = 'import pyautogui; import time; pyautogui.FAILSAFE = False; ';
