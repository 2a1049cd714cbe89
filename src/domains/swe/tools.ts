import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { CLAUDE_CODE_TOOLS } from './dialects/claude-code/index.js';
import { GEMINI_CLI_TOOLS } from './dialects/gemini-cli/index.js';
import { type SweDialect, sweDialectOf } from './dialects/index.js';
import { MINI_SWE_AGENT_TOOLS } from './dialects/mini-swe-agent/index.js';
import { SWE_AGENT_TOOLS } from './dialects/swe-agent/index.js';

export const SWE_BUILTIN_TOOLS: Readonly<Record<SweDialect, readonly ToolDefinition[]>> = {
  'claude-code': CLAUDE_CODE_TOOLS,
  'gemini-cli': GEMINI_CLI_TOOLS,
  'mini-swe-agent': MINI_SWE_AGENT_TOOLS,
  'swe-agent': SWE_AGENT_TOOLS,
};

/** The tools of a spec: its own `tools` when given, otherwise the dialect's built-in set. */
export function sweTools(spec: WorldSpec): readonly ToolDefinition[] {
  if (spec.tools !== undefined && spec.tools.length > 0) return spec.tools;
  return SWE_BUILTIN_TOOLS[sweDialectOf(spec)];
}

/** The dialects (other than `dialect`) whose built-in tools include `name`. */
export function dialectsWithTool(name: string, except: SweDialect): SweDialect[] {
  return (Object.keys(SWE_BUILTIN_TOOLS) as SweDialect[]).filter(
    (dialect) => dialect !== except && SWE_BUILTIN_TOOLS[dialect].some((entry) => entry.name === name),
  );
}
