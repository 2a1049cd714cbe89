/**
 * The web harnesses from their policy's side.
 * - BrowserGym: a short instruction in the order of BrowserGym's generic agent prompt (instructions and goal,
 *   the observation of the current step, the action space), after ServiceNow/BrowserGym's
 *   `browsergym/experiments/src/browsergym/experiments/agents/generic_agent` prompt builder (structure only;
 *   no commit pinned here), our wording; the reply is the Python action code, each later observation the page.
 * - @playwright/mcp: an MCP client agent, the server's tools in the function-calling layout (tools.ts), the
 *   task and the page it starts on.
 */
import type { SessionRecord } from '../../core/turn.js';
import { BROWSERGYM_FUNCTIONS } from '../../domains/web/dialects/browsergym/functions.js';
import { WEB_PLAYWRIGHT_TOOLS, webDialectOf } from '../../domains/web/index.js';
import { functionCallingHarness, toolsSystemPrompt } from './tools.js';
import { type AgentHarness, plainAction, taskText } from './types.js';

/** The BrowserGym primitives as signatures, optional parameters marked `?`. */
export function browserGymActionSpace(): string {
  return Object.entries(BROWSERGYM_FUNCTIONS)
    .map(([name, signature]) => {
      const parameters = signature.parameters.map(
        ([parameter, kind, optional]) => `${parameter}${optional === true ? '?' : ''}: ${kind}`,
      );
      return `- ${name}(${parameters.join(', ')})`;
    })
    .join('\n');
}

const BROWSERGYM_INSTRUCTIONS = [
  '# Instructions',
  'You control a web browser to reach a goal. Each step you see the page as an accessibility tree, where [N] is',
  'the id of an element; pick the best next action and answer with it alone, as Python calls of the functions',
  'below. A program runs your answer, so follow the format exactly.',
].join('\n');

function browserGymHarness(record: SessionRecord): AgentHarness {
  return {
    name: 'browsergym (generic agent)',
    opening: {
      system: BROWSERGYM_INSTRUCTIONS,
      user: [
        '# Goal',
        taskText(record),
        '',
        '# Observation of the current step',
        record.initialObservation,
        '',
        '# Action space',
        browserGymActionSpace(),
      ].join('\n'),
    },
    renderAction: (action) =>
      action !== null && typeof action === 'object' && typeof (action as { code?: unknown }).code === 'string'
        ? (action as { code: string }).code
        : plainAction(action),
    observe: (turn) => turn.observation,
  };
}

function playwrightMcpHarness(record: SessionRecord): AgentHarness {
  const intro =
    'You are a browser agent driving a web browser through the tools of the Playwright MCP server. Pages are ' +
    'shown as accessibility snapshots; refer to an element by its ref. Act one tool call at a time until the ' +
    'task is done.';
  return functionCallingHarness({
    name: 'playwright-mcp (function calling)',
    system: toolsSystemPrompt(intro, record.spec.tools ?? WEB_PLAYWRIGHT_TOOLS),
    user: `${taskText(record)}\n\nThe browser is open on this page:\n${record.initialObservation}`,
  });
}

/** The web dialect's harness. */
export function webHarness(record: SessionRecord): AgentHarness {
  return webDialectOf(record.spec) === 'playwright-mcp'
    ? playwrightMcpHarness(record)
    : browserGymHarness(record);
}
