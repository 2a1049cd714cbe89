/**
 * How OSWorld's prompting agent takes the actions out of a model reply in the pyautogui action space
 * (`parse_code_from_string`, mm_agents/agent.py:161-193; read at pkueecszc/OSWorld eac51b5, the upstream
 * xlang-ai/OSWorld not being available here). Restated in our words:
 *
 * 1. The reply is cut at every `;`, each piece is trimmed, empty pieces are dropped and the rest joined with
 *    newlines (so `a(); b()` becomes two lines, and a `;` inside a string literal breaks the literal).
 * 2. If what is left, trimmed, is exactly `WAIT`, `DONE` or `FAIL`, that token is the only action.
 * 3. Otherwise every triple-backtick span is an action, in order: an optional language word followed by
 *    whitespace after the opening backticks is skipped, the rest up to the next triple backticks (shortest
 *    match) is trimmed. A span that is a special token is that token; a span whose last line is one gives the
 *    lines before it (when there are any) and then the token as two actions.
 * 4. Text outside backticks is never an action: a reply with no fence and no bare token yields none.
 *
 * The desktop side (desktop_env/desktop_env.py `step`, desktop_env/controllers/python.py) then runs each code
 * string as `python -c "import pyautogui; import time; pyautogui.FAILSAFE = False; <code>"` and ignores its exit
 * status: code that does not run (a syntax error, an unknown name) simply leaves the desktop as it was.
 */

/** The special codes, as OSWorld spells them. */
const SPECIAL_CODES = ['WAIT', 'DONE', 'FAIL'] as const;

function isSpecialCode(text: string): boolean {
  return (SPECIAL_CODES as readonly string[]).includes(text);
}

/** Python's `str.strip()` for the whitespace a reply holds. */
function strip(text: string): string {
  return text.replace(/^\s+|\s+$/g, '');
}

/** The code strings (or special codes) OSWorld's agent would execute for this reply, in order. */
export function extractPyautoguiCodes(reply: string): string[] {
  const joined = reply
    .split(';')
    .map(strip)
    .filter((piece) => piece.length > 0)
    .join('\n');
  if (isSpecialCode(strip(joined))) return [strip(joined)];
  const codes: string[] = [];
  for (const match of joined.matchAll(/```(?:[\p{L}\p{N}_]+\s+)?([\s\S]*?)```/gu)) {
    const body = strip(match[1] ?? '');
    const lines = body.split('\n');
    const last = lines[lines.length - 1] ?? '';
    if (isSpecialCode(body)) codes.push(body);
    else if (isSpecialCode(last)) {
      if (lines.length > 1) codes.push(lines.slice(0, -1).join('\n'));
      codes.push(last);
    } else codes.push(body);
  }
  return codes;
}
