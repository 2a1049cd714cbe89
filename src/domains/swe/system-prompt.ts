import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt, renderToolDefinitions } from '../shared/index.js';
import { normalizeSweAction } from './actions.js';
import { CLAUDE_CODE_ACTION_SPACE, CLAUDE_CODE_RESULT_FORMAT } from './dialects/claude-code/index.js';
import { GEMINI_CLI_ACTION_SPACE, GEMINI_CLI_RESULT_FORMAT } from './dialects/gemini-cli/index.js';
import { type SweDialect, sweDialectOf } from './dialects/index.js';
import {
  MINI_SWE_AGENT_ACTION_SPACE,
  MINI_SWE_AGENT_RESULT_FORMAT,
} from './dialects/mini-swe-agent/index.js';
import { SWE_AGENT_ACTION_SPACE, SWE_AGENT_RESULT_FORMAT } from './dialects/swe-agent/index.js';
import { readSweInitialData } from './initial-data.js';
import { renderSweAction } from './render.js';
import { sweTools } from './tools.js';

const ROLE =
  'You act as the computer a coding agent is working on: its repository, file system, shell and tools. ' +
  'Each turn the agent calls one tool; you answer with exactly what that tool would return on a real machine.';

const ACTION_SPACE: Record<SweDialect, string> = {
  'claude-code': CLAUDE_CODE_ACTION_SPACE,
  'gemini-cli': GEMINI_CLI_ACTION_SPACE,
  'mini-swe-agent': MINI_SWE_AGENT_ACTION_SPACE,
  'swe-agent': SWE_AGENT_ACTION_SPACE,
};

const RESULT_FORMAT: Record<SweDialect, string> = {
  'claude-code': CLAUDE_CODE_RESULT_FORMAT,
  'gemini-cli': GEMINI_CLI_RESULT_FORMAT,
  'mini-swe-agent': MINI_SWE_AGENT_RESULT_FORMAT,
  'swe-agent': SWE_AGENT_RESULT_FORMAT,
};

function simulationRules(spec: WorldSpec, dialect: SweDialect): string {
  const { cwd } = readSweInitialData(spec);
  return [
    `The repository is at ${cwd}. Keep one consistent file tree for the whole session.`,
    RESULT_FORMAT[dialect],
    '- A file written or edited earlier reads back exactly as it was left; edits apply to that exact text.',
    '- Track the working directory, environment variables, installed packages, git state, the todo list and background processes with their ids.',
    '- Missing files, bad arguments, missing commands (exit code 127) and failing builds or tests fail the way the real tools do.',
  ].join('\n');
}

/** The swe world-model system prompt for the spec's dialect and tools. */
export function sweSystemPrompt(spec: WorldSpec): string {
  const dialect = sweDialectOf(spec);
  return composeSystemPrompt(
    spec,
    {
      role: ROLE,
      actionSpace: ACTION_SPACE[dialect],
      simulationRules: simulationRules(spec, dialect),
      toolDefinitions: renderToolDefinitions(sweTools(spec)),
    },
    (action) => renderSweAction(normalizeSweAction(action, dialect), spec),
  );
}
